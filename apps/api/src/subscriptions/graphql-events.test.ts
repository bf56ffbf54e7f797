import { describe, expect, it } from '@jest/globals';
import { DomainEventSchema } from '@status-communities/queue';
import type { StoredEvent } from '@status-communities/queue';
import { communityIdOf, directMessageReceived, memberKeyOf, messageIdOf } from '../testing/domain-events.js';
import { fromEventType, toEventType, toGraphqlEvent } from './graphql-events.js';

const TENANT = '0190a1b2-0000-7000-8000-000000000001';

describe('stream events as GraphQL objects', () => {
  it('names every stream type in the schema enum and back', () => {
    const types = DomainEventSchema.options.map((option) => option.shape.type.value);
    for (const type of types) expect(fromEventType(toEventType(type))).toBe(type);
    expect(toEventType('reaction.changed')).toBe('REACTION_CHANGED');
    expect(toEventType('keys.rotated')).toBe('KEYS_ROTATED');
    expect(toEventType('direct.message_received')).toBe('DIRECT_MESSAGE_RECEIVED');
    expect(toEventType('direct.contact_request_received')).toBe('CONTACT_REQUEST_RECEIVED');
    expect(fromEventType('DIRECT_MESSAGE_ACKNOWLEDGED')).toBe('direct.message_acknowledged');
  });

  it('shows a 1:1 message as a DirectMessageReceivedEvent of no community, without its tenant', () => {
    const event = directMessageReceived(TENANT, memberKeyOf(1), memberKeyOf(2), 5);
    const object = toGraphqlEvent({ id: '1764000000000-5', event });
    expect(object).toMatchObject({
      __typename: 'DirectMessageReceivedEvent',
      type: 'DIRECT_MESSAGE_RECEIVED',
      communityId: null,
      botKey: memberKeyOf(1),
      peerKey: memberKeyOf(2),
      messageId: messageIdOf(5),
      kind: 'TEXT',
      text: 'direct 5',
    });
  });

  it('shows a key rotation as a KeysRotatedEvent, with no key in it', () => {
    const object = toGraphqlEvent({
      id: '1764000000000-4',
      event: {
        type: 'keys.rotated',
        communityId: communityIdOf(1),
        occurredAt: 1_764_000_000_000,
        clock: '1764000000000',
        groups: ['community'],
        reason: 'members-removed',
      },
    });
    expect(object).toMatchObject({
      __typename: 'KeysRotatedEvent',
      type: 'KEYS_ROTATED',
      groups: ['community'],
      reason: 'members-removed',
    });
  });

  it('gives a decided request its id, type, time and decision in the schema words, once for all subscribers', () => {
    const stored: StoredEvent = {
      id: '1764000000000-3',
      event: {
        type: 'request.decided',
        communityId: communityIdOf(1),
        occurredAt: 1_764_000_000_000,
        requestId: messageIdOf(7),
        requesterKey: memberKeyOf(7),
        decision: 'declined',
        decidedBy: 'admin',
      },
    };
    const object = toGraphqlEvent(stored);
    expect(object).toEqual({
      __typename: 'RequestEvent',
      eventId: '1764000000000-3',
      type: 'REQUEST_DECIDED',
      communityId: communityIdOf(1),
      occurredAt: new Date(1_764_000_000_000),
      correlationId: null,
      requestId: messageIdOf(7),
      requesterKey: memberKeyOf(7),
      decision: 'DECLINE',
      decidedBy: 'admin',
    });
    expect(toGraphqlEvent(stored)).toBe(object);
  });
});
