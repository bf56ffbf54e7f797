import type { DomainEvent, DomainEventType } from '@status-communities/queue';

/** What a subscriber asked for; every part left out matches everything. */
export interface EventFilter {
  readonly communityId?: string | undefined;
  /** Only events of this channel: events that belong to no channel (members, requests) never match. */
  readonly channelId?: string | undefined;
  readonly types?: ReadonlySet<DomainEventType> | undefined;
}

export const channelOf = (event: DomainEvent): string | undefined =>
  'channelId' in event ? event.channelId : undefined;

export const matchesFilter = (event: DomainEvent, filter: EventFilter): boolean =>
  (filter.types === undefined || filter.types.has(event.type)) &&
  (filter.communityId === undefined || filter.communityId === event.communityId) &&
  (filter.channelId === undefined || filter.channelId === channelOf(event));
