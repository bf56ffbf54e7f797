// The gateway's timers and notices: the watch list re-read, the archive's retention, relay streams repaired,
// relay's meshes watched for a gap to back-fill, and the Redis channels that ask for a refresh or a back-fill.
import type { PrismaClient } from '@status-communities/db';
import type { ServiceScope } from '@status-communities/observability';
import { routesChangedChannel } from '@status-communities/queue';
import type { ServiceStores } from '@status-communities/queue';
import { pruneArchive, retentionCutoffNs } from './archive.js';
import { listenForBackfillCommands, relayDelivers } from './backfill.js';
import type { GatewayConfig } from './config.js';
import type { Periodic } from './periodic.js';
import { runEvery } from './periodic.js';
import type { Relay } from './relay.js';
import type { WatchSync } from './watch-sync.js';

/** How often relay peers whose streams failed are looked for. */
const RELAY_REPAIR_INTERVAL_MS = 5_000;

/** How often relay's meshes are looked at, to back-fill when they come back. */
const RELAY_CHECK_MS = 1_000;

export interface Schedules {
  readonly watchRefresh: Periodic;
  /** Runs the retention sweep now; returns the rows deleted. */
  sweepRetention(): Promise<number>;
}

export interface ScheduleParts {
  readonly prisma: PrismaClient;
  readonly relay: Relay;
  readonly watch: WatchSync;
  readonly clock: () => number;
}

export const startSchedules = (
  scope: ServiceScope,
  config: GatewayConfig,
  { prisma, relay, watch, clock }: ScheduleParts,
): Schedules => {
  const { logger } = scope;
  const reportFailure = (task: string) => (error: unknown) =>
    logger.error({ err: error, task }, 'task failed');
  const watchRefresh = runEvery(
    config.WATCH_REFRESH_SECONDS * 1_000,
    async () => void (await watch.refresh()),
    reportFailure('watch list refresh'),
  );
  const sweepRetention = async (): Promise<number> => {
    const deleted = await pruneArchive(prisma, retentionCutoffNs(clock(), config.ARCHIVE_RETENTION_DAYS));
    relay.metrics.archivePruned.inc(deleted);
    if (deleted > 0) logger.info({ deleted, retentionDays: config.ARCHIVE_RETENTION_DAYS }, 'archive pruned');
    return deleted;
  };
  const retention = runEvery(
    config.RETENTION_SWEEP_MINUTES * 60_000,
    async () => void (await sweepRetention()),
    reportFailure('retention sweep'),
  );
  const periodic = [
    watchRefresh,
    retention,
    repairRelay(scope, relay, reportFailure('relay repair')),
    watchRelayMeshes(scope, config, { relay, watch }, reportFailure('relay watch')),
  ];
  scope.defer('schedules', () => Promise.all(periodic.map((task) => task.stop())));
  void retention.runNow();
  return { watchRefresh, sweepRetention };
};

/**
 * Gossipsub opens a connection's relay streams once: a peer whose streams failed stays connected and relays
 * nothing until it is reconnected.
 */
const repairRelay = (scope: ServiceScope, { node, metrics }: Relay, onError: (error: unknown) => void) =>
  runEvery(
    RELAY_REPAIR_INTERVAL_MS,
    async () => {
      const reset = await node.resetStalledRelayPeers();
      metrics.relayPeerResets.inc(reset.length);
      if (reset.length > 0)
        scope.logger.warn({ peers: reset }, 'relay peers without relay streams reconnected');
    },
    onError,
  );

/**
 * Relay lost every mesh peer of a shard and has one again (also the first mesh after the start): what was
 * published meanwhile is only in the stores, and a back-fill that ran before the mesh formed may have missed
 * what came between its query and the mesh.
 */
const watchRelayMeshes = (
  scope: ServiceScope,
  config: GatewayConfig,
  { relay, watch }: Pick<ScheduleParts, 'relay' | 'watch'>,
  onError: (error: unknown) => void,
) => {
  const { logger } = scope;
  let delivering = false;
  return runEvery(
    RELAY_CHECK_MS,
    async () => {
      const now = relayDelivers(relay.node.shardPeers(), config.waku.shards);
      if (now && !delivering && relay.backfiller !== undefined) {
        logger.info(
          { communities: watch.current?.communities.size ?? 0 },
          'relay delivers; back-filling the gap',
        );
        watch.backfillAll();
      }
      if (!now && delivering)
        logger.warn('relay lost its mesh on a shard; back-fill follows when it is back');
      delivering = now;
    },
    onError,
  );
};

/**
 * A hosted community created or a watch-list change (libs/queue's routes channel, also what the indexer hears)
 * is archived at once; the back-fill channel asks for one community's back-fill.
 */
export const listenForNotices = async (
  scope: ServiceScope,
  config: GatewayConfig,
  stores: ServiceStores,
  { relay, watch, watchRefresh }: { relay: Relay; watch: WatchSync; watchRefresh: Periodic },
): Promise<void> => {
  const { logger } = scope;
  const prefix = config.REDIS_KEY_PREFIX;
  const notices = stores.connection('notices');
  notices.on('message', (channel: string) => {
    if (channel === routesChangedChannel(prefix)) void watchRefresh.runNow();
  });
  await notices.subscribe(routesChangedChannel(prefix));
  const { backfiller } = relay;
  if (backfiller === undefined) return;
  await listenForBackfillCommands(
    notices,
    prefix,
    ({ communityId }) => {
      // The command may be about a community just added to the table.
      void watchRefresh.runNow().then(() => {
        const community = watch.current?.communities.get(communityId);
        if (community === undefined)
          logger.warn({ communityId }, 'back-fill asked for a community neither hosted nor watched');
        else void backfiller.request(community);
      });
    },
    logger,
  );
};
