import type { DomainEvent, DomainEventType } from '@status-communities/queue';

/** What a subscriber asked for; every part left out matches everything. */
export interface EventFilter {
  readonly communityId?: string | undefined;
  /** Only events of this channel: events that belong to no channel (members, requests) never match. */
  readonly channelId?: string | undefined;
  readonly types?: ReadonlySet<DomainEventType> | undefined;
  /** Only this bot's 1:1 events: community events never match. */
  readonly botKey?: string | undefined;
  /** Only 1:1 events with this peer: community events never match. */
  readonly peerKey?: string | undefined;
}

export const channelOf = (event: DomainEvent): string | undefined =>
  'channelId' in event ? event.channelId : undefined;

/** The event's community; none for a bot's 1:1 events. */
export const communityOf = (event: DomainEvent): string | undefined =>
  'communityId' in event ? event.communityId : undefined;

/** A community or channel filter never matches 1:1 events: they belong to no community. */
export const matchesFilter = (event: DomainEvent, filter: EventFilter): boolean =>
  (filter.types === undefined || filter.types.has(event.type)) &&
  (filter.communityId === undefined || filter.communityId === communityOf(event)) &&
  (filter.channelId === undefined || filter.channelId === channelOf(event)) &&
  (filter.botKey === undefined || ('botKey' in event && filter.botKey === event.botKey)) &&
  (filter.peerKey === undefined || ('peerKey' in event && filter.peerKey === event.peerKey));
