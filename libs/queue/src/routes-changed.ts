import type { Redis } from 'ioredis';

/**
 * The pub/sub channel on which indexer replicas hear that the communities they route changed (a watch-list
 * change, a hosted community created), so they reload at once instead of at their next periodic reload.
 */
export const routesChangedChannel = (prefix: string): string => `${prefix}:{indexer.routes}`;

/** Tells every indexer replica to reload its routes. */
export const announceRoutesChanged = async (redis: Redis, prefix: string): Promise<void> => {
  await redis.publish(routesChangedChannel(prefix), 'changed');
};
