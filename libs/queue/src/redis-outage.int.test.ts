import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Queue, Worker } from 'bullmq';
import type { HealthServer } from '@status-communities/observability';
import {
  createLogger,
  createMetrics,
  createReadiness,
  startHealthServer,
} from '@status-communities/observability';
import { startOwnRedisServer, waitFor } from '@status-communities/testing';
import type { OwnRedisServer } from '@status-communities/testing';
import {
  QueueName,
  closeQueueResources,
  createQueue,
  createRedisConnection,
  createWorker,
  observeQueueDepths,
  redisReadiness,
} from './index.js';

/** Log lines as parsed JSON, and every write to stderr while the test runs. */
const captured = () => {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger({ serviceName: 'queue-test', level: 'debug', destination }) };
};

describe('a service while its Redis is down', () => {
  const { lines, logger } = captured();
  const stderr: string[] = [];
  const writeStderr = process.stderr.write.bind(process.stderr);
  const consoleError = console.error;
  // Unset when beforeAll fails before making them.
  let redisServer: OwnRedisServer | undefined;
  let health: HealthServer | undefined;
  const connections: Array<ReturnType<typeof createRedisConnection>> = [];
  const resources: { workers: Worker[]; queues: Queue[] } = { workers: [], queues: [] };

  beforeAll(async () => {
    process.stderr.write = ((chunk: string | Uint8Array) => (stderr.push(String(chunk)), true)) as never;
    console.error = (...parts: unknown[]) => stderr.push(parts.map(String).join(' '));
    const server = await startOwnRedisServer();
    redisServer = server;
    const connection = createRedisConnection(server.url, { connectionName: 'test:worker', logger });
    connections.push(connection);
    const queue = createQueue(QueueName.WAKU_INBOUND, connection, { prefix: 'outage' });
    const worker = createWorker(QueueName.WAKU_INBOUND, async () => 'done', {
      connection,
      prefix: 'outage',
      onError: (error) => logger.error({ err: error }, 'worker error'),
    });
    resources.workers.push(worker);
    resources.queues.push(queue);
    const readiness = createReadiness();
    readiness.add('redis', () => redisReadiness(connection));
    const metrics = createMetrics({ serviceName: 'queue-test' });
    observeQueueDepths(metrics, [queue]);
    health = await startHealthServer({ serviceName: 'queue-test', port: 0, readiness, metrics });
    await worker.waitUntilReady();
  });

  // Whatever beforeAll got to make is closed, and stderr is given back first: a failed start must still report its
  // error and leave no connection that keeps Jest from exiting.
  afterAll(async () => {
    process.stderr.write = writeStderr;
    console.error = consoleError;
    // As a service stops: a worker whose blocking read outlived a Redis restart is forced after the bound.
    await closeQueueResources({ ...resources, connections }, 5_000);
    await health?.close();
    await redisServer?.close();
  }, 60_000);

  /** A probe as Kubernetes sends it: 1 s, then it counts as failed. */
  const probe = async (path: string) => {
    const started = performance.now();
    const response = await fetch(`${health!.url}${path}`, { signal: AbortSignal.timeout(1_000) });
    return { response, ms: performance.now() - started };
  };

  it('is ready while Redis answers', async () => {
    const { response } = await probe('/readyz');
    expect(response.status).toBe(200);
  });

  it('answers /readyz with 503 and /metrics at once when Redis dies, and logs the outage once, as JSON', async () => {
    let attempts = 0;
    connections[0]?.on('error', () => (attempts += 1));
    await redisServer!.kill();
    await waitFor('the connection to notice', () => connections[0]?.status !== 'ready');
    const readyz = await probe('/readyz');
    expect(readyz.response.status).toBe(503);
    expect(await readyz.response.json()).toMatchObject({
      failed: ['redis'],
      checks: { redis: { ok: false } },
    });
    const metrics = await probe('/metrics');
    expect(metrics.response.status).toBe(200);
    // Several reconnect attempts fail meanwhile: still one line.
    await waitFor('three failed reconnect attempts', () => attempts >= 3, { timeoutMs: 10_000 });
    expect(lines.filter((line) => line.msg === 'redis connection failed')).toHaveLength(1);
    expect(lines.find((line) => line.msg === 'redis connection failed')).toMatchObject({
      level: 'warn',
      connection: 'test:worker',
      err: { code: 'ECONNREFUSED' },
    });
    expect(lines.filter((line) => line.msg === 'worker error')).toEqual([]);
  });

  it('is ready again when Redis is back, says so in the log, and printed nothing to stderr', async () => {
    await redisServer!.restart();
    await waitFor('the restored line', () => lines.some((line) => line.msg === 'redis connection restored'), {
      timeoutMs: 10_000,
    });
    const { response } = await probe('/readyz');
    expect(response.status).toBe(200);
    expect(stderr.filter((text) => /ioredis|ECONNREFUSED|Connection is closed/.test(text))).toEqual([]);
  });
});
