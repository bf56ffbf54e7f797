import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@status-communities/devnet';
import {
  QueueName,
  closeQueueResources,
  closeRedis,
  createRedisConnection,
  createWorker,
  failingStreak,
  noteOperationSuccess,
  redisReadiness,
} from './index.js';

const admin = createRedisConnection('redis://127.0.0.1:6379');
const user = `no-scripts-${randomBytes(4).toString('hex')}`;

afterAll(async () => {
  await admin.call('ACL', 'DELUSER', user);
  await closeRedis(admin);
});

describe('a worker whose every operation Redis answers with an error', () => {
  it('puts its connection on a failing streak, which a served job ends', async () => {
    // May PING and read, not run BullMQ's scripts: every fetch of the worker gets NOPERM while PING answers.
    await admin.call('ACL', 'SETUSER', user, 'on', '>secret', '~*', '+@read', '+ping', '+info', '+client');
    const connection = createRedisConnection(`redis://${user}:secret@127.0.0.1:6379`);
    const errors: Error[] = [];
    const worker = createWorker(QueueName.WAKU_OUTBOUND, async () => 'never', {
      connection,
      prefix: `streak-${randomBytes(4).toString('hex')}`,
      onError: (error) => errors.push(error),
      runRetryDelay: 20,
    });
    expect(await connection.ping()).toBe('PONG');
    const streak = await waitFor('a failing streak', async () => failingStreak(connection));
    expect(streak.errors).toBeGreaterThanOrEqual(3);
    expect(streak.message).toMatch(/NOPERM/);
    expect(errors.length).toBeGreaterThanOrEqual(3);
    // The readiness check fails on the streak, of the probed connection or of another one of the service.
    expect(await redisReadiness(connection)).toMatchObject({ ok: false, details: { error: streak.message } });
    const producer = createRedisConnection('redis://127.0.0.1:6379');
    expect(await redisReadiness(producer)).toBe(true);
    expect(await redisReadiness(producer, { connections: new Map([['worker', connection]]) })).toMatchObject({
      ok: false,
      details: { connection: 'worker', error: streak.message },
    });
    await closeRedis(producer);
    // The worker's completed and failed events report a served job: the streak is over.
    noteOperationSuccess(connection);
    expect(failingStreak(connection)).toBeUndefined();
    await closeQueueResources({ workers: [worker], connections: [connection] }, 1_000);
  });
});
