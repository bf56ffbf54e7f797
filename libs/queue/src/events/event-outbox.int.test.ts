import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { prismaSql } from '@status-communities/db';
import type { SqlQuery } from '@status-communities/db';
import { createTestDatabase } from '@status-communities/db/testing';
import type { TestDatabase } from '@status-communities/db/testing';
import { closeRedis, createRedisConnection, deleteKeyspace, eventStream, readEvents } from '../index.js';
import type { DomainEvent } from '../index.js';
import type { RedisClient } from '../redis-client.js';
import { EventOutbox } from './event-outbox.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const COMMUNITY = '0x02' + 'ab'.repeat(32);

const joined = (n: number): DomainEvent => ({
  type: 'member.joined',
  communityId: COMMUNITY,
  occurredAt: 1_700_000_000_000 + n,
  memberKey: '0x04' + n.toString(16).padStart(2, '0').repeat(64),
});

describe('the event outbox on real PostgreSQL and Redis', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let redis: RedisClient;
  let outbox: EventOutbox;
  const prefix = `test-outbox-${randomUUID()}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
    redis = createRedisConnection(REDIS_URL);
    outbox = new EventOutbox(pool, redis, eventStream({ prefix }));
  });
  afterAll(async () => {
    await deleteKeyspace(redis, prefix);
    await closeRedis(redis);
    await pool.end();
    await db.drop();
  });

  /** Runs `work` in a pg transaction, as the indexer's ingest path does. */
  const pgTransaction = async <T>(work: (tx: SqlQuery) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  };
  /** Runs `work` in a Prisma transaction, as the publisher and the request handler do. */
  const prismaTransaction = <T>(work: (tx: SqlQuery) => Promise<T>): Promise<T> =>
    db.prisma.$transaction((tx) => work(prismaSql(tx)));

  const stream = async () =>
    (await readEvents(redis, { stream: outbox.stream, count: 1_000 })).events.map((e) => e.event);
  const rows = () => db.prisma.eventOutbox.count();

  it.each([
    ['pg', pgTransaction],
    ['Prisma', prismaTransaction],
  ])(
    'appends the events of a row committed in a %s transaction in order, and deletes the row',
    async (_, transaction) => {
      const before = (await stream()).length;
      const row = await transaction((tx) => outbox.write(tx, [joined(1), joined(2)]));
      expect(row).toBeDefined();
      expect(await rows()).toBe(1);
      await outbox.publish(row ? [row] : []);
      expect((await stream()).slice(before)).toEqual([joined(1), joined(2)]);
      expect(await rows()).toBe(0);
    },
  );

  it('writes nothing when a rolled-back transaction wrote the row', async () => {
    await expect(
      prismaTransaction(async (tx) => {
        await outbox.write(tx, [joined(3)]);
        throw new Error('the change failed after writing its events');
      }),
    ).rejects.toThrow('the change failed');
    expect(await rows()).toBe(0);
  });

  it('appends a row once even when publishing it again (died after the append, before the delete)', async () => {
    const before = (await stream()).length;
    const row = await pgTransaction((tx) => outbox.write(tx, [joined(4)]));
    if (!row) throw new Error('no row');
    // The first publish appended; the process died before deleting, so the row is still there.
    await outbox.publish([row]);
    await pool.query(`INSERT INTO event_outbox (id, events) VALUES ($1, $2::jsonb)`, [
      String(row.id),
      JSON.stringify(row.events),
    ]);
    await outbox.publish([row]);
    expect((await stream()).slice(before)).toEqual([joined(4)]);
    expect(await rows()).toBe(0);
  });

  it('sweeps rows a dead process committed and never appended, once they are old enough', async () => {
    const before = (await stream()).length;
    await prismaTransaction((tx) => outbox.write(tx, [joined(5), joined(6)]));
    await pgTransaction((tx) => outbox.write(tx, [joined(7)]));
    expect(await outbox.sweep()).toBe(0);
    expect(await outbox.sweep(Date.now() + 60_000)).toBe(2);
    expect((await stream()).slice(before)).toEqual([joined(5), joined(6), joined(7)]);
    expect(await rows()).toBe(0);
  });

  it('sweeps with a Prisma client as well as a pg pool', async () => {
    const before = (await stream()).length;
    const viaPrisma = new EventOutbox(prismaSql(db.prisma), redis, outbox.stream);
    await pgTransaction((tx) => viaPrisma.write(tx, [joined(8)]));
    expect(await viaPrisma.sweep(Date.now() + 60_000)).toBe(1);
    expect((await stream()).slice(before)).toEqual([joined(8)]);
    expect(await rows()).toBe(0);
  });

  it('refuses an invalid event before anything is written', async () => {
    const invalid = { ...joined(9), memberKey: 'not a key' };
    await expect(prismaTransaction((tx) => outbox.write(tx, [invalid]))).rejects.toThrow();
    expect(await rows()).toBe(0);
  });
});
