import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import type { status } from '@status-communities/proto';

// SG protocol/common/shard/shard.go MainStatusShardCluster
export const STATUS_SHARD_CLUSTER = 16;
// SG protocol/common/shard/shard.go DefaultShardIndex: default pubsub topic, communities without a shard
export const DEFAULT_SHARD_INDEX = 32;
// SG protocol/common/shard/shard.go NonProtectedShardIndex: requests, responses, shard info, kicks
export const NON_PROTECTED_SHARD_INDEX = 64;
// [NEW] status-go GlobalCommunityControlShard; RFC 56 "control" shard (status-wire.md §4)
export const GLOBAL_COMMUNITY_CONTROL_SHARD_INDEX = 128;
// [NEW] status-go GlobalCommunityContentShard; RFC 56 "content" shard (status-wire.md §4)
export const GLOBAL_COMMUNITY_CONTENT_SHARD_INDEX = 256;
// SG vendor/github.com/waku-org/go-waku/waku/v2/protocol/shard.go MaxShardIndex
export const MAX_SHARD_INDEX = 1023;
const MAX_CLUSTER_ID = 0xffff;

// SG vendor/github.com/waku-org/go-waku/waku/v2/protocol/pubsub_topic.go StaticShardingPubsubTopicPrefix
const PUBSUB_TOPIC_PREFIX = '/waku/2/rs/';
// Canonical decimal (no sign, no leading zero): a pubsub topic is an exact gossipsub string, so
// "/waku/2/rs/16/032" is not the topic anyone publishes on even though go-waku's parser accepts it.
const DECIMAL_PATTERN = /^(0|[1-9][0-9]{0,4})$/;

/** A static shard: the pubsub topic `/waku/2/rs/<cluster>/<index>`. SG protocol/common/shard/shard.go Shard. */
export interface ShardRef {
  readonly cluster: number;
  readonly index: number;
}

const isClusterId = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= MAX_CLUSTER_ID;
const isShardIndex = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= MAX_SHARD_INDEX;

/**
 * `/waku/2/rs/<cluster>/<index>`. SG shard.go PubsubTopic → go-waku NewStaticShardingPubsubTopic.
 * Out-of-range numbers are a caller bug (validated shards come from parsePubsubTopic / shardFromProto).
 */
export const pubsubTopicForShard = (index: number, cluster: number = STATUS_SHARD_CLUSTER): string => {
  if (!isShardIndex(index)) throw new RangeError(`shard index must be an integer 0..${MAX_SHARD_INDEX}`);
  if (!isClusterId(cluster)) throw new RangeError(`cluster must be an integer 0..${MAX_CLUSTER_ID}`);
  return `${PUBSUB_TOPIC_PREFIX}${cluster}/${index}`;
};

/** The pubsub topic of a shard. */
export const pubsubTopicOf = (shard: ShardRef): string => pubsubTopicForShard(shard.index, shard.cluster);

/** Parses `/waku/2/rs/<cluster>/<index>`. SG go-waku pubsub_topic.go StaticShardingPubsubTopic.Parse. */
export const parsePubsubTopic = (pubsubTopic: string): Result<ShardRef> => {
  const invalid = (why: string) =>
    fail(ErrorCode.INVALID_TOPIC, `pubsub topic ${why}`, { pubsubTopic: pubsubTopic.slice(0, 100) });
  if (!pubsubTopic.startsWith(PUBSUB_TOPIC_PREFIX)) return invalid('must start with /waku/2/rs/');
  const parts = pubsubTopic.slice(PUBSUB_TOPIC_PREFIX.length).split('/');
  const [clusterText, indexText] = parts;
  if (parts.length !== 2 || clusterText === undefined || indexText === undefined)
    return invalid('must be /waku/2/rs/<cluster>/<index>');
  if (!DECIMAL_PATTERN.test(clusterText) || !DECIMAL_PATTERN.test(indexText))
    return invalid('cluster and index must be plain decimal numbers');
  const cluster = Number(clusterText);
  const index = Number(indexText);
  if (!isClusterId(cluster)) return invalid(`cluster must be 0..${MAX_CLUSTER_ID}`);
  if (!isShardIndex(index)) return invalid(`shard index must be 0..${MAX_SHARD_INDEX}`);
  return ok({ cluster, index });
};

/**
 * A shard carried in a protobuf (description shard info, URL data, request-to-join response).
 * Absent → null (the community has no own shard). status-go casts int32 → uint16 silently
 * (SG shard.go FromProtobuff); a value that does not fit is rejected here instead of wrapped.
 */
export const shardFromProto = (
  shard: status.Shard.$Properties | null | undefined,
): Result<ShardRef | null> => {
  if (shard == null) return ok(null);
  const cluster = shard.cluster ?? 0;
  const index = shard.index ?? 0;
  if (!isClusterId(cluster) || !isShardIndex(index))
    return fail(ErrorCode.INVALID_TOPIC, 'shard out of range', { cluster, index });
  return ok({ cluster, index });
};

/** Protobuf form of a shard. SG shard.go Protobuffer. */
export const shardToProto = (shard: ShardRef): status.Shard.$Properties => ({
  cluster: shard.cluster,
  index: shard.index,
});

/**
 * Pubsub topic of a community: its own shard, or the default shard 32 when it has none (an empty
 * pubsub topic means the default on send). SG communities/community.go PubsubTopic, wakuv2/waku.go
 * GetPubsubTopic.
 */
export const communityPubsubTopic = (communityShard: ShardRef | null): string =>
  communityShard ? pubsubTopicOf(communityShard) : pubsubTopicForShard(DEFAULT_SHARD_INDEX);

/** Kinds of outgoing community traffic that are routed to shards differently. */
export type ShardPublishKind =
  /** CommunityDescription, UpdateGrant, CommunityEventsMessage (on the community topic). */
  | 'description'
  /** Chat, edit, delete, pin and reaction messages in channels. */
  | 'channelMessage'
  /** History-archive magnet links (`-magnetlinks`). */
  | 'magnetlink'
  /** RequestToJoin and CancelRequestToJoin to the control node. */
  | 'requestToJoin'
  | 'requestToLeave'
  | 'encryptionKeysRequest'
  /** RequestToJoinResponse to the requester's partitioned topic. */
  | 'requestToJoinResponse'
  | 'userKicked'
  /** Group keys to one member (1:1 key exchange). */
  | 'keyExchange'
  | 'shardInfo';

export interface ShardPublishRule {
  /**
   * What a community's own shard does to this kind: `replace` publishes only on it, `add` publishes on it
   * as well as on `shards`, `ignore` always uses `shards`.
   */
  readonly communityShard: 'replace' | 'add' | 'ignore';
  /** Shard indices (in the profile's cluster), at least one; used unless the community shard replaces them. */
  readonly shards: readonly number[];
}

/** Which shards to subscribe to and publish on: configuration, with the defaults below. */
export interface ShardProfile {
  readonly cluster: number;
  /** Always subscribed; each watched community's own shard is added. */
  readonly subscribeShards: readonly number[];
  readonly publish: Readonly<Record<ShardPublishKind, ShardPublishRule>>;
}

/**
 * The compatibility profile (architecture.md "Compatibility profile", status-wire.md §2.2 and §4):
 * publish where both Oct-2024 status-go (32/64, SG protocol/common/shard/shard.go) and readers of the
 * spec and newer status-go (128 control, 256 content) look; subscribe to all four.
 */
export const DEFAULT_SHARD_PROFILE: ShardProfile = {
  cluster: STATUS_SHARD_CLUSTER,
  // SG wakuv2/config.go setDefaults (32, 64); SW consts/waku.ts SHARDS (32, 128, 256)
  subscribeShards: [
    DEFAULT_SHARD_INDEX,
    NON_PROTECTED_SHARD_INDEX,
    GLOBAL_COMMUNITY_CONTROL_SHARD_INDEX,
    GLOBAL_COMMUNITY_CONTENT_SHARD_INDEX,
  ],
  publish: {
    // SG messenger_communities.go publishOrg: community pubsub topic (own shard, else 32)
    description: {
      communityShard: 'replace',
      shards: [GLOBAL_COMMUNITY_CONTROL_SHARD_INDEX, DEFAULT_SHARD_INDEX],
    },
    // SG messenger.go dispatchMessage (community chats) → community pubsub topic
    channelMessage: {
      communityShard: 'replace',
      shards: [GLOBAL_COMMUNITY_CONTENT_SHARD_INDEX, DEFAULT_SHARD_INDEX],
    },
    // SG messenger_communities.go dispatchMagnetlinkMessage → community pubsub topic
    magnetlink: { communityShard: 'replace', shards: [DEFAULT_SHARD_INDEX] },
    // SG messenger_communities.go RequestToJoinCommunity / CancelRequestToJoinCommunity: DefaultNonProtectedPubsubTopic
    requestToJoin: {
      communityShard: 'ignore',
      shards: [NON_PROTECTED_SHARD_INDEX, GLOBAL_COMMUNITY_CONTROL_SHARD_INDEX],
    },
    // SG messenger_communities.go LeaveCommunity: community pubsub topic
    requestToLeave: { communityShard: 'replace', shards: [DEFAULT_SHARD_INDEX] },
    // SG messenger_communities.go requestCommunityEncryptionKeys sets no pubsub topic (→ 32); the control
    // node listens on 64 and the community shard (transport/filters_manager.go InitCommunityFilters)
    encryptionKeysRequest: {
      communityShard: 'add',
      shards: [DEFAULT_SHARD_INDEX, NON_PROTECTED_SHARD_INDEX],
    },
    // SG messenger_communities.go acceptRequestToJoinCommunity: DefaultNonProtectedPubsubTopic
    requestToJoinResponse: { communityShard: 'ignore', shards: [NON_PROTECTED_SHARD_INDEX] },
    // SG messenger_communities.go handleCommunitiesSubscription (kicked members): DefaultNonProtectedPubsubTopic
    userKicked: { communityShard: 'ignore', shards: [NON_PROTECTED_SHARD_INDEX] },
    // SG message_sender.go sendCommunity → sendMessageSpec: partitioned topic, filter pubsub "" (→ 32)
    keyExchange: { communityShard: 'ignore', shards: [DEFAULT_SHARD_INDEX] },
    // SG messenger_community_shard.go sendPublicCommunityShardInfo: always DefaultNonProtectedPubsubTopic
    shardInfo: { communityShard: 'ignore', shards: [NON_PROTECTED_SHARD_INDEX] },
  },
};

export interface ShardProfileOverrides {
  readonly cluster?: number;
  readonly subscribeShards?: readonly number[];
  /** Per kind, the parts of its rule to replace (configuration usually sets only the shards). */
  readonly publish?: Partial<Record<ShardPublishKind, Partial<ShardPublishRule>>>;
}

/** A profile from configuration: the defaults with the given parts replaced, every number range-checked. */
export const makeShardProfile = (overrides: ShardProfileOverrides = {}): Result<ShardProfile> => {
  const profile: ShardProfile = {
    cluster: overrides.cluster ?? DEFAULT_SHARD_PROFILE.cluster,
    subscribeShards: overrides.subscribeShards ?? DEFAULT_SHARD_PROFILE.subscribeShards,
    publish: Object.fromEntries(
      Object.entries(DEFAULT_SHARD_PROFILE.publish).map(([kind, rule]) => [
        kind,
        { ...rule, ...overrides.publish?.[kind as ShardPublishKind] },
      ]),
    ) as ShardProfile['publish'],
  };
  if (!isClusterId(profile.cluster))
    return fail(ErrorCode.INVALID_TOPIC, `cluster must be an integer 0..${MAX_CLUSTER_ID}`, {
      cluster: profile.cluster,
    });
  const lists: [string, readonly number[]][] = [
    ['subscribeShards', profile.subscribeShards],
    ...Object.entries(profile.publish).map(([kind, rule]): [string, readonly number[]] => [
      kind,
      rule.shards,
    ]),
  ];
  for (const [name, shards] of lists) {
    const bad = shards.find((index) => !isShardIndex(index));
    if (bad !== undefined)
      return fail(ErrorCode.INVALID_TOPIC, `${name}: shard index must be an integer 0..${MAX_SHARD_INDEX}`, {
        index: bad,
      });
  }
  // Without shards a rule would publish nowhere for communities that have no shard of their own.
  for (const [kind, rule] of Object.entries(profile.publish))
    if (rule.shards.length === 0)
      return fail(ErrorCode.INVALID_TOPIC, `${kind}: at least one shard is needed`);
  return ok(profile);
};

const unique = (topics: readonly string[]): string[] => [...new Set(topics)];

/** Pubsub topics to subscribe to: the profile's shards plus every watched community's own shard. */
export const subscribedPubsubTopics = (
  communityShards: Iterable<ShardRef | null> = [],
  profile: ShardProfile = DEFAULT_SHARD_PROFILE,
): string[] => {
  const topics = profile.subscribeShards.map((index) => pubsubTopicForShard(index, profile.cluster));
  for (const shard of communityShards) if (shard) topics.push(pubsubTopicOf(shard));
  return unique(topics);
};

/** Pubsub topics to publish one kind of message on, given the community's own shard (null if none). */
export const publishPubsubTopics = (
  kind: ShardPublishKind,
  communityShard: ShardRef | null,
  profile: ShardProfile = DEFAULT_SHARD_PROFILE,
): string[] => {
  const rule = profile.publish[kind];
  const configured = rule.shards.map((index) => pubsubTopicForShard(index, profile.cluster));
  if (!communityShard || rule.communityShard === 'ignore') return unique(configured);
  const own = pubsubTopicOf(communityShard);
  return rule.communityShard === 'replace' ? [own] : unique([own, ...configured]);
};
