// The live route table: loaded from the database, reloaded when the watch list changes here or in another
// replica, when another service adds a hosted community, a bot or a bot's negotiated 1:1 topic (a Redis
// pub/sub notice, libs/queue announceRoutesChanged), and on a timer in case a notice was missed.
import type { PrismaClient } from '@status-communities/db';
import type { Logger } from '@status-communities/observability';
import { announceRoutesChanged, routesChangedChannel } from '@status-communities/queue';
import type { RedisClient } from '@status-communities/queue';
import { RouteTable } from './route-table.js';
import type { RoutedCommunity, RoutedDirectTopic } from './route-table.js';

/** Our bot identities' keys: their partitioned topics and rekey entries are routed to the publisher. */
export const loadBotKeys = async (prisma: PrismaClient): Promise<string[]> =>
  (await prisma.identity.findMany({ select: { publicKey: true } })).map((row) => row.publicKey);

/** Our bots' negotiated 1:1 topics, with the bot each leads to. */
export const loadDirectTopics = async (prisma: PrismaClient): Promise<RoutedDirectTopic[]> =>
  (
    await prisma.directTopic.findMany({
      select: { contentTopic: true, identity: { select: { publicKey: true } } },
    })
  ).map((row) => ({ contentTopic: row.contentTopic, botKey: row.identity.publicKey }));

/** Watched and hosted communities with their channels, as the route table needs them. */
export const loadRoutedCommunities = async (prisma: PrismaClient): Promise<RoutedCommunity[]> => {
  const [watched, hosted] = await Promise.all([
    prisma.watchedCommunity.findMany({ select: { communityId: true } }),
    prisma.community.findMany({ where: { kind: 'HOSTED' }, select: { id: true } }),
  ]);
  const hostedIds = new Set(hosted.map((community) => community.id));
  const ids = [...new Set([...watched.map((row) => row.communityId), ...hostedIds])];
  const channels = await prisma.channel.findMany({
    where: { communityId: { in: ids }, deleted: false },
    select: { communityId: true, uuid: true },
  });
  const uuidsOf = new Map<string, string[]>();
  for (const { communityId, uuid } of channels)
    uuidsOf.set(communityId, [...(uuidsOf.get(communityId) ?? []), uuid]);
  return ids.map((communityId) => ({
    communityId,
    hosted: hostedIds.has(communityId),
    channelUuids: uuidsOf.get(communityId) ?? [],
  }));
};

export interface RoutesOptions {
  readonly prisma: PrismaClient;
  readonly logger: Logger;
  /** Commands go out on this connection. */
  readonly redis: RedisClient;
  /** A connection of its own: a subscribed connection takes no other commands. */
  readonly subscriber: RedisClient;
  readonly prefix: string;
  readonly refreshIntervalMs: number;
}

export class Routes {
  private table = new RouteTable();
  private loading: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private loaded = false;

  constructor(private readonly options: RoutesOptions) {}

  get current(): RouteTable {
    return this.table;
  }

  /** True once the table was loaded from the database at least once. */
  get ready(): boolean {
    return this.loaded;
  }

  /** Loads the table, subscribes to change notices and starts the periodic reload. */
  async start(): Promise<void> {
    const { subscriber, prefix, refreshIntervalMs, logger } = this.options;
    await this.reload();
    subscriber.on('message', (channel: string) => {
      if (channel === routesChangedChannel(prefix))
        this.reload().catch((error: unknown) => logger.error({ err: error }, 'route reload failed'));
    });
    await subscriber.subscribe(routesChangedChannel(prefix));
    this.timer = setInterval(() => {
      this.reload().catch((error: unknown) => logger.error({ err: error }, 'route reload failed'));
    }, refreshIntervalMs);
  }

  /**
   * Reloads from the database. A call while a load runs schedules one more load after it, so a change
   * committed during a load is never missed; every caller waits for a load that started after its call.
   */
  reload(): Promise<void> {
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.loading = (async () => {
      try {
        do {
          this.again = false;
          const [communities, bots, directTopics] = await Promise.all([
            loadRoutedCommunities(this.options.prisma),
            loadBotKeys(this.options.prisma),
            loadDirectTopics(this.options.prisma),
          ]);
          this.table = new RouteTable(communities, bots, directTopics);
          this.loaded = true;
        } while (this.again);
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }

  /** After a watch-list change: reload here and tell the other replicas. */
  async changed(): Promise<void> {
    await this.reload();
    await announceRoutesChanged(this.options.redis, this.options.prefix);
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.loading?.catch(() => undefined);
  }
}
