// The gateway kept on the watched and hosted communities: their topics archived, the shards they announced
// relayed, and what each lacks back-filled.
import type { PrismaClient } from '@status-communities/db';
import type { Logger } from '@status-communities/observability';
import type { WakuNode } from '@status-communities/waku';
import type { Archiver } from './archive.js';
import type { Backfiller } from './backfill.js';
import { GAP_OVERLAP_MS } from './backfill.js';
import type { WatchList, WatchedCommunity } from './watch-list.js';
import { readWatchList } from './watch-list.js';

export interface WatchSyncOptions {
  readonly prisma: PrismaClient;
  readonly node: WakuNode;
  readonly archiver: Archiver;
  /** Undefined without BACKFILL_STORE_PEERS: nothing is back-filled. */
  readonly backfiller: Backfiller | undefined;
  /** ARCHIVE_CONTENT_TOPICS: archived besides the communities' own. */
  readonly contentTopics: readonly string[];
  readonly logger: Logger;
}

export class WatchSync {
  private list: WatchList | undefined;
  /** Shards a watched community announced, added to the configured ones while it is watched. */
  private readonly communityShards = new Set<number>();

  constructor(private readonly options: WatchSyncOptions) {}

  get current(): WatchList | undefined {
    return this.list;
  }

  /**
   * Applied before the node starts, so the archive and the community shards are right from the first message;
   * every listed community is back-filled (`backfillAll`) once the node runs.
   */
  async start(): Promise<void> {
    const first = await this.read();
    await this.options.backfiller?.openGaps(this.newOn(first));
    this.apply(first);
  }

  /** Re-reads the list; communities new on it are archived from now on and back-filled. */
  async refresh(): Promise<WatchList> {
    const { backfiller, logger } = this.options;
    const next = await this.read();
    const added = this.newOn(next);
    // Their gaps are recorded before their topics are archived, which would move their last archived message.
    await backfiller?.openGaps(added);
    this.apply(next);
    if (added.length > 0)
      logger.info(
        { communityIds: added.map((community) => community.communityId) },
        'archiving new communities',
      );
    for (const community of added) void backfiller?.request(community);
    backfiller?.retryIncomplete(next.communities);
    return next;
  }

  backfillAll(): void {
    for (const community of this.list?.communities.values() ?? [])
      void this.options.backfiller?.request(community);
  }

  /**
   * What relay brought while the queue failed reached neither the indexer nor the archive: once the queue takes
   * messages again, every community lacks what was published since the first failure.
   */
  async backfillQueueOutage(failedSince: number): Promise<void> {
    const { backfiller, logger } = this.options;
    if (backfiller === undefined) return;
    try {
      await backfiller.openGapsFrom(
        [...(this.list?.communities.values() ?? [])],
        failedSince - GAP_OVERLAP_MS,
      );
    } catch (error) {
      // The back-fills then start from each community's last archived message, maybe past the hole already.
      logger.error({ err: error }, 'could not record the gaps of the queue outage');
    }
    this.backfillAll();
    logger.warn({ failedSince: new Date(failedSince) }, 'inbound queue takes messages again; back-filling');
  }

  private read(): Promise<WatchList> {
    return readWatchList(this.options.prisma, this.options.contentTopics);
  }

  /** Archives and relays what a new list names. */
  private apply(next: WatchList): void {
    const { node, archiver, logger } = this.options;
    archiver.watch(next.contentTopics);
    for (const shard of next.shards)
      if (!node.shards.includes(shard)) {
        node.addShard(shard);
        this.communityShards.add(shard);
      }
    for (const shard of this.communityShards)
      if (!next.shards.includes(shard)) {
        node.removeShard(shard);
        this.communityShards.delete(shard);
      }
    for (const { communityId, reason } of next.rejected)
      logger.warn({ communityId, reason }, 'watched community ignored');
    this.list = next;
  }

  /** Communities on `next` that the current list lacks. */
  private newOn(next: WatchList): WatchedCommunity[] {
    return [...next.communities.values()].filter(
      (community) => this.list?.communities.has(community.communityId) !== true,
    );
  }
}
