import type { DomainEvent, DomainEventType, StoredEvent } from '@status-communities/queue';
import type { EventType } from '../generated/graphql.js';

/** `message.added` → `MESSAGE_ADDED`: the stream's type names as the schema's enum. */
export const toEventType = (type: DomainEventType): EventType =>
  type.toUpperCase().replace('.', '_') as EventType;

/** `MESSAGE_ADDED` → `message.added`. */
export const fromEventType = (type: EventType): DomainEventType =>
  type.toLowerCase().replace('_', '.') as DomainEventType;

/** The fields every event type shares; the rest are the event's own. */
export interface GraphqlEvent {
  readonly __typename: string;
  readonly eventId: string;
  readonly type: EventType;
  readonly communityId: string;
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
  }
};

const toObject = ({ id, event }: StoredEvent): GraphqlEvent => ({
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
