import type { RedisClient } from '@status-communities/queue';
import { redisKeys } from '@status-communities/queue';

/**
 * Read-your-writes across API instances: a tenant's mutation marks the tenant in Redis for `windowMs`, and its
 * queries on any instance read from the primary while the mark lasts. A mutation queues work other services
 * write a moment later (the publisher, the request handler), so the window covers those writes too, not only the
 * API's own rows (keys, webhooks, the audit log). The tenant, not the key: a dashboard's reader key sees what its
 * admin key just did.
 */
export interface RecentWrites {
  /** Marks the tenant before its mutation runs, so no query of it reads the replica meanwhile. */
  mark(tenantId: string): Promise<void>;
  /** Whether the tenant made a mutation within the window; a Redis failure answers yes (the primary is safe). */
  wroteRecently(tenantId: string): Promise<boolean>;
}

export const recentWrites = (redis: RedisClient, prefix: string, windowMs: number): RecentWrites => {
  const keyOf = redisKeys(prefix).recentWrite;
  return {
    mark: async (tenantId) => {
      if (windowMs > 0) await redis.set(keyOf(tenantId), '1', 'PX', windowMs);
    },
    wroteRecently: async (tenantId) => {
      if (windowMs === 0) return false;
      try {
        return (await redis.exists(keyOf(tenantId))) === 1;
      } catch {
        return true;
      }
    },
  };
};
