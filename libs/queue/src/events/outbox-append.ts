// The stream side of a transactional outbox: a service writes a change's events to `event_outbox` in the
// transaction that makes the change, appends them after the commit, then deletes the row; rows a dead
// process left behind are appended by a sweep. A marker key, set by the same atomic script as the appends,
// keeps a row that was appended but not yet deleted from going out twice. Every service shares the table and
// the marker names, so any service's sweep may append any row.
import type { RedisClient } from '../redis-client.js';
import type { DomainEvent } from './domain-events.js';
import type { EventStream } from './event-stream-key.js';
import { EVENT_FIELD, TYPE_FIELD } from './stream-entries.js';

/** How long a marker lives: far longer than a row can wait between its append and its deletion. */
const MARKER_TTL_SECONDS = 24 * 60 * 60;

/** Rows younger than this belong to a process that is appending them itself; sweeps leave them. */
export const OUTBOX_SWEEP_GRACE_MS = 5_000;

const APPEND_ONCE = `
if not redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[1]) then return 0 end
for i = 3, #ARGV, 2 do
  redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', '${TYPE_FIELD}', ARGV[i], '${EVENT_FIELD}', ARGV[i + 1])
end
return 1`;

/** An event's type and JSON, serialised once for the outbox row and the stream. */
export type OutboxEntry = readonly [type: string, json: string];

export const outboxEntries = (events: readonly DomainEvent[]): OutboxEntry[] =>
  events.map((event) => [event.type, JSON.stringify(event)] as const);

/**
 * Appends one outbox row's events to the stream in order, unless that row was appended before. Returns
 * whether this call appended them.
 */
export const appendOutboxRowOnce = async (
  redis: RedisClient,
  stream: EventStream,
  rowId: bigint,
  entries: readonly OutboxEntry[],
): Promise<boolean> => {
  const appended = await redis.eval(
    APPEND_ONCE,
    2,
    stream.key,
    stream.outboxMarker(rowId),
    MARKER_TTL_SECONDS,
    stream.maxLen,
    ...entries.flat(),
  );
  return appended === 1;
};
