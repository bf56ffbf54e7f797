// Test-only: an indexer on the real Redis (a unique key prefix) and a fresh PostgreSQL database, with the
// producers the tests drive it through (waku.inbound as the gateway fills it, community.watch as the API).
import { randomUUID } from 'node:crypto';
import type { TestDatabase } from '@status-communities/db/testing';
import { createTestDatabase } from '@status-communities/db/testing';
import { createLogger, createMetrics } from '@status-communities/observability';
import type { Metrics } from '@status-communities/observability';
import {
  QueueName,
  closeQueueResources,
  createQueue,
  createRedisConnection,
  deleteKeyspace,
  enqueue,
  eventStream,
  readEvents,
} from '@status-communities/queue';
import type { DomainEvent, InboundWakuMessage, TypedQueue } from '@status-communities/queue';
import type { RedisClient } from '@status-communities/queue';
import { waitFor } from '@status-communities/testing';
import type { IndexerConfig } from '../config.js';
import { indexerConfig } from '../config.js';
import type { Indexer } from '../service.js';
import { startIndexer } from '../service.js';

export const REDIS_URL = 'redis://127.0.0.1:6379';

export interface Harness {
  readonly db: TestDatabase;
  readonly prefix: string;
  readonly config: IndexerConfig;
  readonly redis: RedisClient;
  readonly inbound: TypedQueue<typeof QueueName.WAKU_INBOUND>;
  readonly watchQueue: TypedQueue<typeof QueueName.COMMUNITY_WATCH>;
  readonly requests: TypedQueue<typeof QueueName.COMMUNITY_REQUESTS>;
  readonly indexer: Indexer;
  readonly metrics: Metrics;
  /** Puts messages on waku.inbound and waits until each job is finished. */
  publish(...messages: readonly InboundWakuMessage[]): Promise<void>;
  /** Closes the indexer and producers but keeps the database and keys (for a second indexer). */
  stop(): Promise<void>;
  /** Sends a watch command and waits until the indexer routes the community. */
  watch(communityId: string): Promise<void>;
  /** Sends an unwatch command and waits until the indexer stops routing it. */
  unwatch(communityId: string): Promise<void>;
  /** Every event on the stream so far. */
  events(): Promise<DomainEvent[]>;
  /** A counter's value for these labels (0 when never incremented). */
  counter(name: string, labels?: Record<string, string>): Promise<number>;
  /** Moves the indexer's clock (what held messages age by) on, instead of sleeping. */
  passTime(ms: number): void;
  close(): Promise<void>;
}

export const testConfig = (url: string, prefix: string, env: Record<string, string> = {}): IndexerConfig =>
  indexerConfig.load({
    DATABASE_URL: url,
    REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    HEALTH_PORT: '0',
    LOG_LEVEL: 'silent',
    INDEXER_BATCH_WAIT_MS: '5',
    // Held messages are swept when a test says so (sweepHeld), not by a timer racing its clock.
    INDEXER_HOLD_SWEEP_SECONDS: '3600',
    ...env,
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until every job is completed or has failed for good. */
export const waitForJobs = async (
  queue: TypedQueue<typeof QueueName.WAKU_INBOUND>,
  ids: readonly string[],
  timeoutMs = 20_000,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (const id of ids) {
    for (;;) {
      const job = await queue.getJob(id);
      const state = job ? await job.getState() : 'missing';
      if (state === 'completed') break;
      if (state === 'failed' && job && job.attemptsMade >= (job.opts.attempts ?? 1)) break;
      if (Date.now() > deadline) throw new Error(`job ${id} still ${state} after ${timeoutMs} ms`);
      await sleep(10);
    }
  }
};

export interface HarnessOptions {
  /** Indexer variables over the test defaults. */
  readonly env?: Record<string, string>;
  /** An existing database and key prefix (a second indexer over the state another one left). */
  readonly db?: TestDatabase;
  readonly prefix?: string;
}

export const startHarness = async (options: HarnessOptions = {}): Promise<Harness> => {
  const db = options.db ?? (await createTestDatabase());
  const prefix = options.prefix ?? `test-indexer-${randomUUID()}`;
  const env = options.env ?? {};
  const config = testConfig(db.url, prefix, env);
  const redis = createRedisConnection(REDIS_URL);
  const metrics = createMetrics({ serviceName: 'indexer', defaultMetrics: false });
  let passedMs = 0;
  const indexer = await startIndexer(config, {
    logger: createLogger({ serviceName: 'indexer', level: 'silent' }),
    metrics,
    healthServer: false,
    now: () => Date.now() + passedMs,
  });
  const inbound = createQueue(QueueName.WAKU_INBOUND, redis, { prefix });
  const watchQueue = createQueue(QueueName.COMMUNITY_WATCH, redis, { prefix });
  const requests = createQueue(QueueName.COMMUNITY_REQUESTS, redis, { prefix });

  /** Sends the command, waits for the row to follow it, then for this process's routes to be current. */
  const sendWatchCommand = async (
    type: 'community.watch' | 'community.unwatch',
    communityId: string,
    watched: boolean,
  ): Promise<void> => {
    const added = await enqueue(watchQueue, {
      type,
      correlationId: randomUUID(),
      actor: 'test',
      communityId,
    });
    if (!added.ok) throw added.error;
    await waitFor(
      `${type} applied`,
      async () =>
        Boolean(await indexer.prisma.watchedCommunity.findUnique({ where: { communityId } })) === watched,
    );
    await indexer.routes.reload();
  };

  return {
    db,
    prefix,
    config,
    redis,
    inbound,
    watchQueue,
    requests,
    indexer,
    metrics,
    publish: async (...messages) => {
      for (const message of messages) {
        const added = await enqueue(inbound, message);
        if (!added.ok) throw added.error;
      }
      await waitForJobs(
        inbound,
        messages.map((message) => message.hash),
      );
    },
    watch: (communityId) => sendWatchCommand('community.watch', communityId, true),
    unwatch: (communityId) => sendWatchCommand('community.unwatch', communityId, false),
    events: async () => {
      const batch = await readEvents(redis, { stream: eventStream({ prefix }), count: 10_000 });
      return batch.events.map((stored) => stored.event);
    },
    counter: async (name, labels = {}) => {
      const metric = metrics.registry.getSingleMetric(name);
      if (!metric) return 0;
      const { values } = await metric.get();
      const wanted = Object.entries(labels);
      return values
        .filter((value) => wanted.every(([key, label]) => value.labels[key] === label))
        .reduce((sum, value) => sum + value.value, 0);
    },
    passTime: (ms) => {
      passedMs += ms;
    },
    stop: async () => {
      await indexer.stop();
      await closeQueueResources({ queues: [inbound, watchQueue, requests], connections: [redis] });
    },
    close: async () => {
      await indexer.stop();
      await closeQueueResources({ queues: [inbound, watchQueue, requests] });
      await deleteKeyspace(redis, prefix);
      await closeQueueResources({ connections: [redis] });
      await db.drop();
    },
  };
};
