// The transactional outbox every service that announces domain events uses: a change's events are written to
// `event_outbox` in the transaction that makes the change, appended to the stream after the commit, then the
// row is deleted; rows a dead process left behind are appended by the sweep (any service's sweep may append
// any row: appendOutboxRowOnce keeps a row from going out twice). Plain SQL through libs/db's `SqlQuery`, so
// a pg transaction (the indexer's ingest path) and a Prisma one (prismaSql) write the same rows.
import { z } from 'zod';
import type { SqlQuery } from '@status-communities/db';
import type { Logger } from '@status-communities/observability';
import type { RedisClient } from '../redis-client.js';
import { DomainEventSchema } from './domain-events.js';
import type { DomainEvent } from './domain-events.js';
import type { EventStream } from './event-stream-key.js';
import { OUTBOX_SWEEP_GRACE_MS, appendOutboxRowOnce, outboxEntries } from './outbox-append.js';
import type { OutboxEntry } from './outbox-append.js';

const SWEEP_PAGE = 100;

export interface OutboxRow {
  readonly id: bigint;
  readonly events: readonly DomainEvent[];
  /** Each event's type and JSON, serialised once for the row and the stream. */
  readonly entries: readonly OutboxEntry[];
}

// pg returns bigint columns as strings, Prisma as bigints.
const InsertedRowSchema = z.object({ id: z.coerce.bigint() });
const StoredRowSchema = z.object({ id: z.coerce.bigint(), events: z.array(DomainEventSchema) });

const outboxRow = (id: bigint, events: readonly DomainEvent[]): OutboxRow => ({
  id,
  events,
  entries: outboxEntries(events),
});

export class EventOutbox {
  constructor(
    /** The connection pool the rows are published and swept with (outside any transaction). */
    private readonly sql: SqlQuery,
    private readonly redis: RedisClient,
    readonly stream: EventStream,
  ) {}

  /**
   * Writes a change's events in its transaction `tx` (validated: an invalid event is a bug and throws before
   * the commit). Returns the row to publish after the commit, or undefined when there were none.
   */
  async write(tx: SqlQuery, events: readonly DomainEvent[]): Promise<OutboxRow | undefined> {
    if (events.length === 0) return undefined;
    const valid = outboxRow(
      0n,
      events.map((event) => DomainEventSchema.parse(event)),
    );
    const { rows } = await tx.query(`INSERT INTO event_outbox (events) VALUES ($1::jsonb) RETURNING id`, [
      `[${valid.entries.map(([, json]) => json).join(',')}]`,
    ]);
    return { ...valid, id: InsertedRowSchema.parse(rows[0]).id };
  }

  /** Appends each row's events once, in order, then deletes the rows. */
  async publish(rows: readonly OutboxRow[]): Promise<void> {
    for (const row of rows) await appendOutboxRowOnce(this.redis, this.stream, row.id, row.entries);
    if (rows.length > 0)
      await this.sql.query(`DELETE FROM event_outbox WHERE id = ANY($1::bigint[])`, [
        rows.map((row) => String(row.id)),
      ]);
  }

  /** Publishes the rows a dead process left behind; returns how many. */
  async sweep(nowMs = Date.now()): Promise<number> {
    let published = 0;
    for (;;) {
      const { rows } = await this.sql.query(
        `SELECT id, events FROM event_outbox WHERE created_at < $1 ORDER BY id LIMIT $2`,
        [new Date(nowMs - OUTBOX_SWEEP_GRACE_MS), SWEEP_PAGE],
      );
      await this.publish(
        rows.map((stored) => {
          const row = StoredRowSchema.parse(stored);
          return outboxRow(row.id, row.events);
        }),
      );
      published += rows.length;
      if (rows.length < SWEEP_PAGE) return published;
    }
  }
}

export interface OutboxSweepsOptions {
  readonly everyMs: number;
  readonly logger: Logger;
  /** Unix ms. Default Date.now. */
  readonly clock?: () => number;
}

/**
 * Sweeps now (the events of a change committed just before a crash go out at start, not at the next tick)
 * and then every `everyMs`. Returns the function that stops the timer.
 */
export const startOutboxSweeps = async (
  outbox: EventOutbox,
  { everyMs, logger, clock = Date.now }: OutboxSweepsOptions,
): Promise<() => void> => {
  const sweep = () =>
    outbox
      .sweep(clock())
      .then((published) => {
        if (published > 0) logger.info({ published }, 'events left in the outbox appended');
      })
      .catch((error: unknown) => logger.error({ err: error }, 'outbox sweep failed'));
  await sweep();
  const timer = setInterval(() => void sweep(), everyMs);
  return () => clearInterval(timer);
};
