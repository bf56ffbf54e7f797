import { createChainClients } from '@status-communities/chain';
import { prismaSql } from '@status-communities/db';
import { openControlNodeKeyStores } from '@status-communities/keyring';
import type { Logger, Metrics, ServiceHandle, ServiceScope } from '@status-communities/observability';
import { createLogger, createMetrics, startService } from '@status-communities/observability';
import type { RedisClient, ServiceStores } from '@status-communities/queue';
import {
  EventOutbox,
  QueueName,
  closeQueueResources,
  createWorker,
  eventStream,
  observeQueueDepths,
  openServiceStores,
  startOutboxSweeps,
} from '@status-communities/queue';
import type { RequestHandlerConfig } from './config.js';
import type { RequestHandlerContext } from './context.js';
import { handleRequestJob } from './handle-job.js';
import { createRequestHandlerMetrics } from './metrics.js';
import type { JobOutcome } from './outcome.js';
import { startReevaluationSchedule } from './permissions/schedule.js';
import { GroupCommit } from './requests/group-commit.js';
import { decideJoinBatch } from './requests/join-batch.js';
import { PublishedDescriptions } from './requests/membership-view.js';
import { SharedReads } from './store/shared-reads.js';

/** Secret field names beyond the logger's defaults that the request handler's code uses. */
export const REQUEST_HANDLER_SECRET_LOG_KEYS = ['communityPrivateKey', 'signerPriv'];

export interface RequestHandlerDependencies {
  /** Default: JSON lines on stdout at LOG_LEVEL, private-key fields scrubbed. */
  readonly logger?: Logger;
  /** Unix ms. Default Date.now. */
  readonly clock?: () => number;
}

export interface RequestHandler extends ServiceHandle {
  readonly metrics: Metrics;
}

/**
 * The composition root: community.requests → decisions in PostgreSQL (under the community's row lock) →
 * community.publish for the publisher, answers and deletion requests on waku.outbound, domain events;
 * health and metrics. Stopping takes no more jobs, finishes those in hand, then closes connections.
 */
export const startRequestHandler = (
  config: RequestHandlerConfig,
  dependencies: RequestHandlerDependencies = {},
): Promise<RequestHandler> => {
  const metrics = createMetrics({ serviceName: config.SERVICE_NAME });
  return startService({
    name: 'request handler',
    logger: dependencies.logger ?? createRequestHandlerLogger(config),
    health: { serviceName: config.SERVICE_NAME, port: config.HEALTH_PORT, metrics },
    build: async (scope) => {
      const stores = openServiceStores(scope, config);
      const context = buildContext(scope, config, stores, metrics, dependencies.clock ?? Date.now);
      metrics.gauge({
        name: 'request_handler_join_batch_waiting',
        help: 'Requests to join waiting for the batch of their community to take them',
        collect() {
          this.set(context.joinBatches.waiting);
        },
      });
      scope.defer(
        'outbox sweeps',
        await startOutboxSweeps(context.outbox, {
          everyMs: config.OUTBOX_SWEEP_SECONDS * 1_000,
          logger: scope.logger,
          clock: context.clock,
        }),
      );
      startRequestsWorker(scope, config, context, stores.connection('requests'), metrics);
      // Due checks are looked for each minute; each community is re-checked once per interval.
      scope.defer('permission re-evaluations', startReevaluationSchedule(context, 60_000));
      return { metrics };
    },
  });
};

const createRequestHandlerLogger = (config: RequestHandlerConfig): Logger =>
  createLogger({
    serviceName: config.SERVICE_NAME,
    level: config.LOG_LEVEL,
    secretKeys: REQUEST_HANDLER_SECRET_LOG_KEYS,
  });

/** What the handlers work with: PostgreSQL, the keyring, the outbox and the queues they write to. */
const buildContext = (
  scope: ServiceScope,
  config: RequestHandlerConfig,
  stores: ServiceStores,
  metrics: Metrics,
  clock: () => number,
): RequestHandlerContext => {
  const { prisma, producer } = stores;
  const context: RequestHandlerContext = {
    prisma,
    ...openControlNodeKeyStores(prisma, config),
    chains: createChainClients(config),
    outbox: new EventOutbox(prismaSql(prisma), producer, eventStream({ prefix: config.REDIS_KEY_PREFIX })),
    publishedDescriptions: new PublishedDescriptions(async (communityId) => {
      const row = await prisma.community.findUnique({
        where: { id: communityId },
        select: { descriptionRaw: true, lastPublishedClock: true },
      });
      return row?.descriptionRaw && row.lastPublishedClock !== null
        ? { raw: row.descriptionRaw, clock: Number(row.lastPublishedClock) }
        : null;
    }),
    sharedReads: new SharedReads(prisma),
    joinBatches: new GroupCommit(
      (communityId, joins) => decideJoinBatch(context, communityId, joins),
      // One request per requester in a batch: a second waits for the first's decision.
      { maxBatch: config.JOIN_BATCH_MAX, identity: (join) => join.requestId },
    ),
    requestsQueue: stores.queue(QueueName.COMMUNITY_REQUESTS),
    publishQueue: stores.queue(QueueName.COMMUNITY_PUBLISH),
    outboundQueue: stores.queue(QueueName.WAKU_OUTBOUND),
    logger: scope.logger,
    metrics: createRequestHandlerMetrics(metrics),
    settings: {
      publishDebounceMs: config.PUBLISH_DEBOUNCE_MS,
      shardProfile: config.shardProfile,
      installationId: config.INSTALLATION_ID,
      permissionsReevaluationMs: config.PERMISSIONS_REEVALUATION_SECONDS * 1_000,
    },
    clock,
  };
  return context;
};

const startRequestsWorker = (
  scope: ServiceScope,
  config: RequestHandlerConfig,
  context: RequestHandlerContext,
  connection: RedisClient,
  metrics: Metrics,
): void => {
  observeQueueDepths(metrics, [context.requestsQueue]);
  const worker = createWorker<typeof QueueName.COMMUNITY_REQUESTS, JobOutcome>(
    QueueName.COMMUNITY_REQUESTS,
    (job) => handleRequestJob(context, job),
    {
      connection,
      prefix: config.REDIS_KEY_PREFIX,
      concurrency: config.REQUEST_CONCURRENCY,
      serviceMetrics: metrics,
      onError: (error) => scope.logger.error({ err: error }, 'worker error'),
    },
  );
  // The worker finishes the jobs in hand before its connection, the queues and PostgreSQL close.
  scope.defer('requests worker', () => closeQueueResources({ workers: [worker] }));
};
