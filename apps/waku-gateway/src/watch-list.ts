import type { PrismaClient } from '@status-communities/db';
import type { ShardRef } from '@status-communities/protocol';
import { checkChannelUuid, communityTopics } from '@status-communities/protocol';
import { STATUS_CLUSTER_ID } from '@status-communities/waku';

/** A WatchedCommunity row with what the database knows of the community (channels, own shard). */
export interface WatchedCommunityRow {
  readonly communityId: string;
  readonly backfilledUntil: Date | null;
  /** Channel UUIDs of the community's latest description, if the indexer has seen one. */
  readonly channelUuids: readonly string[];
  readonly shard: ShardRef | null;
}

export interface WatchedCommunity {
  readonly communityId: string;
  /** Every content topic of the community: description, memberUpdate, requests, … and legacy channels. */
  readonly contentTopics: readonly string[];
  /** The community's own shard on cluster 16, if it announced one. */
  readonly shard: number | null;
  readonly backfilledUntil: Date | null;
}

export interface WatchList {
  readonly communities: ReadonlyMap<string, WatchedCommunity>;
  /** What the archive keeps: every watched community's topics and the configured extra ones. */
  readonly contentTopics: ReadonlySet<string>;
  /** Own shards of watched communities (cluster 16), to relay besides the configured ones. */
  readonly shards: readonly number[];
  /** Rows that name no valid community, with why. */
  readonly rejected: readonly { readonly communityId: string; readonly reason: string }[];
}

/** The content topics and shards to watch, from the watch list rows and the configured extra topics. */
export const buildWatchList = (
  rows: readonly WatchedCommunityRow[],
  extraContentTopics: readonly string[],
): WatchList => {
  const communities = new Map<string, WatchedCommunity>();
  const contentTopics = new Set(extraContentTopics);
  const shards = new Set<number>();
  const rejected: { communityId: string; reason: string }[] = [];
  for (const row of rows) {
    // A bad channel UUID in the database must not cost the community its other topics.
    const channelUuids = row.channelUuids.filter((uuid) => checkChannelUuid(uuid).ok);
    const topics = communityTopics(row.communityId, channelUuids);
    if (!topics.ok) {
      rejected.push({ communityId: row.communityId, reason: topics.error.message });
      continue;
    }
    const shard = row.shard?.cluster === STATUS_CLUSTER_ID ? row.shard.index : null;
    const community: WatchedCommunity = {
      communityId: row.communityId,
      contentTopics: topics.value.all.map((topic) => topic.contentTopic),
      shard,
      backfilledUntil: row.backfilledUntil,
    };
    communities.set(row.communityId, community);
    for (const topic of community.contentTopics) contentTopics.add(topic);
    if (shard !== null) shards.add(shard);
  }
  return { communities, contentTopics, shards: [...shards].sort((a, b) => a - b), rejected };
};

/** Reads the WatchedCommunity table with the communities' channels and shards. */
export const readWatchList = async (
  prisma: PrismaClient,
  extraContentTopics: readonly string[],
): Promise<WatchList> => {
  const watched = await prisma.watchedCommunity.findMany({
    select: { communityId: true, backfilledUntil: true },
    orderBy: { addedAt: 'asc' },
  });
  const ids = watched.map((row) => row.communityId);
  const [communities, channels] = await Promise.all([
    prisma.community.findMany({
      where: { id: { in: ids } },
      select: { id: true, shardCluster: true, shardIndex: true },
    }),
    prisma.channel.findMany({
      where: { communityId: { in: ids }, deleted: false },
      select: { communityId: true, uuid: true },
      orderBy: { position: 'asc' },
    }),
  ]);
  const shardOf = new Map(
    communities.map((community) => [
      community.id,
      community.shardCluster === null || community.shardIndex === null
        ? null
        : { cluster: community.shardCluster, index: community.shardIndex },
    ]),
  );
  const channelsOf = new Map<string, string[]>();
  for (const { communityId, uuid } of channels) {
    const uuids = channelsOf.get(communityId);
    if (uuids === undefined) channelsOf.set(communityId, [uuid]);
    else uuids.push(uuid);
  }
  const rows = watched.map((row): WatchedCommunityRow => ({
    ...row,
    channelUuids: channelsOf.get(row.communityId) ?? [],
    shard: shardOf.get(row.communityId) ?? null,
  }));
  return buildWatchList(rows, extraContentTopics);
};
