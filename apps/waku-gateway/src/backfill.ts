import { z } from 'zod';
import type { PrismaClient } from '@status-communities/db';
import { ErrorCode, StatusError } from '@status-communities/errors';
import type { Logger } from '@status-communities/observability';
import { CommunityIdSchema, listenForNotices, redisKeys } from '@status-communities/queue';
import type { RedisClient } from '@status-communities/queue';
import type { ShardPeers, WakuNode } from '@status-communities/waku';
import { DEFAULT_TIMESTAMP_WINDOW_MS, backfill, pubsubTopicForShard } from '@status-communities/waku';
import { archivedHashes, lastArchivedNs, retentionCutoffNs } from './archive.js';
import type { Inbound, InboundOutcome } from './inbound.js';
import type { GatewayMetrics } from './metrics.js';
import type { WatchedCommunity } from './watch-list.js';

const NS_PER_MS = 1_000_000n;
const MS_PER_HOUR = 3_600_000;
/** The whole back-fill of one community (libs/waku's default); the cross-gateway lock outlives it a little. */
const BACKFILL_TIMEOUT_MS = 5 * 60_000;
const LOCK_TTL_MS = BACKFILL_TIMEOUT_MS + 60_000;
/** Pages per store, pubsub topic and content topics: 100,000 messages; the timeout bounds the rest. */
const MAX_PAGES_PER_QUERY = 1_000;
/**
 * How far before the last archived message a gap starts. A relayed message is archived only within 20 s of its
 * arrival, so a message that arrived after the last archived one has a timestamp at most 2 × 20 s before it.
 */
export const GAP_OVERLAP_MS = 2 * DEFAULT_TIMESTAMP_WINDOW_MS;

/** The Redis pub/sub channel that asks the gateways to back-fill a community now. */
export const backfillChannel = (prefix: string): string => redisKeys(prefix).backfillChannel;

/** Only one gateway back-fills a community at a time; the others see the key and skip it. */
const backfillLockKey = (prefix: string, communityId: string): string =>
  redisKeys(prefix).backfillLock(communityId);

/** What a publisher sends on the back-fill channel, as JSON. */
export const BackfillCommandSchema = z.object({ communityId: CommunityIdSchema });
export type BackfillCommand = z.infer<typeof BackfillCommandSchema>;

export interface GapPolicy {
  readonly nowMs: number;
  /** How far back a community with nothing archived is fetched. */
  readonly backfillHours: number;
  /** Nothing older than the archive keeps is fetched. */
  readonly retentionDays: number;
}

/**
 * Where the Store history a community lacks starts (Unix ms): just before its last archived message (the last one
 * the gateways received), or `backfillHours` ago when nothing of it is archived; never before retention.
 */
export const gapSinceMs = (lastArchivedNs: bigint | undefined, policy: GapPolicy): number =>
  boundBySince(
    lastArchivedNs === undefined
      ? policy.nowMs - policy.backfillHours * MS_PER_HOUR
      : Number(lastArchivedNs / NS_PER_MS) - GAP_OVERLAP_MS,
    policy,
  );

/** A recorded gap start, moved up to what retention keeps. */
export const boundBySince = (sinceMs: number, policy: Pick<GapPolicy, 'nowMs' | 'retentionDays'>): number =>
  Math.max(sinceMs, Number(retentionCutoffNs(policy.nowMs, policy.retentionDays) / NS_PER_MS));

/** True when every one of `shards` has a mesh peer: relay delivers again. */
export const relayDelivers = (peers: readonly ShardPeers[], shards: readonly number[]): boolean =>
  shards.every((shard) => peers.some((entry) => entry.shard === shard && entry.meshPeers > 0));

/**
 * Watches what becomes of relayed messages: once the queue failed to take one (Redis away), relay goes on but
 * nothing reaches the indexer or the archive, and the archive's last message no longer says where that hole
 * starts. `observe` returns when the first failure was, on the first message queued again.
 */
export class QueueOutage {
  private since: number | undefined;

  observe(outcome: InboundOutcome, receivedAt: number): number | undefined {
    if (outcome === 'failed') this.since ??= receivedAt;
    if (outcome !== 'queued' || this.since === undefined) return undefined;
    const since = this.since;
    this.since = undefined;
    return since;
  }
}

export interface BackfillerOptions {
  readonly node: WakuNode;
  readonly prisma: PrismaClient;
  /** For the cross-gateway lock. */
  readonly redis: RedisClient;
  readonly prefix: string;
  readonly inbound: Inbound;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  /** Store nodes asked, as multiaddrs with /p2p/. */
  readonly storePeers: readonly string[];
  readonly backfillHours: number;
  readonly retentionDays: number;
  /** Writes what the archive holds in memory, so a back-fill sees as known every message queued before it. */
  readonly flushArchive: () => Promise<void>;
  readonly clock?: () => number;
}

/**
 * Fills the Store history hosted and watched communities lack, one community at a time, through the same
 * inbound path as relayed messages (queue dedup by hash, archive). What a community lacks is its `BackfillGap`
 * row, opened before the gateway first archives the community and before each back-fill, closed when a
 * back-fill completes; without a row, it lacks what came after its last archived message. Messages the archive
 * already holds are skipped: they reached the queue when they were archived.
 */
export class Backfiller {
  private chain: Promise<void> = Promise.resolve();
  private readonly waiting = new Set<string>();
  /** Communities whose last back-fill did not complete, tried again by `retryIncomplete`. */
  private readonly incomplete = new Set<string>();
  private readonly abort = new AbortController();
  private readonly clock: () => number;

  constructor(private readonly options: BackfillerOptions) {
    this.clock = options.clock ?? Date.now;
  }

  /**
   * Records, for communities about to be archived by this gateway, the history they lack — before relayed messages
   * move their last archived message past it. A gap already open stays as it is.
   */
  async openGaps(communities: readonly WatchedCommunity[]): Promise<void> {
    if (communities.length === 0) return;
    const { prisma, node } = this.options;
    const last = await lastArchivedNs(prisma, communities, node.shards.map(pubsubTopicForShard));
    const policy = this.policy();
    await this.recordGaps(
      communities.map(({ communityId }) => ({
        communityId,
        sinceMs: gapSinceMs(last.get(communityId), policy),
      })),
    );
  }

  /** Records that the communities lack what was published from `sinceMs` on (a gap already open stays). */
  async openGapsFrom(communities: readonly WatchedCommunity[], sinceMs: number): Promise<void> {
    const bounded = boundBySince(sinceMs, this.policy());
    await this.recordGaps(communities.map(({ communityId }) => ({ communityId, sinceMs: bounded })));
  }

  private async recordGaps(gaps: readonly { communityId: string; sinceMs: number }[]): Promise<void> {
    if (gaps.length === 0) return;
    await this.options.prisma.backfillGap.createMany({
      data: gaps.map(({ communityId, sinceMs }) => ({ communityId, since: new Date(sinceMs) })),
      skipDuplicates: true,
    });
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
        this.incomplete.add(community.communityId);
        this.options.logger.error({ err: error, communityId: community.communityId }, 'back-fill failed');
      }
    });
    return this.chain;
  }

  /** Asks again for the back-fills that did not complete, of the communities still listed. */
  retryIncomplete(listed: ReadonlyMap<string, WatchedCommunity>): void {
    for (const communityId of this.incomplete) {
      const community = listed.get(communityId);
      if (community === undefined) this.incomplete.delete(communityId);
      else void this.request(community);
    }
  }

  /** Resolves once every back-fill asked for so far has run. */
  async idle(): Promise<void> {
    let tail: Promise<void>;
    do {
      tail = this.chain;
      await tail;
    } while (tail !== this.chain);
  }

  /** Aborts the running back-fill and drops the waiting ones. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.chain;
  }

  private policy(): GapPolicy {
    return {
      nowMs: this.clock(),
      backfillHours: this.options.backfillHours,
      retentionDays: this.options.retentionDays,
    };
  }

  /** The open gap of the community, opened now if it had none. */
  private async gapOf(community: WatchedCommunity): Promise<Date> {
    const { prisma, node } = this.options;
    const open = await prisma.backfillGap.findUnique({ where: { communityId: community.communityId } });
    if (open !== null) return open.since;
    const last = await lastArchivedNs(prisma, [community], node.shards.map(pubsubTopicForShard));
    const since = new Date(gapSinceMs(last.get(community.communityId), this.policy()));
    const gap = await prisma.backfillGap.upsert({
      where: { communityId: community.communityId },
      create: { communityId: community.communityId, since },
      update: {},
    });
    return gap.since;
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
      await this.options.flushArchive();
      const gap = await this.gapOf(community);
      const sinceNs = BigInt(boundBySince(gap.getTime(), this.policy())) * NS_PER_MS;
      const report = await backfill({
        node,
        peers: this.options.storePeers,
        pubsubTopics: node.shards.map(pubsubTopicForShard),
        contentTopics: community.contentTopics,
        sinceNs,
        timeoutMs: BACKFILL_TIMEOUT_MS,
        maxPagesPerQuery: MAX_PAGES_PER_QUERY,
        signal: this.abort.signal,
        known: (hashes) => archivedHashes(prisma, hashes),
        onMessage: async (message) => {
          // A message that did not reach the queue keeps the gap open.
          if ((await inbound.accept(message, 'backfill')) === 'failed')
            throw new StatusError(ErrorCode.INTERNAL, `back-filled message ${message.hash} not queued`, {
              hash: message.hash,
            });
          metrics.backfilled.inc();
        },
      });
      const { failures, ...counts } = report;
      // Compared with the gap read: a gap another gateway opened anew meanwhile stays.
      if (report.complete) {
        await prisma.backfillGap.deleteMany({ where: { communityId, since: gap } });
        this.incomplete.delete(communityId);
      } else this.incomplete.add(communityId);
      logger.info(
        {
          communityId,
          hosted: community.hosted,
          sinceNs: sinceNs.toString(),
          ...counts,
          durationMs: this.clock() - startedAt,
          failures: failures.map((f) => `${f.peer}: ${f.message}`),
        },
        report.complete
          ? 'back-fill complete'
          : 'back-fill incomplete; its gap stays open, tried again at the next refresh',
      );
    } finally {
      await redis.del(lock);
    }
  }
}

/**
 * Listens on the back-fill channel with a connection of its own (closing it ends the listening) and hands every
 * valid command to `onCommand`.
 */
export const listenForBackfillCommands = async (
  subscriber: RedisClient,
  prefix: string,
  onCommand: (command: BackfillCommand) => void,
  logger: Logger,
): Promise<void> => {
  const channel = backfillChannel(prefix);
  await listenForNotices(subscriber, channel, BackfillCommandSchema, {
    onNotice: onCommand,
    onInvalid: (message) => logger.warn({ channel, message }, 'ignored an invalid back-fill command'),
  });
};
