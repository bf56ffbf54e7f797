import type { PrismaClient } from '@status-communities/db';
import type { Logger } from '@status-communities/observability';
import { CommunityIdSchema } from '@status-communities/queue';
import type { WakuNode } from '@status-communities/waku';
import { backfill, pubsubTopicForShard } from '@status-communities/waku';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Inbound } from './inbound.js';
import type { GatewayMetrics } from './metrics.js';
import type { WatchedCommunity } from './watch-list.js';

const NS_PER_MS = 1_000_000n;
const MS_PER_HOUR = 3_600_000;
/** The whole back-fill of one community (libs/waku's default); the cross-gateway lock outlives it a little. */
const BACKFILL_TIMEOUT_MS = 5 * 60_000;
const LOCK_TTL_MS = BACKFILL_TIMEOUT_MS + 60_000;

/** The Redis pub/sub channel that asks the gateways to back-fill a community now. */
export const backfillChannel = (prefix: string): string => `${prefix}:waku-gateway:backfill`;

/** Only one gateway back-fills a community at a time; the others see the key and skip it. */
const backfillLockKey = (prefix: string, communityId: string): string =>
  `${prefix}:waku-gateway:backfill-lock:${communityId}`;

/** What a publisher sends on the back-fill channel, as JSON. */
export const BackfillCommandSchema = z.object({ communityId: CommunityIdSchema });
export type BackfillCommand = z.infer<typeof BackfillCommandSchema>;

/** Where a back-fill starts: where the last complete one ended, or `hours` ago for a community never back-filled. */
export const backfillSinceNs = (
  community: Pick<WatchedCommunity, 'backfilledUntil'>,
  nowMs: number,
  hours: number,
): bigint => BigInt(community.backfilledUntil?.getTime() ?? nowMs - hours * MS_PER_HOUR) * NS_PER_MS;

export interface BackfillerOptions {
  readonly node: WakuNode;
  readonly prisma: PrismaClient;
  /** For the cross-gateway lock. */
  readonly redis: Redis;
  readonly prefix: string;
  readonly inbound: Inbound;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  /** Store nodes asked, as multiaddrs with /p2p/. */
  readonly storePeers: readonly string[];
  readonly backfillHours: number;
  readonly clock?: () => number;
}

/**
 * Back-fills watched communities from Store nodes, one community at a time, through the same inbound path as
 * relayed messages (queue dedup by hash, archive). A complete back-fill moves the community's
 * `backfilledUntil` to when it started, so the next one (after a restart) asks only for what came since.
 */
export class Backfiller {
  private chain: Promise<void> = Promise.resolve();
  private readonly waiting = new Set<string>();
  private readonly abort = new AbortController();
  private readonly clock: () => number;

  constructor(private readonly options: BackfillerOptions) {
    this.clock = options.clock ?? Date.now;
  }

  /** Queues a back-fill of the community unless one is already waiting; resolves when it has run. */
  request(community: WatchedCommunity): Promise<void> {
    if (this.waiting.has(community.communityId)) return this.chain;
    this.waiting.add(community.communityId);
    this.chain = this.chain.then(async () => {
      this.waiting.delete(community.communityId);
      if (this.abort.signal.aborted) return;
      try {
        await this.run(community);
      } catch (error) {
        this.options.logger.error({ err: error, communityId: community.communityId }, 'back-fill failed');
      }
    });
    return this.chain;
  }

  /** Aborts the running back-fill and drops the waiting ones. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.chain;
  }

  private async run(community: WatchedCommunity): Promise<void> {
    const { node, prisma, redis, prefix, inbound, metrics, logger } = this.options;
    const { communityId } = community;
    const lock = backfillLockKey(prefix, communityId);
    if ((await redis.set(lock, node.peerId, 'PX', LOCK_TTL_MS, 'NX')) === null) {
      logger.info({ communityId }, 'another gateway is back-filling this community');
      return;
    }
    try {
      const startedAt = this.clock();
      const sinceNs = backfillSinceNs(community, startedAt, this.options.backfillHours);
      const report = await backfill({
        node,
        peers: this.options.storePeers,
        pubsubTopics: node.shards.map(pubsubTopicForShard),
        contentTopics: community.contentTopics,
        sinceNs,
        timeoutMs: BACKFILL_TIMEOUT_MS,
        signal: this.abort.signal,
        onMessage: async (message) => {
          metrics.backfilled.inc();
          await inbound.accept(message, 'backfill');
        },
      });
      const { failures, ...counts } = report;
      if (report.complete)
        await prisma.watchedCommunity.updateMany({
          where: { communityId },
          data: { backfilledUntil: new Date(startedAt) },
        });
      logger.info(
        {
          communityId,
          sinceNs: sinceNs.toString(),
          ...counts,
          failures: failures.map((f) => `${f.peer}: ${f.message}`),
        },
        report.complete
          ? 'back-fill complete'
          : 'back-fill incomplete; it runs again on the next start or command',
      );
    } finally {
      await redis.del(lock);
    }
  }
}

/**
 * Listens on the back-fill channel with a connection of its own (a subscribed connection can do nothing
 * else; closing it ends the listening) and hands every valid command to `onCommand`.
 */
export const listenForBackfillCommands = async (
  subscriber: Redis,
  prefix: string,
  onCommand: (command: BackfillCommand) => void,
  logger: Logger,
): Promise<void> => {
  const channel = backfillChannel(prefix);
  subscriber.on('message', (from: string, text: string) => {
    if (from !== channel) return;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const command = BackfillCommandSchema.safeParse(json);
    if (command.success) onCommand(command.data);
    else logger.warn({ channel, message: text.slice(0, 200) }, 'ignored an invalid back-fill command');
  });
  await subscriber.subscribe(channel);
};
