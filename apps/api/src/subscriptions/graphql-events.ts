import { bug } from '@status-communities/errors';
import type { DomainEvent, DomainEventType, StoredEvent } from '@status-communities/queue';
import type { EventType } from '../generated/graphql.js';

/**
 * The stream's type names as the schema's enum: `message.added` is MESSAGE_ADDED. 1:1 events drop their
 * `direct.` where the issue names them so (CONTACT_REQUEST_RECEIVED), keeping it where the name would be
 * ambiguous without it (DIRECT_MESSAGE_RECEIVED).
 */
const EVENT_TYPES: Record<DomainEventType, EventType> = {
  'community.updated': 'COMMUNITY_UPDATED',
  'member.joined': 'MEMBER_JOINED',
  'member.left': 'MEMBER_LEFT',
  'member.kicked': 'MEMBER_KICKED',
  'member.banned': 'MEMBER_BANNED',
  'member.unbanned': 'MEMBER_UNBANNED',
  'member.removed': 'MEMBER_REMOVED',
  'member.roles_changed': 'MEMBER_ROLES_CHANGED',
  'message.added': 'MESSAGE_ADDED',
  'message.edited': 'MESSAGE_EDITED',
  'message.deleted': 'MESSAGE_DELETED',
  'message.pinned': 'MESSAGE_PINNED',
  'reaction.changed': 'REACTION_CHANGED',
  'request.received': 'REQUEST_RECEIVED',
  'request.decided': 'REQUEST_DECIDED',
  'request.canceled': 'REQUEST_CANCELED',
  'keys.rotated': 'KEYS_ROTATED',
  'direct.message_received': 'DIRECT_MESSAGE_RECEIVED',
  'direct.contact_request_received': 'CONTACT_REQUEST_RECEIVED',
  'direct.message_acknowledged': 'DIRECT_MESSAGE_ACKNOWLEDGED',
};
const DOMAIN_EVENT_TYPES = new Map(
  Object.entries(EVENT_TYPES).map(([domain, type]) => [type, domain as DomainEventType]),
);

/** `message.added` → `MESSAGE_ADDED`. */
export const toEventType = (type: DomainEventType): EventType => EVENT_TYPES[type];

/** `MESSAGE_ADDED` → `message.added`. */
export const fromEventType = (type: EventType): DomainEventType =>
  DOMAIN_EVENT_TYPES.get(type) ?? bug(`event type ${type} has no stream name`);

/** The fields every event type shares; the rest are the event's own. */
export interface GraphqlEvent {
  readonly __typename: string;
  readonly eventId: string;
  readonly type: EventType;
  /** Null for 1:1 events. */
  readonly communityId: string | null;
  readonly occurredAt: Date;
  readonly correlationId: string | null;
}

const typeNameOf = (event: DomainEvent): string => {
  switch (event.type) {
    case 'community.updated':
      return 'CommunityUpdatedEvent';
    case 'member.joined':
    case 'member.left':
    case 'member.kicked':
    case 'member.banned':
    case 'member.unbanned':
    case 'member.removed':
    case 'member.roles_changed':
      return 'MemberEvent';
    case 'request.received':
    case 'request.decided':
    case 'request.canceled':
      return 'RequestEvent';
    case 'message.added':
      return 'MessageAddedEvent';
    case 'message.edited':
      return 'MessageEditedEvent';
    case 'message.deleted':
      return 'MessageDeletedEvent';
    case 'message.pinned':
      return 'MessagePinnedEvent';
    case 'reaction.changed':
      return 'ReactionChangedEvent';
    case 'keys.rotated':
      return 'KeysRotatedEvent';
    case 'direct.message_received':
      return 'DirectMessageReceivedEvent';
    case 'direct.contact_request_received':
      return 'ContactRequestReceivedEvent';
    case 'direct.message_acknowledged':
      return 'DirectMessageAcknowledgedEvent';
  }
};

const toObject = ({ id, event }: StoredEvent): GraphqlEvent => ({
  communityId: null,
  ...event,
  ...(event.type === 'request.decided'
    ? { decision: event.decision === 'accepted' ? ('ACCEPT' as const) : ('DECLINE' as const) }
    : {}),
  __typename: typeNameOf(event),
  eventId: id,
  type: toEventType(event.type),
  occurredAt: new Date(event.occurredAt),
  correlationId: event.correlationId ?? null,
});

// The tail hands the same StoredEvent to every subscriber: converted once, not once per subscriber.
const converted = new WeakMap<StoredEvent, GraphqlEvent>();

/**
 * A stored event as the schema's object: the event's own fields (they are named as in the schema), its id,
 * the enum type, a Date, and a request decision in the schema's words. Shared: never mutate it.
 */
export const toGraphqlEvent = (stored: StoredEvent): GraphqlEvent => {
  let object = converted.get(stored);
  if (object === undefined) {
    object = toObject(stored);
    converted.set(stored, object);
  }
  return object;
};
