/** 51/WAKU2-RELAY-SHARDING static sharding: the Status network is cluster 16. */
export const STATUS_CLUSTER_ID = 16;

/** Shards every Status client reads: default (32), requests (64), control (128), content (256). */
export const DEFAULT_SHARDS: readonly number[] = [32, 64, 128, 256];

/** 51/WAKU2-RELAY-SHARDING: a cluster has 1024 shards. */
export const MAX_SHARD_INDEX = 1023;

export const isShardIndex = (value: number): boolean =>
  Number.isInteger(value) && value >= 0 && value <= MAX_SHARD_INDEX;

/** `/waku/2/rs/16/<shard>`. An out-of-range index is a caller bug: shards are validated where they enter. */
export const pubsubTopicForShard = (shard: number): string => {
  if (!isShardIndex(shard)) throw new RangeError(`shard index must be an integer 0..${MAX_SHARD_INDEX}`);
  return `/waku/2/rs/${STATUS_CLUSTER_ID}/${shard}`;
};

const STATIC_SHARD_TOPIC = new RegExp(`^/waku/2/rs/${STATUS_CLUSTER_ID}/(0|[1-9]\\d{0,3})$`);

/** The shard of a cluster-16 static-sharding pubsub topic; undefined for anything else. */
export const shardOfPubsubTopic = (pubsubTopic: string): number | undefined => {
  const index = STATIC_SHARD_TOPIC.exec(pubsubTopic)?.[1];
  const shard = index === undefined ? Number.NaN : Number(index);
  return isShardIndex(shard) ? shard : undefined;
};
