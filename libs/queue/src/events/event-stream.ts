import { ErrorCode, StatusError } from '@status-communities/errors';
import type { RedisClient } from '../redis-client.js';
import { DomainEventSchema } from './domain-events.js';
import type { DomainEvent } from './domain-events.js';
import { eventStream } from './event-stream-key.js';
import type { EventStream } from './event-stream-key.js';
import { EVENT_FIELD, toEventBatch, TYPE_FIELD } from './stream-entries.js';
import type { EventBatch } from './stream-entries.js';

/**
 * Appends an event (XADD … MAXLEN ~ maxLen) and returns its stream id. An invalid event is a bug in the
 * producer, so it throws a StatusError(INVALID_EVENT) rather than reaching readers.
 */
export const appendEvent = async (
  redis: RedisClient,
  event: DomainEvent,
  stream: EventStream = eventStream(),
): Promise<string> => {
  const parsed = DomainEventSchema.safeParse(event);
  if (!parsed.success) {
    throw new StatusError(ErrorCode.INVALID_EVENT, `Invalid ${String(event.type)} event`, {
      issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    });
  }
  const id = await redis.xadd(
    stream.key,
    'MAXLEN',
    '~',
    stream.maxLen,
    '*',
    TYPE_FIELD,
    parsed.data.type,
    EVENT_FIELD,
    JSON.stringify(parsed.data),
  );
  // XADD without NOMKSTREAM always returns an id.
  return id as string;
};

export interface ReadEventsOptions {
  readonly stream?: EventStream;
  /** Exclusive: events after this id. `0-0` (default) reads from the oldest kept, `$` only new ones. */
  readonly after?: string;
  /** At most this many (default 100). */
  readonly count?: number;
  /**
   * Wait up to this many ms for an event when there is none (XREAD BLOCK). Blocking holds the connection:
   * use a connection of its own, not one shared with producers.
   */
  readonly block?: number;
}

/** Reads events after an id, so a subscriber resumes exactly where it stopped. */
export const readEvents = async (
  redis: RedisClient,
  options: ReadEventsOptions = {},
): Promise<EventBatch> => {
  const stream = options.stream ?? eventStream();
  const count = options.count ?? 100;
  const after = options.after ?? '0-0';
  // The typed methods, not `call`: ioredis 6 speaks RESP3 and only they turn XREAD's map reply into pairs.
  const reply =
    options.block === undefined
      ? await redis.xread('COUNT', count, 'STREAMS', stream.key, after)
      : await redis.xread('COUNT', count, 'BLOCK', options.block, 'STREAMS', stream.key, after);
  return toEventBatch(reply?.[0]?.[1] ?? []);
};
