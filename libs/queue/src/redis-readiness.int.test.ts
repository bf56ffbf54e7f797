import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { closeRedis, createRedisConnection, redisKeys, redisReadiness } from './index.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const admin = createRedisConnection(REDIS_URL);
const user = `readiness-${randomBytes(4).toString('hex')}`;
const prefix = `readiness-${randomBytes(4).toString('hex')}`;

afterAll(async () => {
  await admin.call('ACL', 'DELUSER', user);
  await admin.del(redisKeys(prefix).readinessProbe('svc'));
  await closeRedis(admin);
});

describe('the redis readiness check', () => {
  it('writes the service’s probe key, with a TTL, when Redis takes writes', async () => {
    const redis = createRedisConnection(REDIS_URL);
    const probeKey = redisKeys(prefix).readinessProbe('svc');
    expect(await redisReadiness(redis, { probeKey })).toBe(true);
    expect(Number(await admin.pttl(probeKey))).toBeGreaterThan(0);
    await closeRedis(redis);
  });

  it('fails, naming the error, when Redis answers PING but refuses every write', async () => {
    // A user that may read and PING but not write: Redis answers each of its writes with NOPERM, as it answers
    // every write with OOM, READONLY or MISCONF in the outages this check is for.
    await admin.call('ACL', 'SETUSER', user, 'on', '>secret', '~*', '+@read', '+ping', '+info', '+cluster');
    const redis = createRedisConnection(`redis://${user}:secret@127.0.0.1:6379`);
    const probeKey = redisKeys(prefix).readinessProbe('svc');
    expect(await redisReadiness(redis)).toBe(true);
    await expect(redisReadiness(redis, { probeKey })).rejects.toThrow(/NOPERM/);
    await closeRedis(redis);
  });
});
