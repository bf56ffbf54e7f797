import type { PrismaClient } from '@status-communities/db';
import { createPrismaClient } from '@status-communities/db';
import type { Logger, Metrics } from '@status-communities/observability';
import type { RedisClient } from '@status-communities/queue';
import type { OperationKind } from './operation-kind.js';
import type { ReadPool, RouteReason } from './read-routing.js';
import { routeOperation } from './read-routing.js';
import type { RecentWrites } from './recent-writes.js';
import { recentWrites } from './recent-writes.js';
import type { ReplicaLagMonitor } from './replica-lag.js';
import { startReplicaLagMonitor } from './replica-lag.js';

export interface DatabaseRouterSettings {
  readonly DATABASE_READ_URL?: string | undefined;
  readonly DATABASE_READ_MAX_LAG_MS: number;
  readonly DATABASE_READ_LAG_CHECK_MS: number;
  readonly DATABASE_READ_AFTER_WRITE_MS: number;
  readonly REDIS_KEY_PREFIX: string;
}

export interface DatabaseRouter {
  /**
   * The client an operation of a tenant runs on. `operation` is asked only when a replica is configured (it
   * parses the document). A mutation marks the tenant's recent write before it runs.
   */
  clientFor(operation: () => OperationKind | undefined, tenantId: string): Promise<PrismaClient>;
  /** Stops measuring and disconnects the replica (the primary is the caller's). */
  close(): Promise<void>;
}

export interface DatabaseRouterOptions {
  readonly primary: PrismaClient;
  readonly redis: RedisClient;
  readonly settings: DatabaseRouterSettings;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/**
 * DATABASE_READ_URL wired in: queries read from the replica while its lag is measured and within the bound,
 * except a tenant's just after its mutation (read-your-writes); every operation is counted by the pool that
 * served it and why, `api_db_operations_total{pool,reason}` (reasons: read-routing.ts).
 */
export const startDatabaseRouter = async (options: DatabaseRouterOptions): Promise<DatabaseRouter> => {
  const { primary, settings, logger, metrics } = options;
  const operations = metrics.counter<'pool' | 'reason'>({
    name: 'api_db_operations_total',
    help: 'GraphQL operations by the PostgreSQL pool they read from (primary, replica) and why',
    labelNames: ['pool', 'reason'],
  });
  const count = (pool: ReadPool, reason: RouteReason) => operations.inc({ pool, reason });
  const readUrl = settings.DATABASE_READ_URL;
  if (readUrl === undefined)
    return {
      clientFor: async () => {
        count('primary', 'no-replica');
        return primary;
      },
      close: async () => undefined,
    };

  const replica = createPrismaClient(readUrl);
  const monitor: ReplicaLagMonitor = startReplicaLagMonitor({
    primary,
    replica,
    maxLagMs: settings.DATABASE_READ_MAX_LAG_MS,
    intervalMs: settings.DATABASE_READ_LAG_CHECK_MS,
    logger,
    metrics,
  });
  const writes: RecentWrites = recentWrites(
    options.redis,
    settings.REDIS_KEY_PREFIX,
    settings.DATABASE_READ_AFTER_WRITE_MS,
  );
  // The first measurement before the first request: a replica that keeps up serves from the start.
  await monitor.measure();
  return {
    clientFor: async (operationOf, tenantId) => {
      const operation = operationOf();
      if (operation === 'mutation') await writes.mark(tenantId);
      const replicaHealth = monitor.health();
      // Redis is asked only when the answer can send the query to the replica.
      const route = routeOperation({
        operation,
        replicaConfigured: true,
        replica: replicaHealth,
        recentWrite:
          operation === 'query' && replicaHealth === 'caught-up' && (await writes.wroteRecently(tenantId)),
      });
      count(route.pool, route.reason);
      return route.pool === 'replica' ? replica : primary;
    },
    close: async () => {
      monitor.close();
      await replica.$disconnect();
    },
  };
};
