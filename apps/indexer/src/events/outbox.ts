// Domain events reach the Redis Stream exactly once, even when the process dies between its commit and the
// append: the transactional outbox of libs/queue (outbox-append), with the indexer's own SQL connection for
// the `event_outbox` rows, written in the transaction that stores their facts.
import {
  DomainEventSchema,
  OUTBOX_SWEEP_GRACE_MS,
  appendOutboxRowOnce,
  eventStream,
  outboxEntries,
} from '@status-communities/queue';
import type { DomainEvent, EventStream, OutboxEntry } from '@status-communities/queue';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Sql, SqlClient } from '../persistence/sql.js';

const SWEEP_PAGE = 100;

const StoredEventsSchema = z.array(DomainEventSchema);

export interface OutboxRow {
  readonly id: bigint;
  readonly events: readonly DomainEvent[];
  /** Each event's type and JSON, serialised once for the row and the stream. */
  readonly entries: readonly OutboxEntry[];
}

const outboxRow = (id: bigint, events: readonly DomainEvent[]): OutboxRow => ({
  id,
  events,
  entries: outboxEntries(events),
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
    for (const row of rows) await appendOutboxRowOnce(this.redis, this.stream, row.id, row.entries);
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
        [new Date(nowMs - OUTBOX_SWEEP_GRACE_MS), SWEEP_PAGE],
      );
      await this.publish(rows.map((row) => outboxRow(BigInt(row.id), StoredEventsSchema.parse(row.events))));
      published += rows.length;
      if (rows.length < SWEEP_PAGE) return published;
    }
  }
}
