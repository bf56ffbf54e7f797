import { describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { QueueName, checkKeyPrefix, closeRedis, createRedisConnection } from './index.js';

describe('Redis connections', () => {
  it('connects lazily and with no retry limit per request, as BullMQ workers require', async () => {
    const redis = createRedisConnection('redis://127.0.0.1:6379', { connectionName: 'queue-test' });
    expect(redis.status).toBe('wait');
    expect(redis).toBeInstanceOf(Redis);
    expect((redis as Redis).options.maxRetriesPerRequest).toBeNull();
    expect(await redis.ping()).toBe('PONG');
    expect(await redis.client('GETNAME')).toBe('queue-test');
    await closeRedis(redis);
    expect(redis.status).toBe('end');
  });

  it('lets a producer command fail after its timeout when Redis cannot be reached', async () => {
    // Port 1 on localhost refuses connections.
    const redis = createRedisConnection('redis://127.0.0.1:1', { role: 'producer', commandTimeoutMs: 100 });
    redis.on('error', () => {});
    const started = Date.now();
    await expect(redis.ping()).rejects.toThrow('Command timed out');
    await closeRedis(redis, 100);
    // Jest's open-handle check would catch a retry timer left behind.
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('closes a connection that was never used without opening it', async () => {
    const redis = createRedisConnection('redis://127.0.0.1:6379');
    await closeRedis(redis);
    expect(redis.status).toBe('end');
  });

  it('hash-tags every queue name and refuses key prefixes that would break the tags', () => {
    for (const name of Object.values(QueueName)) expect(name).toMatch(/^\{[a-z.]+\}$/);
    expect(checkKeyPrefix('sc-test_1.x')).toBe('sc-test_1.x');
    expect(() => checkKeyPrefix('{sc}')).toThrow('Invalid Redis key prefix');
    expect(() => checkKeyPrefix('a:b')).toThrow('Invalid Redis key prefix');
    expect(() => checkKeyPrefix('')).toThrow('Invalid Redis key prefix');
  });
});
