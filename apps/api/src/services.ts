import type { PrismaClient } from '@status-communities/db';
import type { Logger, Metrics, ServiceScope } from '@status-communities/observability';
import { QueueName, createRedisConnection, observeQueueDepths } from '@status-communities/queue';
import type { RedisClient, ServiceStores, TypedQueue } from '@status-communities/queue';
import type { KeyRevocations } from './auth/key-revocations.js';
import { createKeyRevocations } from './auth/key-revocations.js';
import type { ApiConfig } from './config.js';
import type { ApiMetrics } from './server/api-metrics.js';
import { createApiMetrics } from './server/api-metrics.js';

/** The queues mutations feed: one per consuming service. */
export interface CommandQueues {
  /** → publisher: hosted communities, channels, categories, roles. */
  readonly communityCommands: TypedQueue<typeof QueueName.COMMUNITY_COMMANDS>;
  /** → request-handler: decisions on requests to join, kick, ban, unban. */
  readonly communityRequests: TypedQueue<typeof QueueName.COMMUNITY_REQUESTS>;
  /** → indexer: watch and unwatch. */
  readonly communityWatch: TypedQueue<typeof QueueName.COMMUNITY_WATCH>;
  /** → publisher: what bots say and do. */
  readonly botMessages: TypedQueue<typeof QueueName.BOT_MESSAGES>;
}

export interface ApiSettings {
  /** Prefix of every Redis key the API writes (queues, rate limits) and reads (event stream). */
  readonly redisKeyPrefix: string;
  readonly defaultRateLimitPerMinute: number;
  readonly maxQueryDepth: number;
  readonly maxQueryCost: number;
}

/** Connections and settings shared by every request; modules (subscriptions, webhooks) get the same. */
export interface ApiServices {
  /**
   * PostgreSQL: the primary (DATABASE_URL), except in the context of a query that src/db/read-routing.ts sends
   * to the read replica (DATABASE_READ_URL). Modules' background work always gets the primary.
   */
  readonly prisma: PrismaClient;
  /** Producer connection (commands time out instead of hanging while Redis is down). */
  readonly redis: RedisClient;
  /** Opens a connection for blocking reads (stream consumers); the caller closes it. */
  readonly openConsumerConnection: (name: string) => RedisClient;
  readonly queues: CommandQueues;
  /** Revoked keys, announced to and heard from every instance (the service listens once it has started). */
  readonly keyRevocations: KeyRevocations;
  readonly logger: Logger;
  readonly metrics: ApiMetrics;
  readonly settings: ApiSettings;
  /** The whole configuration, for modules with variables of their own (subscriptions, webhooks). */
  readonly config: ApiConfig;
  /** Unix ms. */
  readonly clock: () => number;
}

/** The services every request and module shares, on the stores the service opened. */
export const openApiServices = (
  scope: ServiceScope,
  config: ApiConfig,
  stores: ServiceStores,
  metrics: Metrics,
  clock: () => number,
): ApiServices => {
  const { logger } = scope;
  const queues: CommandQueues = {
    communityCommands: stores.queue(QueueName.COMMUNITY_COMMANDS),
    communityRequests: stores.queue(QueueName.COMMUNITY_REQUESTS),
    communityWatch: stores.queue(QueueName.COMMUNITY_WATCH),
    botMessages: stores.queue(QueueName.BOT_MESSAGES),
  };
  observeQueueDepths(metrics, Object.values(queues));
  return {
    prisma: stores.prisma,
    redis: stores.producer,
    openConsumerConnection: (name) =>
      createRedisConnection(config.REDIS_URL, { connectionName: `${config.SERVICE_NAME}:${name}`, logger }),
    queues,
    keyRevocations: createKeyRevocations(stores.producer, config.REDIS_KEY_PREFIX, logger),
    logger,
    metrics: createApiMetrics(metrics),
    settings: {
      redisKeyPrefix: config.REDIS_KEY_PREFIX,
      defaultRateLimitPerMinute: config.API_RATE_LIMIT_PER_MINUTE,
      maxQueryDepth: config.API_MAX_QUERY_DEPTH,
      maxQueryCost: config.API_MAX_QUERY_COST,
    },
    config,
    clock,
  };
};
