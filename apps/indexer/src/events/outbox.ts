// Domain events reach the Redis Stream exactly once, even when the process dies between its commit and the
// append: the events are written to `event_outbox` in the transaction that stores their facts, appended
// after the commit, then the row is deleted. A row left behind is appended by the sweep; a marker key set by
// the same atomic script as the appends keeps a row that was appended but not deleted from going out twice.
import { DomainEventSchema, eventStream } from '@status-communities/queue';
import type { DomainEvent, EventStream } from '@status-communities/queue';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Sql, SqlClient } from '../persistence/sql.js';

/** How long a published row's marker lives: far longer than a row can wait between append and delete. */
const MARKER_TTL_SECONDS = 24 * 60 * 60;

/** Rows younger than this belong to a batch that is publishing them itself. */
const SWEEP_GRACE_MS = 5_000;
const SWEEP_PAGE = 100;

// Field names as libs/queue's appendEvent writes them (`type` beside the `event` JSON); the outbox tests
// read the stream back with its readEvents.
const APPEND_ONCE = `
if not redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[1]) then return 0 end
for i = 3, #ARGV, 2 do
  redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'type', ARGV[i], 'event', ARGV[i + 1])
end
return 1`;

const StoredEventsSchema = z.array(DomainEventSchema);

export interface OutboxRow {
  readonly id: bigint;
  readonly events: readonly DomainEvent[];
  /** Each event's type and JSON, serialised once for the row and the stream. */
  readonly entries: readonly (readonly [type: string, json: string])[];
}

const outboxRow = (id: bigint, events: readonly DomainEvent[]): OutboxRow => ({
  id,
  events,
  entries: events.map((event) => [event.type, JSON.stringify(event)] as const),
});

export class Outbox {
  readonly stream: EventStream;

  constructor(
    private readonly sql: Sql,
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.stream = eventStream({ prefix });
  }

  /**
   * Writes a transaction's events (validated: an invalid event is a bug and throws before the commit).
   * Returns the row, or undefined when there were none.
   */
  async write(client: SqlClient, events: readonly DomainEvent[]): Promise<OutboxRow | undefined> {
    if (events.length === 0) return undefined;
    const valid = outboxRow(
      0n,
      events.map((event) => DomainEventSchema.parse(event)),
    );
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO event_outbox (events) VALUES ($1::jsonb) RETURNING id`,
      [`[${valid.entries.map(([, json]) => json).join(',')}]`],
    );
    const [row] = rows;
    if (!row) throw new Error('INSERT … RETURNING returned no row');
    return { ...valid, id: BigInt(row.id) };
  }

  /** Appends each row's events once, in order, then deletes the rows. */
  async publish(rows: readonly OutboxRow[]): Promise<void> {
    for (const row of rows) {
      const fields = row.entries.flat();
      await this.redis.eval(
        APPEND_ONCE,
        2,
        this.stream.key,
        `${this.stream.key}:outbox:${row.id}`,
        MARKER_TTL_SECONDS,
        this.stream.maxLen,
        ...fields,
      );
    }
    if (rows.length > 0)
      await this.sql.query(`DELETE FROM event_outbox WHERE id = ANY($1::bigint[])`, [
        rows.map((row) => String(row.id)),
      ]);
  }

  /** Publishes rows a dead process left behind; returns how many. */
  async sweep(nowMs = Date.now()): Promise<number> {
    let published = 0;
    for (;;) {
      const { rows } = await this.sql.query<{ id: string; events: unknown }>(
        `SELECT id, events FROM event_outbox WHERE created_at < $1 ORDER BY id LIMIT $2`,
        [new Date(nowMs - SWEEP_GRACE_MS), SWEEP_PAGE],
      );
      await this.publish(rows.map((row) => outboxRow(BigInt(row.id), StoredEventsSchema.parse(row.events))));
      published += rows.length;
      if (rows.length < SWEEP_PAGE) return published;
    }
  }
}
