import type { Queue, Worker } from 'bullmq';
import { createChainClients } from '@status-communities/chain';
import type { PrismaClient } from '@status-communities/db';
import { createPrismaClient, prismaSql } from '@status-communities/db';
import { GroupKeyStore, Keyring } from '@status-communities/keyring';
import type { HealthServer, Logger, Metrics, Readiness } from '@status-communities/observability';
import {
  createLogger,
  createMetrics,
  createReadiness,
  startHealthServer,
  stopSteps,
} from '@status-communities/observability';
import {
  EventOutbox,
  QueueName,
  closeQueueResources,
  createQueue,
  createRedisConnection,
  redisReadiness,
  createWorker,
  observeQueueDepths,
  eventStream,
  startOutboxSweeps,
} from '@status-communities/queue';
import type { TypedQueue } from '@status-communities/queue';
import type { RedisClient } from '@status-communities/queue';
import type { RequestHandlerConfig } from './config.js';
import type { RequestHandlerContext } from './context.js';
import { handleRequestJob } from './handle-job.js';
import { createRequestHandlerMetrics } from './metrics.js';
import type { JobOutcome } from './outcome.js';
import { startReevaluationSchedule } from './permissions/schedule.js';
import { PublishedDescriptions } from './requests/membership-view.js';

/** Secret field names beyond the logger's defaults that the request handler's code uses. */
export const REQUEST_HANDLER_SECRET_LOG_KEYS = ['communityPrivateKey', 'signerPriv'];

export interface RequestHandlerDependencies {
  /** Default: JSON lines on stdout at LOG_LEVEL, private-key fields scrubbed. */
  readonly logger?: Logger;
  /** Unix ms. Default Date.now. */
  readonly clock?: () => number;
}

export interface RequestHandler {
  readonly metrics: Metrics;
  readonly readiness: Readiness;
  /** `http://127.0.0.1:<port>`: /healthz, /readyz, /metrics. */
  readonly healthUrl: string;
  /** Stops taking jobs, finishes those in hand, closes connections. */
  stop(): Promise<void>;
}

interface Resources {
  prisma?: PrismaClient;
  connections: RedisClient[];
  queues: Queue[];
  workers: Worker[];
  health?: HealthServer;
  stopOutboxSweeps?: () => void;
  stopReevaluations?: () => void;
}

const closeAll = async (resources: Resources, logger: Logger): Promise<void> => {
  const step = stopSteps(logger, 'request handler');
  resources.stopOutboxSweeps?.();
  resources.stopReevaluations?.();
  // The worker finishes the jobs in hand first; queues and connections close after it.
  await step('redis', () => closeQueueResources(resources));
  const { prisma, health } = resources;
  if (prisma) await step('database', () => prisma.$disconnect());
  if (health) await step('health server', () => health.close());
};

/**
 * The composition root: community.requests → decisions in PostgreSQL (under the community's row lock) →
 * community.publish for the publisher, answers and deletion requests on waku.outbound, domain events;
 * health and metrics.
 */
export const startRequestHandler = async (
  config: RequestHandlerConfig,
  dependencies: RequestHandlerDependencies = {},
): Promise<RequestHandler> => {
  const logger =
    dependencies.logger ??
    createLogger({
      serviceName: config.SERVICE_NAME,
      level: config.LOG_LEVEL,
      secretKeys: REQUEST_HANDLER_SECRET_LOG_KEYS,
    });
  const prefix = config.REDIS_KEY_PREFIX;
  const metrics = createMetrics({ serviceName: config.SERVICE_NAME });
  const readiness = createReadiness();
  const resources: Resources = { connections: [], queues: [], workers: [] };
  const connection = (name: string): RedisClient => {
    const redis = createRedisConnection(config.REDIS_URL, {
      connectionName: `${config.SERVICE_NAME}:${name}`,
      logger,
    });
    resources.connections.push(redis);
    return redis;
  };
  const queue = <N extends QueueName>(name: N, redis: RedisClient): TypedQueue<N> => {
    const created = createQueue(name, redis, { prefix });
    resources.queues.push(created);
    return created;
  };

  try {
    const prisma = (resources.prisma = createPrismaClient(config.DATABASE_URL));
    const producer = connection('producer');
    const outbox = new EventOutbox(prismaSql(prisma), producer, eventStream({ prefix }));
    const context: RequestHandlerContext = {
      prisma,
      keyring: new Keyring(prisma, config.masterKeys),
      groupKeys: config.groupKeys && new GroupKeyStore(prisma, config.groupKeys),
      outbox,
      publishedDescriptions: new PublishedDescriptions(),
      requestsQueue: queue(QueueName.COMMUNITY_REQUESTS, producer),
      publishQueue: queue(QueueName.COMMUNITY_PUBLISH, producer),
      outboundQueue: queue(QueueName.WAKU_OUTBOUND, producer),
      chains: createChainClients(config),
      logger,
      metrics: createRequestHandlerMetrics(metrics),
      settings: {
        publishDebounceMs: config.PUBLISH_DEBOUNCE_MS,
        shardProfile: config.shardProfile,
        installationId: config.INSTALLATION_ID,
        permissionsReevaluationMs: config.PERMISSIONS_REEVALUATION_SECONDS * 1_000,
      },
      clock: dependencies.clock ?? Date.now,
    };

    readiness.add('redis', () => redisReadiness(producer));
    readiness.add('database', async () => {
      await prisma.$queryRaw`SELECT 1`;
      return true;
    });

    resources.stopOutboxSweeps = await startOutboxSweeps(outbox, {
      everyMs: config.OUTBOX_SWEEP_SECONDS * 1_000,
      logger,
      clock: context.clock,
    });

    // Due checks are looked for each minute; each community is re-checked once per interval.
    resources.stopReevaluations = startReevaluationSchedule(context, 60_000);

    observeQueueDepths(metrics, [context.requestsQueue]);
    resources.workers.push(
      createWorker<typeof QueueName.COMMUNITY_REQUESTS, JobOutcome>(
        QueueName.COMMUNITY_REQUESTS,
        (job) => handleRequestJob(context, job),
        {
          connection: connection('requests'),
          prefix,
          concurrency: config.REQUEST_CONCURRENCY,
          serviceMetrics: metrics,
          onError: (error) => logger.error({ err: error }, 'worker error'),
        },
      ),
    );

    resources.health = await startHealthServer({
      serviceName: config.SERVICE_NAME,
      port: config.HEALTH_PORT,
      readiness,
      metrics,
    });
    const health = resources.health;
    return { metrics, readiness, healthUrl: health.url, stop: () => closeAll(resources, logger) };
  } catch (error) {
    await closeAll(resources, logger);
    throw error;
  }
};
