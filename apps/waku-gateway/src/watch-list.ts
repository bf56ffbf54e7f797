import type { PrismaClient } from '@status-communities/db';
import type { CommunityTopic, ShardRef } from '@status-communities/protocol';
import { checkChannelUuid, communityTopics } from '@status-communities/protocol';
import { STATUS_CLUSTER_ID } from '@status-communities/waku';

/**
 * A community whose content topics the gateway archives and back-fills: one on the watch list or one hosted here,
 * with what the database knows of it (channels, own shard).
 */
export interface WatchedCommunityRow {
  readonly communityId: string;
  /** Run here as control node (publisher, request-handler) rather than watched. */
  readonly hosted: boolean;
  /** Channel UUIDs of the community's latest description, if the indexer has seen one. */
  readonly channelUuids: readonly string[];
  readonly shard: ShardRef | null;
}

export interface WatchedCommunity {
  readonly communityId: string;
  readonly hosted: boolean;
  /**
   * The community's topic set: every content topic of libs/protocol's `communityTopics` with its live channels —
   * description, memberUpdate (all channel messages), shard info, ping, magnetlinks, requests to the control
   * node, legacy per-channel topics. The same for hosted and watched communities: a hosted community's own
   * descriptions and posts are what Status clients ask our Store for, and its requests topic is where join
   * requests sent while the platform was away wait. Responses to requesters go on each requester's own
   * partitioned topic, which is no community's, so they are not archived.
   */
  readonly contentTopics: readonly string[];
  /** The community's own shard on cluster 16, if it announced one. */
  readonly shard: number | null;
}

export interface WatchList {
  readonly communities: ReadonlyMap<string, WatchedCommunity>;
  /** What the archive keeps: every listed community's topics and the configured extra ones. */
  readonly contentTopics: ReadonlySet<string>;
  /** The listed communities' topics by content topic (4-byte topics can collide): what decrypts a message. */
  readonly topics: ReadonlyMap<string, readonly CommunityTopic[]>;
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
  const byContentTopic = new Map<string, CommunityTopic[]>();
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
      hosted: row.hosted,
      contentTopics: topics.value.all.map((topic) => topic.contentTopic),
      shard,
    };
    communities.set(row.communityId, community);
    for (const topic of community.contentTopics) contentTopics.add(topic);
    for (const topic of topics.value.all)
      byContentTopic.set(topic.contentTopic, [...(byContentTopic.get(topic.contentTopic) ?? []), topic]);
    if (shard !== null) shards.add(shard);
  }
  return {
    communities,
    contentTopics,
    topics: byContentTopic,
    shards: [...shards].sort((a, b) => a - b),
    rejected,
  };
};

/** Reads the watched communities (WatchedCommunity) and the hosted ones (Community of kind HOSTED), with their channels and shards. */
export const readWatchList = async (
  prisma: PrismaClient,
  extraContentTopics: readonly string[],
): Promise<WatchList> => {
  const [watched, hosted] = await Promise.all([
    prisma.watchedCommunity.findMany({ select: { communityId: true }, orderBy: { addedAt: 'asc' } }),
    prisma.community.findMany({
      where: { kind: 'HOSTED' },
      select: { id: true },
      orderBy: { createdAt: 'asc' },
    }),
  ]);
  const hostedIds = new Set(hosted.map((community) => community.id));
  const ids = [...new Set([...watched.map((row) => row.communityId), ...hostedIds])];
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
  const rows = ids.map((communityId): WatchedCommunityRow => ({
    communityId,
    hosted: hostedIds.has(communityId),
    channelUuids: channelsOf.get(communityId) ?? [],
    shard: shardOf.get(communityId) ?? null,
  }));
  return buildWatchList(rows, extraContentTopics);
};
