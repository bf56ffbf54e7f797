import { checkKeyPrefix, DEFAULT_KEY_PREFIX, hashTagged } from '../keyspace.js';

/**
 * How many events the stream keeps (trimmed approximately, so a little more). A client that resumes from an
 * id older than the oldest kept event has missed events and must reload from the database.
 */
export const DEFAULT_EVENT_STREAM_MAX_LEN = 100_000;

export interface EventStream {
  /** `<prefix>:{events.domain}`: one key, so any hash tag keeps it in one slot; the tag is for uniformity. */
  readonly key: string;
  readonly maxLen: number;
}

export interface EventStreamOptions {
  readonly prefix?: string;
  readonly maxLen?: number;
}

export const eventStream = (options: EventStreamOptions = {}): EventStream => ({
  key: `${checkKeyPrefix(options.prefix ?? DEFAULT_KEY_PREFIX)}:${hashTagged('events.domain')}`,
  maxLen: options.maxLen ?? DEFAULT_EVENT_STREAM_MAX_LEN,
});
