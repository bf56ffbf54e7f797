// Wires the indexer: connections, the route table, the inbound and watch workers, the outbox sweep and the
// health endpoints. `close()` stops in the order that loses nothing.
import { createPrismaClient } from '@status-communities/db';
import type { PrismaClient } from '@status-communities/db';
import { GroupKeyStore, groupKeyRingFromConfig } from '@status-communities/keyring';
import type { HealthServer, Logger, Metrics, Readiness } from '@status-communities/observability';
import { createReadiness, startHealthServer } from '@status-communities/observability';
import {
  EventOutbox,
  QueueName,
  closeQueueResources,
  createQueue,
  createRedisConnection,
  redisReadiness,
  createWorker,
  eventStream,
  startOutboxSweeps,
} from '@status-communities/queue';
import type { TypedWorker } from '@status-communities/queue';
import type { IndexerConfig } from './config.js';
import { ThreadDecoder, inlineDecoder } from './decode/decoder.js';
import { GroupKeyCache, MessageKeyChains } from './decode/hash-ratchet.js';
import { BatchProcessor } from './ingest/batch-processor.js';
import type { JobOutcome } from './ingest/batch-processor.js';
import { Batcher } from './ingest/batcher.js';
import type { InboundJob } from './ingest/inbound.js';
import { indexerMetrics } from './metrics.js';
import { Sql } from './persistence/sql.js';
import { Routes } from './routing/routes.js';
import { CommunityStates } from './state/community-state.js';
import { applyWatchCommand } from './watch/watch-list.js';

export interface IndexerDependencies {
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Serve /healthz, /readyz, /metrics (default true; tests that only need the worker turn it off). */
  readonly healthServer?: boolean;
  /** The clock held messages age by (and messages are judged at); tests move it instead of sleeping. */
  readonly now?: () => number;
}

export interface Indexer {
  readonly prisma: PrismaClient;
  readonly readiness: Readiness;
  readonly routes: Routes;
  readonly outbox: EventOutbox;
  readonly inboundWorker: TypedWorker<typeof QueueName.WAKU_INBOUND, JobOutcome>;
  readonly health: HealthServer | undefined;
  /** Refuses held messages past their age and judges again those a stored description may admit (on a timer). */
  sweepHeld(): Promise<void>;
  /** Stops taking jobs, finishes the batches in hand, then closes every connection (once, however often called). */
  close(): Promise<void>;
}

export const startIndexer = async (
  config: IndexerConfig,
  dependencies: IndexerDependencies,
): Promise<Indexer> => {
  const { logger } = dependencies;
  const prefix = config.REDIS_KEY_PREFIX;
  const metrics = indexerMetrics(dependencies.metrics);
  const prisma = createPrismaClient(config.DATABASE_URL);
  const sql = new Sql(config.DATABASE_URL, logger);
  const redis = createRedisConnection(config.REDIS_URL, { connectionName: `${config.SERVICE_NAME}`, logger });
  const subscriber = createRedisConnection(config.REDIS_URL, {
    connectionName: `${config.SERVICE_NAME}:routes`,
    logger,
  });
  const onError = (error: Error) => logger.error({ err: error }, 'worker error');

  const routes = new Routes({
    prisma,
    logger,
    redis,
    subscriber,
    prefix,
    refreshIntervalMs: config.INDEXER_ROUTES_REFRESH_SECONDS * 1000,
  });
  await routes.start();
  const outbox = new EventOutbox(sql, redis, eventStream({ prefix }));
  const requests = createQueue(QueueName.COMMUNITY_REQUESTS, redis, { prefix });
  const decoder = config.INDEXER_DECODE_THREAD ? new ThreadDecoder() : inlineDecoder();
  const groupKeyRing = groupKeyRingFromConfig(config.SERVICE_NAME, config);
  if (!groupKeyRing.ok) throw groupKeyRing.error;
  const processor = new BatchProcessor({
    sql,
    states: new CommunityStates(sql),
    routes,
    outbox,
    requests,
    decoder,
    ...(groupKeyRing.value && {
      hashRatchet: {
        keys: new GroupKeyCache(new GroupKeyStore(prisma, groupKeyRing.value), dependencies.now ?? Date.now),
        chains: new MessageKeyChains(),
      },
    }),
    metrics,
    logger,
    hold: {
      maxMessages: config.INDEXER_HOLD_MAX_MESSAGES,
      maxBytes: config.INDEXER_HOLD_MAX_BYTES,
      maxAgeMs: config.INDEXER_HOLD_MAX_AGE_SECONDS * 1000,
    },
    releaseBatchSize: config.INDEXER_BATCH_SIZE,
    ...(dependencies.now ? { now: dependencies.now } : {}),
  });
  const batcher = new Batcher<InboundJob, JobOutcome>({
    maxSize: config.INDEXER_BATCH_SIZE,
    maxWaitMs: config.INDEXER_BATCH_WAIT_MS,
    process: (jobs) => processor.process(jobs),
  });

  // Concurrency is the pool batches are cut from: each active job waits for the batch that holds it.
  const inboundWorker = createWorker(
    QueueName.WAKU_INBOUND,
    async (message) => batcher.add(await processor.prepare(message)),
    {
      connection: redis,
      prefix,
      concurrency: config.INDEXER_CONCURRENCY,
      lockDuration: config.INDEXER_LOCK_DURATION_MS,
      stalledInterval: config.INDEXER_STALLED_INTERVAL_MS,
      serviceMetrics: dependencies.metrics,
      onError,
    },
  );
  const watchWorker = createWorker(
    QueueName.COMMUNITY_WATCH,
    async (command) => {
      const changed = await applyWatchCommand(prisma, command);
      // Always announced: a retry after a lost notice must still reach the other replicas.
      await routes.changed();
      logger.info({ correlationId: command.correlationId, command: command.type, changed }, 'watch list');
      return { changed };
    },
    { connection: redis, prefix, serviceMetrics: dependencies.metrics, onError },
  );

  const stopOutboxSweeps = await startOutboxSweeps(outbox, {
    everyMs: config.INDEXER_OUTBOX_SWEEP_SECONDS * 1000,
    logger,
  });
  const sweepHeld = () =>
    processor
      .sweepHeld()
      .catch((error: unknown) => logger.error({ err: error }, 'held messages sweep failed'));
  // At start too: what a previous process held may have expired, or been admitted by a stored description.
  await sweepHeld();
  const heldSweeper = setInterval(() => void sweepHeld(), config.INDEXER_HOLD_SWEEP_SECONDS * 1000);

  const readiness = createReadiness();
  readiness.add('postgres', async () => (await prisma.$queryRaw`SELECT 1`, true));
  readiness.add('redis', () => redisReadiness(redis));
  readiness.add('routes', async () => ({
    ok: routes.ready,
    details: { contentTopics: routes.current.size },
  }));
  const health =
    dependencies.healthServer === false
      ? undefined
      : await startHealthServer({
          serviceName: config.SERVICE_NAME,
          port: config.HEALTH_PORT,
          readiness,
          metrics: dependencies.metrics,
        });

  logger.info({ contentTopics: routes.current.size, prefix }, 'indexer started');
  let closing: Promise<void> | undefined;
  return {
    prisma,
    readiness,
    routes,
    outbox,
    inboundWorker,
    health,
    sweepHeld: () => processor.sweepHeld(),
    close: () =>
      (closing ??= (async () => {
        stopOutboxSweeps();
        clearInterval(heldSweeper);
        // Workers wait for their active jobs, which wait for their batches (which may forward requests).
        await closeQueueResources({ workers: [inboundWorker, watchWorker] });
        await batcher.flush();
        await processor.settled();
        await decoder.close();
        await routes.close();
        await closeQueueResources({ queues: [requests], connections: [subscriber, redis] });
        await sql.close();
        await prisma.$disconnect();
        await health?.close();
      })()),
  };
};
