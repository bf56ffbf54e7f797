import type { PrismaClient } from '@status-communities/db';
import { createPrismaClient, postgresReadiness } from '@status-communities/db';
import type { ServiceScope } from '@status-communities/observability';
import type { TypedQueue } from './jobs/queue-factory.js';
import { createQueue } from './jobs/queue-factory.js';
import type { QueueName } from './queue-names.js';
import type { RedisClient } from './redis-client.js';
import type { RedisConnectionOptions } from './redis-connection.js';
import { createRedisConnection, redisReadiness } from './redis-connection.js';
import { redisKeys } from './redis-keys.js';
import { closeQueueResources } from './shutdown.js';

/** The settings every service reads its stores from (libs/config's shared fields). */
export interface StoreSettings {
  readonly SERVICE_NAME: string;
  readonly DATABASE_URL: string;
  readonly REDIS_URL: string;
  readonly REDIS_KEY_PREFIX: string;
}

export interface ServiceStores {
  readonly prisma: PrismaClient;
  /** The connection queues are written through; its health is the service's `redis` check. */
  readonly producer: RedisClient;
  /** Another connection (workers and subscribers each need their own), closed with the service. */
  connection(name: string): RedisClient;
  /** A queue written through the producer, closed with the service. */
  queue<N extends QueueName>(name: N): TypedQueue<N>;
}

/**
 * PostgreSQL and Redis as every service opens them: each registers its disposer with the service, and the
 * readiness checks are named `postgres` and `redis` everywhere.
 */
export const openServiceStores = (
  scope: ServiceScope,
  settings: StoreSettings,
  /** `producer` where requests wait on it (the API): its commands time out while Redis is down. */
  producerRole: RedisConnectionOptions['role'] = 'consumer',
): ServiceStores => {
  const { logger } = scope;
  const prisma = scope.own('postgres', createPrismaClient(settings.DATABASE_URL), (client) =>
    client.$disconnect(),
  );
  const connections = new Map<string, RedisClient>();
  const connection = (name: string, role: RedisConnectionOptions['role'] = 'consumer'): RedisClient => {
    const redis = scope.own(
      `redis ${name}`,
      createRedisConnection(settings.REDIS_URL, {
        role,
        connectionName: `${settings.SERVICE_NAME}:${name}`,
        logger,
      }),
      (opened) => closeQueueResources({ connections: [opened] }),
    );
    connections.set(name, redis);
    return redis;
  };
  const producer = connection('producer', producerRole);
  // Both checks write, or ask whether writes would be taken: a store that answers every write with an error
  // leaves the service unable to work however well it answers a PING or SELECT 1.
  scope.readiness.add('postgres', () => postgresReadiness(prisma));
  const probeKey = redisKeys(settings.REDIS_KEY_PREFIX).readinessProbe(settings.SERVICE_NAME);
  // A worker that gets an error from every operation is not ready, however well PING answers.
  scope.readiness.add('redis', () => redisReadiness(producer, { probeKey, connections }));
  return {
    prisma,
    producer,
    connection,
    queue: (name) =>
      scope.own(
        `${name} queue`,
        createQueue(name, producer, { prefix: settings.REDIS_KEY_PREFIX }),
        (queue) => closeQueueResources({ queues: [queue] }),
      ),
  };
};
