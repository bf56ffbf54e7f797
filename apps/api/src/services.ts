import type { PrismaClient } from '@status-communities/db';
import type { Logger } from '@status-communities/observability';
import type { QueueName, TypedQueue } from '@status-communities/queue';
import type { RedisClient } from '@status-communities/queue';
import type { ApiConfig } from './config.js';
import type { ApiMetrics } from './server/api-metrics.js';

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
  readonly prisma: PrismaClient;
  /** Producer connection (commands time out instead of hanging while Redis is down). */
  readonly redis: RedisClient;
  /** Opens a connection for blocking reads (stream consumers); the caller closes it. */
  readonly openConsumerConnection: (name: string) => RedisClient;
  readonly queues: CommandQueues;
  readonly logger: Logger;
  readonly metrics: ApiMetrics;
  readonly settings: ApiSettings;
  /** The whole configuration, for modules with variables of their own (subscriptions, webhooks). */
  readonly config: ApiConfig;
  /** Unix ms. */
  readonly clock: () => number;
}
