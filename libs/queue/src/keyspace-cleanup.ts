import type { Redis } from 'ioredis';
import { checkKeyPrefix } from './keyspace.js';
import type { RedisClient } from './redis-client.js';
import { isClusterConnection } from './redis-client.js';

const deleteOnNode = async (node: Redis, pattern: string, oneSlotPerCommand: boolean): Promise<number> => {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length === 0) continue;
    // In a cluster one UNLINK per key: keys of one SCAN page hash to different slots, which a command may not span.
    if (oneSlotPerCommand) for (const key of keys) deleted += await node.unlink(key);
    else deleted += await node.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
};

/**
 * Deletes every key under `prefix:` (test runs, a torn-down deployment), on every master of a cluster.
 * Returns how many were deleted.
 */
export const deleteKeyspace = async (redis: RedisClient, prefix: string): Promise<number> => {
  const pattern = `${checkKeyPrefix(prefix)}:*`;
  const cluster = isClusterConnection(redis);
  const nodes = cluster ? redis.nodes('master') : [redis];
  const counts = await Promise.all(nodes.map((node) => deleteOnNode(node, pattern, cluster)));
  return counts.reduce((sum, count) => sum + count, 0);
};
