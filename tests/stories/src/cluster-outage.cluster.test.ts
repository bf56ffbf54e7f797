// A Redis Cluster master that owns slots and has no replica dies under a running service: the service must say
// so (/readyz 503 naming redis and the cluster's state, a `redis connection failed` log line), not carry on
// looking ready while every command on those slots fails.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createTestDatabase } from '@status-communities/db/testing';
import type { TestDatabase } from '@status-communities/db/testing';
import { QueueName } from '@status-communities/queue';
import { freePort, ServiceProcesses, startOwnRedisCluster } from '@status-communities/testing';
import type { OwnRedisCluster } from '@status-communities/testing';

jest.setTimeout(180_000);

interface ReadyzBody {
  readonly ready: boolean;
  readonly checks: Record<string, { ok: boolean; details?: Record<string, unknown>; error?: string }>;
}

const prefix = `outage-${randomBytes(4).toString('hex')}`;
let cluster: OwnRedisCluster;
let db: TestDatabase;
const services = new ServiceProcesses(() => ({
  DATABASE_URL: db.url,
  REDIS_URL: cluster.url,
  REDIS_KEY_PREFIX: prefix,
}));

beforeAll(async () => {
  [cluster, db] = await Promise.all([startOwnRedisCluster(), createTestDatabase()]);
}, 120_000);

afterAll(async () => {
  await services.kill();
  await cluster?.close();
  await db?.drop();
});

describe('a Redis Cluster master without a replica lost under a running service', () => {
  it('turns the service not ready, naming redis and the failed cluster, and logs the failure', async () => {
    const healthPort = await freePort();
    const indexer = services.start('indexer', { HEALTH_PORT: String(healthPort), SERVICE_NAME: 'indexer' });
    await services.ready('indexer', healthPort);
    const readyz = async (): Promise<{ status: number; body: ReadyzBody }> => {
      const response = await fetch(`http://127.0.0.1:${healthPort}/readyz`);
      return { status: response.status, body: (await response.json()) as ReadyzBody };
    };
    expect((await readyz()).body.checks['redis']?.ok).toBe(true);

    // The master of the indexer's own queue: its worker's every command on it fails from now on.
    await (await cluster.masterOf(`${prefix}:${QueueName.WAKU_INBOUND}:wait`)).kill();

    const notReady = await services.waitFor('the indexer not ready', async () => {
      const answer = await readyz();
      return answer.status === 503 ? answer.body : undefined;
    });
    expect(notReady.ready).toBe(false);
    // Whichever the probe meets first (libs/queue redisReadiness): the worker's commands failing in a row, a
    // command refused or timing out on the lost master, or the cluster reporting itself failed.
    const redisCheck = notReady.checks['redis'];
    expect(redisCheck?.ok).toBe(false);
    expect([
      redisCheck?.details?.['clusterState'] === 'fail',
      Number(redisCheck?.details?.['errorsInARow']) >= 3,
      typeof redisCheck?.error === 'string' && redisCheck.error.length > 0,
    ]).toContain(true);
    await services.waitFor('the failure in the log', async () =>
      services.output.includes('redis connection failed') ? true : undefined,
    );
    // Still answering its probes, and still running: an orchestrator takes it out of rotation, nothing is lost.
    expect(indexer.exitCode).toBeNull();
    await services.crash(indexer);
  });
});
