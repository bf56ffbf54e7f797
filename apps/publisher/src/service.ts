import { prismaSql } from '@status-communities/db';
import { openControlNodeKeyStores } from '@status-communities/keyring';
import type { Logger, Metrics, ServiceHandle, ServiceScope } from '@status-communities/observability';
import { createLogger, createMetrics, startService } from '@status-communities/observability';
import type { ServiceStores } from '@status-communities/queue';
import {
  EventOutbox,
  QueueName,
  eventStream,
  observeQueueDepths,
  openServiceStores,
  startOutboxSweeps,
} from '@status-communities/queue';
import type { KeyRequestReport } from './bots/key-requests.js';
import { requestMissingKeys } from './bots/key-requests.js';
import type { PublisherConfig } from './config.js';
import type { PublisherContext } from './context.js';
import type { SweepReport } from './description/sweep.js';
import { sweepCommunities } from './description/sweep.js';
import { withDirectStores } from './direct/context.js';
import type { DirectSweepReport } from './direct/sweep.js';
import { sweepDirect } from './direct/sweep.js';
import { createPublisherMetrics } from './metrics.js';
import { scheduleSweep, startPublisherWorkers } from './workers.js';

/** Secret field names beyond the logger's defaults that the publisher's code uses. */
export const PUBLISHER_SECRET_LOG_KEYS = [
  'signerPriv',
  'envelopeSignerPriv',
  'communityPrivateKey',
  'walletPrivateKey',
];

export interface PublisherDependencies {
  /** Default: JSON lines on stdout at LOG_LEVEL, private-key fields scrubbed. */
  readonly logger?: Logger;
  /** Unix ms. Default Date.now. */
  readonly clock?: () => number;
}

export interface Publisher extends ServiceHandle {
  readonly metrics: Metrics;
  /** Queues publishes for every hosted community that needs one now (also runs at start and on schedule). */
  sweep(): Promise<SweepReport>;
  /** Our bots ask for channel keys they miss in communities run elsewhere (also runs on schedule). */
  requestMissingKeys(): Promise<KeyRequestReport>;
  /** Re-sends the bots' unacknowledged 1:1 messages that are due and advertises their bundles (also on schedule). */
  sweepDirect(): Promise<DirectSweepReport>;
}

/**
 * The composition root: community.commands → state in PostgreSQL → community.publish (debounced, coalesced
 * per community) → signed, encrypted descriptions on waku.outbound and `community.updated` events;
 * bot.messages → signed channel messages on waku.outbound, and bot identities made in the keyring; a
 * repeatable sweep that repairs unpublished changes and re-advertises descriptions; health and metrics.
 * Stopping takes no more jobs, finishes those in hand, then closes connections.
 */
export const startPublisher = (
  config: PublisherConfig,
  dependencies: PublisherDependencies = {},
): Promise<Publisher> => {
  const metrics = createMetrics({ serviceName: config.SERVICE_NAME });
  return startService({
    name: 'publisher',
    logger: dependencies.logger ?? createPublisherLogger(config),
    health: { serviceName: config.SERVICE_NAME, port: config.HEALTH_PORT, metrics },
    build: async (scope) => {
      const stores = openServiceStores(scope, config);
      const context = buildContext(scope, config, stores, metrics, dependencies.clock ?? Date.now);
      const commandsQueue = stores.queue(QueueName.COMMUNITY_COMMANDS);
      observeQueueDepths(metrics, [commandsQueue, context.publishQueue, context.outboundQueue]);
      const sweep = () => sweepCommunities(context);
      // A change stored before a crash and never published goes out now, not at the next scheduled sweep.
      await sweep();
      scope.defer(
        'outbox sweeps',
        await startOutboxSweeps(context.outbox, {
          everyMs: config.OUTBOX_SWEEP_SECONDS * 1_000,
          logger: scope.logger,
          clock: context.clock,
        }),
      );
      const direct = withDirectStores(context, config.masterKeys);
      startPublisherWorkers(scope, config, { context, direct, stores, metrics, sweep });
      await scheduleSweep(commandsQueue, config.REPUBLISH_CHECK_SECONDS * 1_000);
      const keyRequests = () => requestMissingKeys(context);
      scope.every('missing key requests', config.KEY_REQUEST_CHECK_SECONDS * 1_000, keyRequests);
      const directSweep = () => sweepDirect(direct);
      scope.every('1:1 re-sends and bundles', config.DIRECT_SWEEP_SECONDS * 1_000, directSweep);
      return { metrics, sweep, requestMissingKeys: keyRequests, sweepDirect: directSweep };
    },
  });
};

const createPublisherLogger = (config: PublisherConfig): Logger =>
  createLogger({
    serviceName: config.SERVICE_NAME,
    level: config.LOG_LEVEL,
    secretKeys: PUBLISHER_SECRET_LOG_KEYS,
  });

/** What the handlers work with: PostgreSQL, the keyring, the outbox and the queues they write to. */
const buildContext = (
  scope: ServiceScope,
  config: PublisherConfig,
  stores: ServiceStores,
  metrics: Metrics,
  clock: () => number,
): PublisherContext => {
  const { prisma, producer } = stores;
  const prefix = config.REDIS_KEY_PREFIX;
  return {
    prisma,
    ...openControlNodeKeyStores(prisma, config),
    redis: producer,
    prefix,
    outbox: new EventOutbox(prismaSql(prisma), producer, eventStream({ prefix })),
    publishQueue: stores.queue(QueueName.COMMUNITY_PUBLISH),
    outboundQueue: stores.queue(QueueName.WAKU_OUTBOUND),
    watchQueue: stores.queue(QueueName.COMMUNITY_WATCH),
    logger: scope.logger,
    metrics: createPublisherMetrics(metrics),
    settings: {
      publishDebounceMs: config.PUBLISH_DEBOUNCE_MS,
      republishIntervalMs: config.REPUBLISH_INTERVAL_SECONDS * 1_000,
      maxSegmentBytes: config.MAX_SEGMENT_BYTES,
      shardProfile: config.shardProfile,
      rekeyIntervalMs: config.REKEY_INTERVAL_SECONDS * 1_000,
      installationId: config.INSTALLATION_ID,
    },
    clock,
  };
};
