// Domain events reach the stream exactly once even when the process dies between its commit and the append:
// they are written to `event_outbox` in the transaction that makes the change, appended after the commit,
// then the row is deleted. Rows a dead process left behind are appended by the sweep (at start and on a
// timer). A marker key set by the same script as the appends keeps a row appended but not yet deleted from
// going out twice; its name is the indexer's (`<stream>:outbox:<row id>`), whose sweep reads the same table.
import type { Prisma, PrismaClient } from '@status-communities/db';
import type { DomainEvent, EventStream } from '@status-communities/queue';
import { DomainEventSchema } from '@status-communities/queue';
import type { Redis } from 'ioredis';
import { z } from 'zod';

/** Far longer than a row can wait between its append and its deletion. */
const MARKER_TTL_SECONDS = 24 * 60 * 60;
/** Rows younger than this belong to a job that is appending them itself. */
const SWEEP_GRACE_MS = 5_000;
const SWEEP_PAGE = 100;

const APPEND_ONCE = `
if not redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[1]) then return 0 end
for i = 3, #ARGV, 2 do
  redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'type', ARGV[i], 'event', ARGV[i + 1])
end
return 1`;

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
    const fields = events.flatMap((event) => [event.type, JSON.stringify(event)]);
    await this.redis.eval(
      APPEND_ONCE,
      2,
      this.stream.key,
      `${this.stream.key}:outbox:${id}`,
      MARKER_TTL_SECONDS,
      this.stream.maxLen,
      ...fields,
    );
    await this.prisma.eventOutbox.deleteMany({ where: { id } });
  }

  /** Publishes the rows a dead process left behind; returns how many. */
  async sweep(nowMs: number): Promise<number> {
    let published = 0;
    for (;;) {
      const rows = await this.prisma.eventOutbox.findMany({
        where: { createdAt: { lt: new Date(nowMs - SWEEP_GRACE_MS) } },
        orderBy: { id: 'asc' },
        take: SWEEP_PAGE,
      });
      for (const row of rows) await this.publish(row.id, StoredEventsSchema.parse(row.events));
      published += rows.length;
      if (rows.length < SWEEP_PAGE) return published;
    }
  }
}
