// Wires the indexer: connections, the route table, the inbound and watch workers, the outbox sweep and the
// health endpoints. Each part registers its disposer as it is made, so stopping (or a failed start) undoes them
// in the order that loses nothing.
import { createPrismaClient, postgresReadiness } from '@status-communities/db';
import type { PrismaClient } from '@status-communities/db';
import { GroupKeyStore, groupKeyRingFromConfig } from '@status-communities/keyring';
import type { Logger, Metrics, ServiceHandle, ServiceScope } from '@status-communities/observability';
import { startService } from '@status-communities/observability';
import {
  EventOutbox,
  QueueName,
  closeQueueResources,
  createQueue,
  createRedisConnection,
  redisKeys,
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

export interface Indexer extends ServiceHandle {
  readonly prisma: PrismaClient;
  readonly routes: Routes;
  readonly outbox: EventOutbox;
  readonly inboundWorker: TypedWorker<typeof QueueName.WAKU_INBOUND, JobOutcome>;
  /** Refuses held messages past their age and judges again those a stored description may admit (on a timer). */
  sweepHeld(): Promise<void>;
}

/** Stopping takes no more jobs, finishes the batches in hand, then closes every connection. */
export const startIndexer = (config: IndexerConfig, dependencies: IndexerDependencies): Promise<Indexer> =>
  startService({
    name: 'indexer',
    logger: dependencies.logger,
    health: dependencies.healthServer !== false && {
      serviceName: config.SERVICE_NAME,
      port: config.HEALTH_PORT,
      metrics: dependencies.metrics,
    },
    build: (scope) => buildIndexer(scope, config, dependencies),
    startedFields: ({ routes }) => ({ contentTopics: routes.current.size, prefix: config.REDIS_KEY_PREFIX }),
  });

const buildIndexer = async (
  scope: ServiceScope,
  config: IndexerConfig,
  dependencies: IndexerDependencies,
) => {
  const stores = openStores(scope, config);
  const routes = await startRoutes(scope, config, stores);
  const pipeline = buildPipeline(scope, config, dependencies, stores, routes);
  const inboundWorker = startWorkers(scope, config, dependencies, stores, routes, pipeline);
  await startSweeps(scope, config, pipeline);
  return {
    prisma: stores.prisma,
    routes,
    outbox: pipeline.outbox,
    inboundWorker,
    sweepHeld: () => pipeline.processor.sweepHeld(),
  };
};

type Stores = ReturnType<typeof openStores>;
type Pipeline = ReturnType<typeof buildPipeline>;

const openStores = (scope: ServiceScope, config: IndexerConfig) => {
  const { logger } = scope;
  const prisma = scope.own('prisma', createPrismaClient(config.DATABASE_URL), (client) =>
    client.$disconnect(),
  );
  const sql = scope.own('sql', new Sql(config.DATABASE_URL, logger), (pool) => pool.close());
  const redis = scope.own(
    'redis',
    createRedisConnection(config.REDIS_URL, { connectionName: config.SERVICE_NAME, logger }),
    (connection) => closeQueueResources({ connections: [connection] }),
  );
  const subscriber = scope.own(
    'routes subscriber',
    createRedisConnection(config.REDIS_URL, { connectionName: `${config.SERVICE_NAME}:routes`, logger }),
    (connection) => closeQueueResources({ connections: [connection] }),
  );
  scope.readiness.add('postgres', () => postgresReadiness(prisma));
  const probeKey = redisKeys(config.REDIS_KEY_PREFIX).readinessProbe(config.SERVICE_NAME);
  scope.readiness.add('redis', () => redisReadiness(redis, { probeKey }));
  const requests = scope.own(
    'requests queue',
    createQueue(QueueName.COMMUNITY_REQUESTS, redis, { prefix: config.REDIS_KEY_PREFIX }),
    (queue) => closeQueueResources({ queues: [queue] }),
  );
  const bots = scope.own(
    'bot messages queue',
    createQueue(QueueName.BOT_MESSAGES, redis, { prefix: config.REDIS_KEY_PREFIX }),
    (queue) => closeQueueResources({ queues: [queue] }),
  );
  return { prisma, sql, redis, subscriber, requests, bots };
};

const startRoutes = async (scope: ServiceScope, config: IndexerConfig, stores: Stores) => {
  const routes = new Routes({
    prisma: stores.prisma,
    logger: scope.logger,
    redis: stores.redis,
    subscriber: stores.subscriber,
    prefix: config.REDIS_KEY_PREFIX,
    refreshIntervalMs: config.INDEXER_ROUTES_REFRESH_SECONDS * 1000,
  });
  scope.defer('routes', () => routes.close());
  await routes.start();
  scope.readiness.add('routes', async () => ({
    ok: routes.ready,
    details: { contentTopics: routes.current.size },
  }));
  return routes;
};

const buildPipeline = (
  scope: ServiceScope,
  config: IndexerConfig,
  dependencies: IndexerDependencies,
  stores: Stores,
  routes: Routes,
) => {
  const { sql, redis, requests, bots } = stores;
  const outbox = new EventOutbox(sql, redis, eventStream({ prefix: config.REDIS_KEY_PREFIX }));
  const groupKeyRing = groupKeyRingFromConfig(config.SERVICE_NAME, config);
  if (!groupKeyRing.ok) throw groupKeyRing.error;
  const decoder = config.INDEXER_DECODE_THREAD ? new ThreadDecoder() : inlineDecoder();
  scope.defer('decoder', () => decoder.close());
  const processor = new BatchProcessor({
    sql,
    states: new CommunityStates(sql),
    routes,
    outbox,
    requests,
    bots,
    decoder,
    ...(groupKeyRing.value && {
      hashRatchet: {
        keys: new GroupKeyCache(
          new GroupKeyStore(stores.prisma, groupKeyRing.value),
          dependencies.now ?? Date.now,
        ),
        chains: new MessageKeyChains(),
      },
    }),
    metrics: indexerMetrics(dependencies.metrics),
    logger: scope.logger,
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
  // After the workers stop: their active jobs wait for the batches that hold them (which may forward requests).
  scope.defer('batches in hand', async () => {
    await batcher.flush();
    await processor.settled();
  });
  return { outbox, processor, batcher };
};

const startWorkers = (
  scope: ServiceScope,
  config: IndexerConfig,
  dependencies: IndexerDependencies,
  { prisma, redis }: Stores,
  routes: Routes,
  { processor, batcher }: Pipeline,
) => {
  const { logger } = scope;
  const prefix = config.REDIS_KEY_PREFIX;
  const onError = (error: Error) => logger.error({ err: error }, 'worker error');
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
      if (command.type === 'community.keys-arrived') {
        const outcome = await processor.keysArrived(command.communityId, command.message);
        logger.info(
          { correlationId: command.correlationId, communityId: command.communityId, outcome },
          'keys arrived',
        );
        return { changed: outcome?.outcome === 'accepted' };
      }
      const changed = await applyWatchCommand(prisma, command);
      // Always announced: a retry after a lost notice must still reach the other replicas.
      await routes.changed();
      logger.info({ correlationId: command.correlationId, command: command.type, changed }, 'watch list');
      return { changed };
    },
    { connection: redis, prefix, serviceMetrics: dependencies.metrics, onError },
  );
  scope.defer('workers', () => closeQueueResources({ workers: [inboundWorker, watchWorker] }));
  return inboundWorker;
};

const startSweeps = async (scope: ServiceScope, config: IndexerConfig, { outbox, processor }: Pipeline) => {
  scope.defer(
    'outbox sweeps',
    await startOutboxSweeps(outbox, {
      everyMs: config.INDEXER_OUTBOX_SWEEP_SECONDS * 1000,
      logger: scope.logger,
    }),
  );
  // At start too: what a previous process held may have expired, or been admitted by a stored description.
  const sweepHeld = () =>
    processor
      .sweepHeld()
      .catch((error: unknown) => scope.logger.error({ err: error }, 'held messages sweep failed'));
  await sweepHeld();
  scope.every('held messages sweep', config.INDEXER_HOLD_SWEEP_SECONDS * 1000, sweepHeld);
};
