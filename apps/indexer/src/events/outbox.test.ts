import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase } from '@status-communities/db/testing';
import type { TestDatabase } from '@status-communities/db/testing';
import { createLogger } from '@status-communities/observability';
import { closeRedis, createRedisConnection, deleteKeyspace, readEvents } from '@status-communities/queue';
import type { DomainEvent } from '@status-communities/queue';
import type { Redis } from 'ioredis';
import { Sql } from '../persistence/sql.js';
import { REDIS_URL } from '../testing/harness.js';
import { Outbox } from './outbox.js';

const COMMUNITY = '0x02' + 'ab'.repeat(32);

const joined = (n: number): DomainEvent => ({
  type: 'member.joined',
  communityId: COMMUNITY,
  occurredAt: 1_700_000_000_000 + n,
  memberKey: '0x04' + n.toString(16).padStart(2, '0').repeat(64),
});

describe('the event outbox on real PostgreSQL and Redis', () => {
  let db: TestDatabase;
  let sql: Sql;
  let redis: Redis;
  let outbox: Outbox;
  const prefix = `test-outbox-${randomUUID()}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = new Sql(db.url, createLogger({ serviceName: 'indexer', level: 'silent' }));
    redis = createRedisConnection(REDIS_URL);
    outbox = new Outbox(sql, redis, prefix);
  });
  afterAll(async () => {
    await deleteKeyspace(redis, prefix);
    await closeRedis(redis);
    await sql.close();
    await db.drop();
  });

  const stream = async () =>
    (await readEvents(redis, { stream: outbox.stream, count: 1_000 })).events.map((e) => e.event);
  const rows = () => db.prisma.eventOutbox.count();

  it('appends a committed row’s events in order, readable by the stream readers, and deletes the row', async () => {
    const row = await sql.transaction((client) => outbox.write(client, [joined(1), joined(2)]));
    expect(row).toBeDefined();
    expect(await rows()).toBe(1);
    await outbox.publish(row ? [row] : []);
    expect(await stream()).toEqual([joined(1), joined(2)]);
    expect(await rows()).toBe(0);
  });

  it('writes nothing when a rolled-back transaction wrote the row', async () => {
    await expect(
      sql.transaction(async (client) => {
        await outbox.write(client, [joined(3)]);
        throw new Error('the batch failed after writing its events');
      }),
    ).rejects.toThrow('the batch failed');
    expect(await rows()).toBe(0);
  });

  it('appends a row once even when publishing it again (died after the append, before the delete)', async () => {
    const before = (await stream()).length;
    const row = await sql.transaction((client) => outbox.write(client, [joined(4)]));
    if (!row) throw new Error('no row');
    // The first publish appended; the process died before deleting, so the row is still there.
    await outbox.publish([row]);
    await sql.query(`INSERT INTO event_outbox (id, events) VALUES ($1, $2::jsonb)`, [
      String(row.id),
      JSON.stringify(row.events),
    ]);
    await outbox.publish([row]);
    expect((await stream()).slice(before)).toEqual([joined(4)]);
    expect(await rows()).toBe(0);
  });

  it('sweeps rows a dead process committed and never appended, once they are old enough', async () => {
    const before = (await stream()).length;
    await sql.transaction((client) => outbox.write(client, [joined(5), joined(6)]));
    expect(await outbox.sweep()).toBe(0);
    expect(await outbox.sweep(Date.now() + 60_000)).toBe(1);
    expect((await stream()).slice(before)).toEqual([joined(5), joined(6)]);
    expect(await rows()).toBe(0);
  });

  it('refuses an invalid event before anything is written', async () => {
    const invalid = { ...joined(7), memberKey: 'not a key' };
    await expect(sql.transaction((client) => outbox.write(client, [invalid]))).rejects.toThrow();
    expect(await rows()).toBe(0);
  });
});
