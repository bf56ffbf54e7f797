// Domain events reach the stream exactly once even when the process dies between its commit and the append:
// the transactional outbox of libs/queue (outbox-append), with Prisma for the `event_outbox` rows, written in
// the transaction that makes the change; the sweep runs at start and on a timer.
import type { Prisma, PrismaClient } from '@status-communities/db';
import type { DomainEvent, EventStream } from '@status-communities/queue';
import {
  DomainEventSchema,
  OUTBOX_SWEEP_GRACE_MS,
  appendOutboxRowOnce,
  outboxEntries,
} from '@status-communities/queue';
import type { Redis } from 'ioredis';
import { z } from 'zod';

const SWEEP_PAGE = 100;

const StoredEventsSchema = z.array(DomainEventSchema);

/** Writes a change's events in its transaction (an invalid event is a bug: it throws before the commit). */
export const writeOutbox = async (
  tx: Prisma.TransactionClient,
  events: readonly DomainEvent[],
): Promise<bigint | undefined> => {
  if (events.length === 0) return undefined;
  const valid = events.map((event) => DomainEventSchema.parse(event));
  const row = await tx.eventOutbox.create({
    data: { events: valid as unknown as Prisma.InputJsonArray },
    select: { id: true },
  });
  return row.id;
};

export class EventOutbox {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly redis: Redis,
    private readonly stream: EventStream,
  ) {}

  /** Appends one row's events once, in order, then deletes the row. */
  async publish(id: bigint, events: readonly DomainEvent[]): Promise<void> {
    await appendOutboxRowOnce(this.redis, this.stream, id, outboxEntries(events));
    await this.prisma.eventOutbox.deleteMany({ where: { id } });
  }

  /** Publishes the rows a dead process left behind; returns how many. */
  async sweep(nowMs: number): Promise<number> {
    let published = 0;
    for (;;) {
      const rows = await this.prisma.eventOutbox.findMany({
        where: { createdAt: { lt: new Date(nowMs - OUTBOX_SWEEP_GRACE_MS) } },
        orderBy: { id: 'asc' },
        take: SWEEP_PAGE,
      });
      for (const row of rows) await this.publish(row.id, StoredEventsSchema.parse(row.events));
      published += rows.length;
      if (rows.length < SWEEP_PAGE) return published;
    }
  }
}
