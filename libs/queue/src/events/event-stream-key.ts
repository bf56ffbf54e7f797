import { DEFAULT_KEY_PREFIX } from '../keyspace.js';
import { redisKeys } from '../redis-keys.js';

/**
 * How many events the stream keeps (trimmed approximately, so a little more). A client that resumes from an
 * id older than the oldest kept event has missed events and must reload from the database.
 */
export const DEFAULT_EVENT_STREAM_MAX_LEN = 100_000;

export interface EventStream {
  /** `<prefix>:{events.domain}` (redisKeys). */
  readonly key: string;
  readonly maxLen: number;
  /** The key that marks an outbox row as appended (redisKeys). */
  readonly outboxMarker: (rowId: bigint) => string;
}

export interface EventStreamOptions {
  readonly prefix?: string;
  readonly maxLen?: number;
}

export const eventStream = (options: EventStreamOptions = {}): EventStream => {
  const keys = redisKeys(options.prefix ?? DEFAULT_KEY_PREFIX);
  return {
    key: keys.eventStream,
    maxLen: options.maxLen ?? DEFAULT_EVENT_STREAM_MAX_LEN,
    outboxMarker: keys.outboxMarker,
  };
};
