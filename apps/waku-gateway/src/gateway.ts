import type { PrismaClient } from '@status-communities/db';
import { createPrismaClient } from '@status-communities/db';
import type { HealthServer, Logger, Metrics, Readiness } from '@status-communities/observability';
import {
  createLogger,
  createMetrics,
  createReadiness,
  startHealthServer,
  stopSteps,
} from '@status-communities/observability';
import {
  QueueName,
  closeQueueResources,
  createQueue,
  createRedisConnection,
  observeQueueDepths,
  routesChangedChannel,
} from '@status-communities/queue';
import type { TypedQueue, TypedWorker } from '@status-communities/queue';
import type { RedisClient } from '@status-communities/queue';
import type { StoreService, WakuNode } from '@status-communities/waku';
import { createWakuNode, serveStore } from '@status-communities/waku';
import { Archiver, PostgresStoreArchive, pruneArchive, retentionCutoffNs } from './archive.js';
import {
  Backfiller,
  GAP_OVERLAP_MS,
  QueueOutage,
  listenForBackfillCommands,
  relayDelivers,
} from './backfill.js';
import type { GatewayConfig } from './config.js';
import { GatewayRecords } from './gateway-records.js';
import { addReadinessChecks } from './health.js';
import { Inbound } from './inbound.js';
import type { LightClientServices } from './light-clients.js';
import { serveLightClients } from './light-clients.js';
import type { GatewayMetrics } from './metrics.js';
import { createGatewayMetrics } from './metrics.js';
import type { OutboundResult } from './outbound.js';
import { startOutboundWorker } from './outbound.js';
import type { Periodic } from './periodic.js';
import { runEvery } from './periodic.js';
import { checkSignedPayload } from './push-rules.js';
import type { WatchList, WatchedCommunity } from './watch-list.js';
import { readWatchList } from './watch-list.js';

/** How often relay peers whose streams failed are looked for. */
const RELAY_REPAIR_INTERVAL_MS = 5_000;

export interface GatewayDependencies {
  /** Default: JSON lines on stdout at LOG_LEVEL. */
  readonly logger?: Logger;
  /** Unix ms; archive policy, retention and back-fill read it. Default Date.now. */
  readonly clock?: () => number;
}

export interface Gateway {
  readonly node: WakuNode;
  readonly metrics: Metrics;
  readonly readiness: Readiness;
  /** `http://127.0.0.1:<port>`: /healthz, /readyz, /metrics. */
  readonly healthUrl: string;
  /**
   * Re-reads the watched and hosted communities now (also every WATCH_REFRESH_SECONDS and when a route change is
   * announced on libs/queue's routes channel).
   */
  refreshWatchList(): Promise<WatchList>;
  /** Resolves once every back-fill asked for so far has run (at once without BACKFILL_STORE_PEERS). */
  backfillsDone(): Promise<void>;
  /** Runs the retention sweep now (it also runs every RETENTION_SWEEP_MINUTES); returns the rows deleted. */
  sweepRetention(): Promise<number>;
  /** Stops taking work, finishes what is in hand (outbound jobs, queued inbound messages, archive rows), closes. */
  stop(): Promise<void>;
}

/** How often relay's meshes are looked at, to back-fill when they come back. */
const RELAY_CHECK_MS = 1_000;

/** What has been started so far, so a failed start closes exactly that. */
interface Resources {
  prisma?: PrismaClient;
  connections: RedisClient[];
  inboundQueue?: TypedQueue<typeof QueueName.WAKU_INBOUND>;
  node?: WakuNode;
  inbound?: Inbound;
  archiver?: Archiver;
  store?: StoreService;
  lightClients?: LightClientServices;
  worker?: TypedWorker<typeof QueueName.WAKU_OUTBOUND, OutboundResult>;
  periodic: Periodic[];
  backfiller?: Backfiller;
  health?: HealthServer;
}

/** In the order that loses nothing: stop taking work, finish what is in hand, then close connections. */
const closeAll = async (resources: Resources, logger: Logger): Promise<void> => {
  const step = stopSteps(logger, 'gateway');
  const { worker, backfiller, store, lightClients, node, inbound, archiver, inboundQueue, prisma, health } =
    resources;
  if (worker) await step('outbound worker', () => worker.close());
  if (backfiller) await step('back-fill', () => backfiller.stop());
  await step('schedules', () => Promise.all(resources.periodic.map((task) => task.stop())));
  if (store) await step('store service', () => store.close());
  if (lightClients) await step('filter, light push and peer exchange', () => lightClients.close());
  if (node) await step('waku node', () => node.stop());
  if (inbound) await step('inbound queue', () => inbound.drain());
  if (archiver) await step('archive', () => archiver.flush());
  await step('redis', () =>
    closeQueueResources({ queues: inboundQueue ? [inboundQueue] : [], connections: resources.connections }),
  );
  if (prisma) await step('database', () => prisma.$disconnect());
  if (health) await step('health server', () => health.close());
};

/**
 * The composition root: the Waku node and everything around it. Inbound relay traffic → edge checks →
 * waku.inbound (and the archive for hosted and watched communities' topics); waku.outbound → relay; Store v3
 * served from the archive, Filter and LightPush for light clients; back-fill of what those communities lack;
 * health and metrics.
 */
export const startGateway = async (
  config: GatewayConfig,
  dependencies: GatewayDependencies = {},
): Promise<Gateway> => {
  const logger =
    dependencies.logger ?? createLogger({ serviceName: config.SERVICE_NAME, level: config.LOG_LEVEL });
  const clock = dependencies.clock ?? Date.now;
  const prefix = config.REDIS_KEY_PREFIX;
  const metrics = createMetrics({ serviceName: config.SERVICE_NAME });
  const readiness = createReadiness();
  const resources: Resources = { connections: [], periodic: [] };
  const connection = (name: string, role: 'producer' | 'consumer'): RedisClient => {
    const redis = createRedisConnection(config.REDIS_URL, {
      role,
      connectionName: `${config.SERVICE_NAME}:${name}`,
      logger,
    });
    resources.connections.push(redis);
    return redis;
  };

  try {
    const prisma = (resources.prisma = createPrismaClient(config.DATABASE_URL));
    // Producer role: while Redis is down an inbound add fails after 5 s instead of piling up.
    const producer = connection('inbound', 'producer');
    // Messages arrive in bursts (one socket read carries many): their claims and adds then go to Redis in one
    // write rather than a write per command, a syscall each that showed in the inbound path's profile.
    producer.options.enableAutoPipelining = true;
    // What the platform publishes (descriptions, bots' posts, answers) must reach the indexer like any message.
    const node = (resources.node = await createWakuNode({ ...config.waku, deliverOwnMessages: true }));
    const gatewayMetrics: GatewayMetrics = createGatewayMetrics(metrics, () => node.shardPeers());
    const inboundQueue = (resources.inboundQueue = createQueue(QueueName.WAKU_INBOUND, producer, { prefix }));
    observeQueueDepths(metrics, [inboundQueue]);
    const archiver = (resources.archiver = new Archiver({
      prisma,
      metrics: gatewayMetrics,
      logger,
      retentionDays: config.ARCHIVE_RETENTION_DAYS,
      clock,
    }));
    const inbound = (resources.inbound = new Inbound({
      queue: inboundQueue,
      redis: producer,
      prefix,
      metrics: gatewayMetrics,
      logger,
      onQueued: (candidate, source) => archiver.offer(candidate, source),
    }));
    node.onRejected((rejected) => {
      gatewayMetrics.drops.inc({ reason: rejected.reason });
      logger.debug(rejected, 'relay rejected a message');
    });

    const backfiller =
      config.BACKFILL_STORE_PEERS.length === 0
        ? undefined
        : (resources.backfiller = new Backfiller({
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
          }));

    // Shards a watched community announced, added to the configured ones while it is watched.
    const communityShards = new Set<number>();
    let watchList: WatchList | undefined;
    /** Archives and relays what a new list names. */
    const applyWatchList = (next: WatchList): void => {
      archiver.watch(next.contentTopics);
      for (const shard of next.shards)
        if (!node.shards.includes(shard)) {
          node.addShard(shard);
          communityShards.add(shard);
        }
      for (const shard of communityShards)
        if (!next.shards.includes(shard)) {
          node.removeShard(shard);
          communityShards.delete(shard);
        }
      for (const { communityId, reason } of next.rejected)
        logger.warn({ communityId, reason }, 'watched community ignored');
      watchList = next;
    };
    /** Communities on `next` that the current list lacks. */
    const newOn = (next: WatchList): WatchedCommunity[] =>
      [...next.communities.values()].filter(
        (community) => watchList?.communities.has(community.communityId) !== true,
      );
    const refreshWatchList = async (): Promise<WatchList> => {
      const next = await readWatchList(prisma, config.ARCHIVE_CONTENT_TOPICS);
      const added = newOn(next);
      // Their gaps are recorded before their topics are archived, which would move their last archived message.
      await backfiller?.openGaps(added);
      applyWatchList(next);
      if (added.length > 0)
        logger.info(
          { communityIds: added.map((community) => community.communityId) },
          'archiving new communities',
        );
      for (const community of added) void backfiller?.request(community);
      backfiller?.retryIncomplete(next.communities);
      return next;
    };
    const backfillAll = (): void => {
      for (const community of watchList?.communities.values() ?? []) void backfiller?.request(community);
    };
    // What relay brought while the queue failed reached neither the indexer nor the archive: once the queue takes
    // messages again, every community lacks what was published since the first failure.
    const backfillQueueOutage = async (failedSince: number): Promise<void> => {
      if (backfiller === undefined) return;
      try {
        await backfiller.openGapsFrom(
          [...(watchList?.communities.values() ?? [])],
          failedSince - GAP_OVERLAP_MS,
        );
      } catch (error) {
        // The back-fills then start from each community's last archived message, maybe past the hole already.
        logger.error({ err: error }, 'could not record the gaps of the queue outage');
      }
      backfillAll();
      logger.warn({ failedSince: new Date(failedSince) }, 'inbound queue takes messages again; back-filling');
    };
    const outage = new QueueOutage();
    node.subscribe(
      (received) =>
        void inbound.accept(received, 'relay').then((outcome) => {
          const failedSince = outage.observe(outcome, received.receivedAt);
          if (failedSince !== undefined) void backfillQueueOutage(failedSince);
        }),
    );

    // Applied before the node starts, so the archive and the community shards are right from the first
    // message; every listed community is then back-filled over the gap it has since its last archived message.
    const firstList = await readWatchList(prisma, config.ARCHIVE_CONTENT_TOPICS);
    await backfiller?.openGaps(newOn(firstList));
    applyWatchList(firstList);
    await node.start();
    backfillAll();
    resources.store = await serveStore(node, new PostgresStoreArchive(prisma), {
      onServed: (served) => {
        gatewayMetrics.storeQueries.inc({ status: String(served.statusCode ?? 'none') });
        logger.debug(served, 'store query served');
      },
    });
    const signedPayloads = checkSignedPayload((contentTopic) => watchList?.topics.get(contentTopic) ?? []);
    resources.lightClients = await serveLightClients({
      node,
      metrics,
      logger,
      pushCheck: signedPayloads,
      records: new GatewayRecords(producer, prefix, node.peerId),
    });
    resources.worker = startOutboundWorker({
      node,
      connection: connection('outbound', 'consumer'),
      prefix,
      concurrency: config.OUTBOUND_CONCURRENCY,
      metrics: gatewayMetrics,
      serviceMetrics: metrics,
      logger,
    });

    const reportFailure = (task: string) => (error: unknown) =>
      logger.error({ err: error, task }, 'task failed');
    const watchRefresh = runEvery(
      config.WATCH_REFRESH_SECONDS * 1_000,
      async () => void (await refreshWatchList()),
      reportFailure('watch list refresh'),
    );
    const sweepRetention = async (): Promise<number> => {
      const deleted = await pruneArchive(prisma, retentionCutoffNs(clock(), config.ARCHIVE_RETENTION_DAYS));
      gatewayMetrics.archivePruned.inc(deleted);
      if (deleted > 0)
        logger.info({ deleted, retentionDays: config.ARCHIVE_RETENTION_DAYS }, 'archive pruned');
      return deleted;
    };
    const retention = runEvery(
      config.RETENTION_SWEEP_MINUTES * 60_000,
      async () => void (await sweepRetention()),
      reportFailure('retention sweep'),
    );
    // Gossipsub opens a connection's relay streams once: a peer whose streams failed stays connected and relays
    // nothing until it is reconnected.
    const relayRepair = runEvery(
      RELAY_REPAIR_INTERVAL_MS,
      async () => {
        const reset = await node.resetStalledRelayPeers();
        gatewayMetrics.relayPeerResets.inc(reset.length);
        if (reset.length > 0) logger.warn({ peers: reset }, 'relay peers without relay streams reconnected');
      },
      reportFailure('relay repair'),
    );
    // Relay lost every mesh peer of a shard and has one again (also the first mesh after the start): what was
    // published meanwhile is only in the stores, and a back-fill that ran before the mesh formed may have missed
    // what came between its query and the mesh.
    let delivering = false;
    const relayWatch = runEvery(
      RELAY_CHECK_MS,
      async () => {
        const now = relayDelivers(node.shardPeers(), config.waku.shards);
        if (now && !delivering && backfiller !== undefined) {
          logger.info(
            { communities: watchList?.communities.size ?? 0 },
            'relay delivers; back-filling the gap',
          );
          backfillAll();
        }
        if (!now && delivering)
          logger.warn('relay lost its mesh on a shard; back-fill follows when it is back');
        delivering = now;
      },
      reportFailure('relay watch'),
    );
    resources.periodic.push(watchRefresh, retention, relayRepair, relayWatch);
    void retention.runNow();

    // A hosted community created or a watch-list change (libs/queue's routes channel, also what the indexer
    // hears) is archived at once; the back-fill channel asks for one community's back-fill.
    const notices = connection('notices', 'consumer');
    notices.on('message', (channel: string) => {
      if (channel === routesChangedChannel(prefix)) void watchRefresh.runNow();
    });
    await notices.subscribe(routesChangedChannel(prefix));
    if (backfiller !== undefined)
      await listenForBackfillCommands(
        notices,
        prefix,
        ({ communityId }) => {
          // The command may be about a community just added to the table.
          void watchRefresh.runNow().then(() => {
            const community = watchList?.communities.get(communityId);
            if (community === undefined)
              logger.warn({ communityId }, 'back-fill asked for a community neither hosted nor watched');
            else void backfiller.request(community);
          });
        },
        logger,
      );

    addReadinessChecks(readiness, { redis: producer, prisma, node, requiredShards: config.waku.shards });
    const health = (resources.health = await startHealthServer({
      serviceName: config.SERVICE_NAME,
      port: config.HEALTH_PORT,
      readiness,
      metrics,
    }));
    logger.info(
      {
        peerId: node.peerId,
        multiaddrs: node.multiaddrs,
        // What light clients dial (Store, Filter, LightPush, peer exchange); wss is a proxy's (infra/README.md).
        websockets: node.websocketMultiaddrs,
        shards: node.shards,
        health: health.url,
      },
      'waku gateway started',
    );

    let stopping: Promise<void> | undefined;
    return {
      node,
      metrics,
      readiness,
      healthUrl: health.url,
      refreshWatchList,
      backfillsDone: async () => backfiller?.idle(),
      sweepRetention,
      stop: () =>
        (stopping ??= (async () => {
          readiness.drain();
          await closeAll(resources, logger);
          logger.info('waku gateway stopped');
        })()),
    };
  } catch (error) {
    await closeAll(resources, logger);
    throw error;
  }
};
