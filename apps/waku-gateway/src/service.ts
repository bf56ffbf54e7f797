import type { Logger, Metrics, ServiceHandle, ServiceScope } from '@status-communities/observability';
import { createLogger, createMetrics, startService } from '@status-communities/observability';
import { openServiceStores } from '@status-communities/queue';
import type { WakuNode } from '@status-communities/waku';
import type { GatewayConfig } from './config.js';
import { addWakuReadiness } from './health.js';
import { openRelay, receiveRelay } from './relay.js';
import { listenForNotices, startSchedules } from './schedules.js';
import { servePeers } from './serve.js';
import type { WatchList } from './watch-list.js';
import { WatchSync } from './watch-sync.js';

export interface GatewayDependencies {
  /** Default: JSON lines on stdout at LOG_LEVEL. */
  readonly logger?: Logger;
  /** Unix ms; archive policy, retention and back-fill read it. Default Date.now. */
  readonly clock?: () => number;
}

export interface Gateway extends ServiceHandle {
  readonly node: WakuNode;
  readonly metrics: Metrics;
  /**
   * Re-reads the watched and hosted communities now (also every WATCH_REFRESH_SECONDS and when a route change is
   * announced on libs/queue's routes channel).
   */
  refreshWatchList(): Promise<WatchList>;
  /** Resolves once every back-fill asked for so far has run (at once without BACKFILL_STORE_PEERS). */
  backfillsDone(): Promise<void>;
  /**
   * Resolves once every message received so far is queued (or failed to be) and its archive row, if any, is
   * written: what a test waits for before asserting that a message was not archived.
   */
  inboundSettled(): Promise<void>;
  /** Runs the retention sweep now (it also runs every RETENTION_SWEEP_MINUTES); returns the rows deleted. */
  sweepRetention(): Promise<number>;
}

/**
 * The composition root: the Waku node and everything around it. Inbound relay traffic → edge checks →
 * waku.inbound (and the archive for hosted and watched communities' topics); waku.outbound → relay; Store v3
 * served from the archive, Filter and LightPush for light clients; back-fill of what those communities lack;
 * health and metrics. Stopping takes no more work, finishes what is in hand (outbound jobs, queued inbound
 * messages, archive rows), then closes connections.
 */
export const startGateway = (
  config: GatewayConfig,
  dependencies: GatewayDependencies = {},
): Promise<Gateway> => {
  const metrics = createMetrics({ serviceName: config.SERVICE_NAME });
  return startService({
    name: 'waku gateway',
    logger:
      dependencies.logger ?? createLogger({ serviceName: config.SERVICE_NAME, level: config.LOG_LEVEL }),
    health: { serviceName: config.SERVICE_NAME, port: config.HEALTH_PORT, metrics },
    build: (scope) => buildGateway(scope, config, metrics, dependencies.clock ?? Date.now),
    startedFields: ({ node }) => ({
      peerId: node.peerId,
      multiaddrs: node.multiaddrs,
      // What light clients dial (Store, Filter, LightPush, peer exchange); wss is a proxy's (infra/README.md).
      websockets: node.websocketMultiaddrs,
      shards: node.shards,
    }),
  });
};

const buildGateway = async (
  scope: ServiceScope,
  config: GatewayConfig,
  metrics: Metrics,
  clock: () => number,
) => {
  // Producer role: while Redis is down an inbound add fails after 5 s instead of piling up.
  const stores = openServiceStores(scope, config, 'producer');
  // Messages arrive in bursts (one socket read carries many): their claims and adds then go to Redis in one
  // write rather than a write per command, a syscall each that showed in the inbound path's profile.
  stores.producer.options.enableAutoPipelining = true;
  const relay = await openRelay(scope, config, { stores, metrics, clock });
  const { node, inbound, archiver, backfiller } = relay;
  const watch = new WatchSync({
    prisma: stores.prisma,
    node,
    archiver,
    backfiller,
    contentTopics: config.ARCHIVE_CONTENT_TOPICS,
    logger: scope.logger,
  });
  receiveRelay(relay, watch);
  await watch.start();
  await node.start();
  watch.backfillAll();
  await servePeers(scope, config, { stores, relay, watch, metrics });
  const schedules = startSchedules(scope, config, { prisma: stores.prisma, relay, watch, clock });
  await listenForNotices(scope, config, stores, { relay, watch, watchRefresh: schedules.watchRefresh });
  addWakuReadiness(scope.readiness, node, config.waku.shards);
  return {
    node,
    metrics,
    refreshWatchList: () => watch.refresh(),
    backfillsDone: async () => backfiller?.idle(),
    inboundSettled: async () => {
      await inbound.drain();
      await archiver.flush();
    },
    sweepRetention: schedules.sweepRetention,
  };
};
