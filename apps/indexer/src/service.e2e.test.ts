import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase } from '@status-communities/db/testing';
import type { TestDatabase } from '@status-communities/db/testing';
import { createLogger, createMetrics } from '@status-communities/observability';
import { closeRedis, createRedisConnection, deleteKeyspace } from '@status-communities/queue';
import { freePort, spawnSourceMain } from '@status-communities/testing';
import { startIndexer } from './service.js';
import type { Indexer } from './service.js';
import { REDIS_URL, testConfig } from './testing/harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the indexer service', () => {
  let db: TestDatabase;
  const prefix = `test-indexer-service-${randomBytes(8).toString('hex')}`;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    const redis = createRedisConnection(REDIS_URL);
    await deleteKeyspace(redis, prefix);
    await closeRedis(redis);
    await db.drop();
  });

  it('answers /healthz, /readyz (postgres, redis, routes) and /metrics, and closes cleanly', async () => {
    const indexer: Indexer = await startIndexer(testConfig(db.url, prefix), {
      logger: createLogger({ serviceName: 'indexer', level: 'silent' }),
      metrics: createMetrics({ serviceName: 'indexer', defaultMetrics: false }),
    });
    try {
      const url = indexer.healthUrl;
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        ready: true,
        checks: {
          postgres: { ok: true },
          redis: { ok: true },
          routes: { ok: true, details: { contentTopics: 0 } },
        },
      });
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(metrics).toContain('# TYPE indexer_rejected_total counter');
      expect(metrics).toContain('# TYPE indexer_batch_duration_seconds histogram');
    } finally {
      await indexer.stop();
    }
  });

  it('runs as a process: refuses a bad configuration, and stops on SIGTERM after draining', async () => {
    const run = (env: Record<string, string>) => spawnSourceMain(new URL('./main.ts', import.meta.url), env);

    const bad = run({ INDEXER_BATCH_SIZE: 'lots' });
    let badOutput = '';
    bad.stderr.on('data', (chunk: Buffer) => (badOutput += chunk.toString()));
    const [badCode] = await once(bad, 'exit');
    expect(badCode).toBe(1);
    expect(badOutput).toContain('INDEXER_BATCH_SIZE');

    const port = await freePort();
    const good = run({
      DATABASE_URL: db.url,
      REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      HEALTH_PORT: String(port),
      LOG_LEVEL: 'info',
    });
    let output = '';
    good.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 30_000;
    for (;;) {
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (response) => response.status,
        () => 0,
      );
      if (ready === 200) break;
      if (Date.now() > deadline || good.exitCode !== null) throw new Error(`never ready: ${output}`);
      await sleep(100);
    }
    good.kill('SIGTERM');
    const [code] = await once(good, 'exit');
    expect(code).toBe(0);
    const messages = output
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toEqual(expect.arrayContaining(['indexer started', 'shutting down', 'shut down']));
  });
});
