import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import {
  ackEvents,
  appendEvent,
  claimStaleEvents,
  closeRedis,
  createRedisConnection,
  deleteKeyspace,
  ensureEventGroup,
  eventStream,
  readGroupEvents,
} from '../index.js';
import type { DomainEvent } from '../index.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const prefix = `test-groups-${randomUUID()}`;

const left = (n: number): DomainEvent => ({
  type: 'member.left',
  communityId: `0x03${'cd'.repeat(32)}`,
  occurredAt: 1_732_531_200_000 + n,
  memberKey: `0x04${n.toString(16).padStart(2, '0').repeat(64)}`,
});

describe('event stream consumer groups on a real Redis', () => {
  const redis = createRedisConnection(REDIS_URL);
  const stream = eventStream({ prefix });
  const group = 'webhooks';

  afterAll(async () => {
    await deleteKeyspace(redis, prefix);
    await closeRedis(redis);
  });

  it('creates a group once, shares events between consumers, and hands unacknowledged ones over', async () => {
    expect(await ensureEventGroup(redis, { stream, group, startId: '0' })).toBe(true);
    expect(await ensureEventGroup(redis, { stream, group })).toBe(false);
    for (let n = 1; n <= 4; n += 1) await appendEvent(redis, left(n), stream);

    const a = await readGroupEvents(redis, { stream, group, consumer: 'a', count: 2 });
    const b = await readGroupEvents(redis, { stream, group, consumer: 'b', count: 10 });
    expect(a.events.map((stored) => stored.event)).toEqual([left(1), left(2)]);
    expect(b.events.map((stored) => stored.event)).toEqual([left(3), left(4)]);

    // b delivers and acknowledges; a dies holding its two events.
    expect(await ackEvents(redis, { stream, group, ids: b.events.map((stored) => stored.id) })).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const claimed = await claimStaleEvents(redis, { stream, group, consumer: 'b', minIdleMs: 10 });
    expect(claimed.events.map((stored) => stored.event)).toEqual([left(1), left(2)]);
    expect(claimed.next).toBe('0-0');
    expect(await ackEvents(redis, { stream, group, ids: claimed.events.map((stored) => stored.id) })).toBe(2);

    const pending = (await redis.xpending(stream.key, group)) as [count: number, ...rest: unknown[]];
    expect(pending[0]).toBe(0);
    expect((await readGroupEvents(redis, { stream, group, consumer: 'a' })).events).toEqual([]);
    expect(await ackEvents(redis, { stream, group, ids: [] })).toBe(0);
  });
});
