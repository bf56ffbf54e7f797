import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { closeRedis, createRedisConnection, listenForNotices, publishNotice } from './index.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const Notice = z.object({ id: z.string(), n: z.number().int() });

describe('notices over Redis pub/sub', () => {
  const redis = createRedisConnection(REDIS_URL);
  const subscriber = createRedisConnection(REDIS_URL);
  afterAll(() => Promise.all([closeRedis(redis), closeRedis(subscriber)]));

  it('hands valid notices over in order, reports invalid ones, ignores other channels, and stops on close', async () => {
    const channel = `test-notices-${randomUUID()}`;
    const heard: unknown[] = [];
    const invalid: string[] = [];
    let last: () => void = () => undefined;
    const lastHeard = new Promise<void>((resolve) => (last = resolve));
    const close = await listenForNotices(subscriber, channel, Notice, {
      onNotice: (notice) => {
        heard.push(notice);
        if (notice.id === 'last') last();
      },
      onInvalid: (text) => invalid.push(text),
    });
    await publishNotice(redis, channel, { id: 'a', n: 1 });
    await redis.publish(channel, 'not json');
    await publishNotice(redis, channel, { id: 'b' });
    await redis.publish(`${channel}-other`, JSON.stringify({ id: 'elsewhere', n: 0 }));
    await publishNotice(redis, channel, { id: 'last', n: 2 });
    // One connection delivers a channel's messages in the order they were published.
    await lastHeard;
    expect(heard).toEqual([
      { id: 'a', n: 1 },
      { id: 'last', n: 2 },
    ]);
    expect(invalid).toEqual(['not json', '{"id":"b"}']);

    await close();
    expect(await redis.publish(channel, JSON.stringify({ id: 'after', n: 3 }))).toBe(0);
  });
});
