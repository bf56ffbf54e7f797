import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@status-communities/errors';
import type { StatusError } from '@status-communities/errors';
import { waitFor } from '@status-communities/testing';
import {
  appendEvent,
  closeRedis,
  createRedisConnection,
  deleteKeyspace,
  eventStream,
  readEvents,
} from '../index.js';
import type { DomainEvent } from '../index.js';
import { appendOutboxRowOnce, outboxEntries } from './outbox-append.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const prefix = `test-events-${randomUUID()}`;
const communityId = `0x02${'ab'.repeat(32)}`;
const memberKey = (n: number): string => `0x04${n.toString(16).padStart(2, '0').repeat(64)}`;

const joined = (n: number): DomainEvent => ({
  type: 'member.joined',
  communityId,
  occurredAt: 1_732_531_200_000 + n,
  correlationId: `corr-${n}`,
  memberKey: memberKey(n),
});

describe('the domain event stream on a real Redis', () => {
  const redis = createRedisConnection(REDIS_URL);
  const reader = createRedisConnection(REDIS_URL);
  let streams = 0;
  // A stream of its own per test, so counts and ids do not mix.
  const freshStream = (maxLen?: number) =>
    eventStream({ prefix: `${prefix}-${(streams += 1)}`, ...(maxLen === undefined ? {} : { maxLen }) });

  afterAll(async () => {
    for (let n = 1; n <= streams; n += 1) await deleteKeyspace(redis, `${prefix}-${n}`);
    await Promise.all([closeRedis(redis), closeRedis(reader)]);
  });

  it('keeps the stream in one hash-tagged key under the prefix', () => {
    expect(eventStream({ prefix: 'sc' }).key).toBe('sc:{events.domain}');
  });

  it('appends events and reads them back in order with their ids', async () => {
    const stream = freshStream();
    const ids = [];
    for (let n = 1; n <= 3; n += 1) ids.push(await appendEvent(redis, joined(n), stream));

    const batch = await readEvents(redis, { stream });
    expect(batch.events.map((stored) => stored.id)).toEqual(ids);
    expect(batch.events.map((stored) => stored.event)).toEqual([joined(1), joined(2), joined(3)]);
    expect(batch.rejected).toEqual([]);
    expect(batch.lastId).toBe(ids[2]);
  });

  it('appends an outbox row once, in order, however often it is offered', async () => {
    const stream = freshStream();
    const entries = outboxEntries([joined(1), joined(2)]);
    expect(await appendOutboxRowOnce(redis, stream, 7n, entries)).toBe(true);
    expect(await appendOutboxRowOnce(redis, stream, 7n, entries)).toBe(false);
    expect(await appendOutboxRowOnce(redis, stream, 8n, outboxEntries([joined(3)]))).toBe(true);

    const batch = await readEvents(redis, { stream });
    expect(batch.events.map((stored) => stored.event)).toEqual([joined(1), joined(2), joined(3)]);
    expect(batch.rejected).toEqual([]);
  });

  it('resumes after an id, page by page, and reports nothing new at the end', async () => {
    const stream = freshStream();
    for (let n = 1; n <= 5; n += 1) await appendEvent(redis, joined(n), stream);

    const first = await readEvents(redis, { stream, count: 2 });
    const second = await readEvents(redis, { stream, count: 2, after: first.lastId });
    const third = await readEvents(redis, { stream, count: 2, after: second.lastId });
    const end = await readEvents(redis, { stream, count: 2, after: third.lastId });

    const read = [first, second, third].flatMap((batch) => batch.events.map((stored) => stored.event));
    expect(read).toEqual([1, 2, 3, 4, 5].map(joined));
    expect(end).toEqual({ events: [], rejected: [], lastId: undefined });
  });

  it('wakes a blocked reader when an event is appended', async () => {
    const stream = freshStream();
    const readerId = String(await reader.client('ID'));
    const waiting = readEvents(reader, { stream, after: '$', block: 5_000 });
    // '$' means after the append only once XREAD is blocked: Redis lists the reader as blocked (flag b) then.
    await waitFor('the reader blocked in XREAD', async () => {
      const info = String(await redis.client('LIST', 'ID', readerId));
      return /\bflags=\w*b/.test(info) && /\bcmd=xread\b/.test(info);
    });
    const id = await appendEvent(redis, joined(7), stream);
    const batch = await waiting;
    expect(batch.events).toEqual([{ id, event: joined(7) }]);
  });

  it('returns an empty batch when a blocking read times out', async () => {
    const batch = await readEvents(reader, { stream: freshStream(), after: '$', block: 20 });
    expect(batch.events).toEqual([]);
    expect(batch.lastId).toBeUndefined();
  });

  it('trims to about maxLen, keeping the newest events', async () => {
    const stream = freshStream(100);
    let lastId = '';
    for (let n = 1; n <= 500; n += 1) lastId = await appendEvent(redis, joined(n % 256), stream);

    const length = await redis.xlen(stream.key);
    // `~` trims whole radix-tree nodes (100 entries each by default), so a little more than maxLen stays.
    expect(length).toBeGreaterThanOrEqual(100);
    expect(length).toBeLessThan(300);
    const kept = await readEvents(redis, { stream, count: 1_000 });
    expect(kept.events).toHaveLength(length);
    expect(kept.lastId).toBe(lastId);
  });

  it('skips entries that are not valid events but reports them, so readers move past them', async () => {
    const stream = freshStream();
    await appendEvent(redis, joined(1), stream);
    const garbage = await redis.xadd(stream.key, '*', 'event', '{not json');
    const foreign = await redis.xadd(stream.key, '*', 'event', JSON.stringify({ type: 'member.vanished' }));
    const missing = await redis.xadd(stream.key, '*', 'other', 'x');
    const last = await appendEvent(redis, joined(2), stream);

    const batch = await readEvents(redis, { stream });
    expect(batch.events.map((stored) => stored.event)).toEqual([joined(1), joined(2)]);
    expect(batch.rejected.map((entry) => entry.id)).toEqual([garbage, foreign, missing]);
    expect(batch.rejected.every((entry) => entry.error.code === ErrorCode.INVALID_EVENT)).toBe(true);
    expect(batch.lastId).toBe(last);
  });

  it('refuses to append an invalid event', async () => {
    const stream = freshStream();
    const invalid = { ...joined(1), memberKey: 'nobody' } as DomainEvent;
    await expect(appendEvent(redis, invalid, stream)).rejects.toMatchObject({
      code: ErrorCode.INVALID_EVENT,
      details: { issues: [expect.stringContaining('memberKey')] },
    } satisfies Partial<StatusError> & { details: unknown });
    expect(await redis.exists(stream.key)).toBe(0);
  });
});
