import type { RedisClient } from './redis-client.js';
import { redisKeys } from './redis-keys.js';

/**
 * The pub/sub channel on which indexer replicas hear that the communities they route changed (a watch-list
 * change, a hosted community created), so they reload at once instead of at their next periodic reload.
 */
export const routesChangedChannel = (prefix: string): string => redisKeys(prefix).routesChanged;

/** Tells every indexer replica to reload its routes. */
export const announceRoutesChanged = async (redis: RedisClient, prefix: string): Promise<void> => {
  await redis.publish(routesChangedChannel(prefix), 'changed');
};
