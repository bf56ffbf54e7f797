import { Cluster } from 'ioredis';
import type { Redis } from 'ioredis';

/**
 * A connection to one Redis server or to a Redis Cluster. Both speak the same commands; the cluster client
 * sends each to the master owning its key's slot, follows MOVED/ASK, and keeps pub/sub and blocking reads
 * (XREAD BLOCK, BullMQ's BZPOPMIN) on the node of their key. Everything the platform stores is laid out for a
 * cluster: the keys of one operation (a queue's, the event stream and its outbox markers) share a hash tag.
 */
export type RedisClient = Redis | Cluster;

/** Whether a connection is a Redis Cluster client (its commands go to the node of their key's slot). */
export const isClusterConnection = (redis: RedisClient): redis is Cluster => redis instanceof Cluster;

/** The name CLIENT LIST shows for the connection (a cluster client gives it to each node's connection). */
export const connectionNameOf = (redis: RedisClient): string | undefined =>
  isClusterConnection(redis) ? redis.options.redisOptions?.connectionName : redis.options.connectionName;
