import type { DomainEvent } from '@status-communities/queue';

type Without<T> = T extends unknown ? Omit<T, 'communityId' | 'occurredAt' | 'correlationId'> : never;

/** Where and when the handled job's events happened. */
export interface EventOrigin {
  readonly communityId: string;
  readonly occurredAt: number;
  readonly correlationId: string;
}

/** Domain events of one job, each stamped with the job's community, time and correlation id. */
export const eventsAt = (origin: EventOrigin, ...events: Without<DomainEvent>[]): DomainEvent[] =>
  events.map((event) => ({ ...event, ...origin }) as DomainEvent);
