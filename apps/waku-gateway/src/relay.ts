// The gateway's relay side: the Waku node, and what takes its messages in (the inbound queue, the archive) and
// back-fills what it missed. Stopping stops the node first, so nothing new arrives while the rest drains.
import type { Metrics, ServiceScope } from '@status-communities/observability';
import { QueueName, observeQueueDepths } from '@status-communities/queue';
import type { ServiceStores } from '@status-communities/queue';
import type { WakuNode } from '@status-communities/waku';
import { createWakuNode } from '@status-communities/waku';
import { Archiver } from './archive.js';
import { Backfiller, QueueOutage } from './backfill.js';
import type { GatewayConfig } from './config.js';
import { Inbound } from './inbound.js';
import type { GatewayMetrics } from './metrics.js';
import { createGatewayMetrics } from './metrics.js';
import type { WatchSync } from './watch-sync.js';

export interface Relay {
  readonly node: WakuNode;
  readonly metrics: GatewayMetrics;
  readonly inbound: Inbound;
  readonly archiver: Archiver;
  /** Undefined without BACKFILL_STORE_PEERS. */
  readonly backfiller: Backfiller | undefined;
}

export interface RelayParts {
  readonly stores: ServiceStores;
  readonly metrics: Metrics;
  readonly clock: () => number;
}

export const openRelay = async (
  scope: ServiceScope,
  config: GatewayConfig,
  { stores, metrics, clock }: RelayParts,
): Promise<Relay> => {
  const { logger } = scope;
  const { prisma, producer } = stores;
  const prefix = config.REDIS_KEY_PREFIX;
  // What the platform publishes (descriptions, bots' posts, answers) must reach the indexer like any message.
  const node = await createWakuNode({ ...config.waku, deliverOwnMessages: true });
  const gatewayMetrics = createGatewayMetrics(metrics, () => node.shardPeers());
  const inboundQueue = stores.queue(QueueName.WAKU_INBOUND);
  observeQueueDepths(metrics, [inboundQueue]);
  const archiver = scope.own(
    'archive',
    new Archiver({
      prisma,
      metrics: gatewayMetrics,
      logger,
      retentionDays: config.ARCHIVE_RETENTION_DAYS,
      clock,
    }),
    (archive) => archive.flush(),
  );
  const inbound = scope.own(
    'inbound queue',
    new Inbound({
      queue: inboundQueue,
      redis: producer,
      prefix,
      metrics: gatewayMetrics,
      logger,
      onQueued: (candidate, source) => archiver.offer(candidate, source),
    }),
    (queued) => queued.drain(),
  );
  // Registered after the archive and the inbound queue (made without a wait since the node, so nothing between
  // can fail and leave it open), so it stops before they drain.
  scope.own('waku node', node, (made) => made.stop());
  node.onRejected((rejected) => {
    gatewayMetrics.drops.inc({ reason: rejected.reason });
    logger.debug(rejected, 'relay rejected a message');
  });
  const backfiller =
    config.BACKFILL_STORE_PEERS.length === 0
      ? undefined
      : scope.own(
          'back-fill',
          new Backfiller({
            node,
            prisma,
            redis: producer,
            prefix,
            inbound,
            metrics: gatewayMetrics,
            logger,
            storePeers: config.BACKFILL_STORE_PEERS,
            backfillHours: config.BACKFILL_HOURS,
            retentionDays: config.ARCHIVE_RETENTION_DAYS,
            flushArchive: () => archiver.flush(),
            clock,
          }),
          (made) => made.stop(),
        );
  return { node, metrics: gatewayMetrics, inbound, archiver, backfiller };
};

/** Relay traffic → the inbound queue; the end of a queue outage back-fills what it lost. */
export const receiveRelay = ({ node, inbound }: Relay, watch: WatchSync): void => {
  const outage = new QueueOutage();
  node.subscribe(
    (received) =>
      void inbound.accept(received, 'relay').then((outcome) => {
        const failedSince = outage.observe(outcome, received.receivedAt);
        if (failedSince !== undefined) void watch.backfillQueueOutage(failedSince);
      }),
  );
};
