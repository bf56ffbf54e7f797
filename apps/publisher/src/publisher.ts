import type { Queue, Worker } from 'bullmq';
import type { PrismaClient } from '@status-communities/db';
import { createPrismaClient, prismaSql } from '@status-communities/db';
import { GroupKeyStore, Keyring } from '@status-communities/keyring';
import type { HealthServer, Logger, Metrics, Readiness } from '@status-communities/observability';
import {
  createLogger,
  createMetrics,
  createReadiness,
  startHealthServer,
  stopSteps,
} from '@status-communities/observability';
import {
  EventOutbox,
  QueueName,
  closeQueueResources,
  createQueue,
  createRedisConnection,
  redisReadiness,
  createWorker,
  observeQueueDepths,
  eventStream,
  startOutboxSweeps,
} from '@status-communities/queue';
import type { CommunityCommand, TypedQueue } from '@status-communities/queue';
import type { RedisClient } from '@status-communities/queue';
import type { BotOutcome } from './bots/bot-handler.js';
import { handleBotCommand } from './bots/bot-handler.js';
import type { IdentityOutcome } from './bots/identity-handler.js';
import { handleCreateIdentity } from './bots/identity-handler.js';
import type { CommandOutcome } from './commands/command-handler.js';
import { handleCreateCommand, handleEditCommand } from './commands/command-handler.js';
import { handleRotateKeysCommand } from './commands/rotate-keys.js';
import type { PublisherConfig } from './config.js';
import type { PublisherContext } from './context.js';
import type { PublishOutcome } from './description/publish-handler.js';
import { publishDescription } from './description/publish-handler.js';
import type { SweepReport } from './description/sweep.js';
import { sweepCommunities } from './description/sweep.js';
import { createPublisherMetrics } from './metrics.js';

/** Id of the repeatable job that runs the publish sweep (one per deployment, whatever the replica count). */
export const SWEEP_SCHEDULER_ID = 'publisher.publish-sweep';

/** Secret field names beyond the logger's defaults that the publisher's code uses. */
export const PUBLISHER_SECRET_LOG_KEYS = [
  'signerPriv',
  'envelopeSignerPriv',
  'communityPrivateKey',
  'walletPrivateKey',
];

export interface PublisherDependencies {
  /** Default: JSON lines on stdout at LOG_LEVEL, private-key fields scrubbed. */
  readonly logger?: Logger;
  /** Unix ms. Default Date.now. */
  readonly clock?: () => number;
}

export interface Publisher {
  readonly metrics: Metrics;
  readonly readiness: Readiness;
  /** `http://127.0.0.1:<port>`: /healthz, /readyz, /metrics. */
  readonly healthUrl: string;
  /** Queues publishes for every hosted community that needs one now (also runs at start and on schedule). */
  sweep(): Promise<SweepReport>;
  /** Stops taking jobs, finishes those in hand, closes connections. */
  stop(): Promise<void>;
}

type CommandResult = CommandOutcome | SweepReport;

interface Resources {
  prisma?: PrismaClient;
  connections: RedisClient[];
  queues: Queue[];
  workers: Worker[];
  health?: HealthServer;
  stopOutboxSweeps?: () => void;
}

const closeAll = async (resources: Resources, logger: Logger): Promise<void> => {
  const step = stopSteps(logger, 'publisher');
  resources.stopOutboxSweeps?.();
  // Workers finish the jobs in hand first; their queues and connections close after them.
  await step('redis', () => closeQueueResources(resources));
  const { prisma, health } = resources;
  if (prisma) await step('database', () => prisma.$disconnect());
  if (health) await step('health server', () => health.close());
};

/**
 * The composition root: community.commands → state in PostgreSQL → community.publish (debounced, coalesced
 * per community) → signed, encrypted descriptions on waku.outbound and `community.updated` events;
 * bot.messages → signed channel messages on waku.outbound, and bot identities made in the keyring; a
 * repeatable sweep that repairs unpublished changes and re-advertises descriptions; health and metrics.
 */
export const startPublisher = async (
  config: PublisherConfig,
  dependencies: PublisherDependencies = {},
): Promise<Publisher> => {
  const logger =
    dependencies.logger ??
    createLogger({
      serviceName: config.SERVICE_NAME,
      level: config.LOG_LEVEL,
      secretKeys: PUBLISHER_SECRET_LOG_KEYS,
    });
  const clock = dependencies.clock ?? Date.now;
  const prefix = config.REDIS_KEY_PREFIX;
  const metrics = createMetrics({ serviceName: config.SERVICE_NAME });
  const readiness = createReadiness();
  const resources: Resources = { connections: [], queues: [], workers: [] };
  const connection = (name: string): RedisClient => {
    const redis = createRedisConnection(config.REDIS_URL, {
      connectionName: `${config.SERVICE_NAME}:${name}`,
      logger,
    });
    resources.connections.push(redis);
    return redis;
  };
  const queue = <N extends QueueName>(name: N, redis: RedisClient): TypedQueue<N> => {
    const created = createQueue(name, redis, { prefix });
    resources.queues.push(created);
    return created;
  };
  const onError = (worker: string) => (error: Error) => logger.error({ err: error, worker }, 'worker error');

  try {
    const prisma = (resources.prisma = createPrismaClient(config.DATABASE_URL));
    const producer = connection('producer');
    const context: PublisherContext = {
      prisma,
      keyring: new Keyring(prisma, config.masterKeys),
      groupKeys: config.groupKeys && new GroupKeyStore(prisma, config.groupKeys),
      redis: producer,
      prefix,
      outbox: new EventOutbox(prismaSql(prisma), producer, eventStream({ prefix })),
      publishQueue: queue(QueueName.COMMUNITY_PUBLISH, producer),
      outboundQueue: queue(QueueName.WAKU_OUTBOUND, producer),
      logger,
      metrics: createPublisherMetrics(metrics),
      settings: {
        publishDebounceMs: config.PUBLISH_DEBOUNCE_MS,
        republishIntervalMs: config.REPUBLISH_INTERVAL_SECONDS * 1_000,
        maxSegmentBytes: config.MAX_SEGMENT_BYTES,
        shardProfile: config.shardProfile,
        rekeyIntervalMs: config.REKEY_INTERVAL_SECONDS * 1_000,
        installationId: config.INSTALLATION_ID,
      },
      clock,
    };
    const commandsQueue = queue(QueueName.COMMUNITY_COMMANDS, producer);
    observeQueueDepths(metrics, [commandsQueue, context.publishQueue, context.outboundQueue]);
    const sweep = () => sweepCommunities(context);

    readiness.add('redis', () => redisReadiness(producer));
    readiness.add('database', async () => {
      await prisma.$queryRaw`SELECT 1`;
      return true;
    });

    // A change stored before a crash and never published goes out now, not at the next scheduled sweep.
    await sweep();
    resources.stopOutboxSweeps = await startOutboxSweeps(context.outbox, {
      everyMs: config.OUTBOX_SWEEP_SECONDS * 1_000,
      logger,
      clock,
    });

    resources.workers.push(
      createWorker<typeof QueueName.COMMUNITY_COMMANDS, CommandResult>(
        QueueName.COMMUNITY_COMMANDS,
        (command: CommunityCommand, job) => {
          if (command.type === 'publish.sweep') return sweep();
          if (command.type === 'community.create') return handleCreateCommand(context, command, job);
          if (command.type === 'community.rotate-keys') return handleRotateKeysCommand(context, command);
          return handleEditCommand(context, command);
        },
        {
          connection: connection('commands'),
          prefix,
          concurrency: config.COMMAND_CONCURRENCY,
          serviceMetrics: metrics,
          onError: onError('commands'),
        },
      ),
      createWorker<typeof QueueName.COMMUNITY_PUBLISH, PublishOutcome>(
        QueueName.COMMUNITY_PUBLISH,
        (job, bullJob) => publishDescription(context, job, bullJob.id ?? ''),
        {
          connection: connection('publish'),
          prefix,
          concurrency: config.PUBLISH_CONCURRENCY,
          serviceMetrics: metrics,
          onError: onError('publish'),
        },
      ),
      createWorker<typeof QueueName.BOT_MESSAGES, BotOutcome | IdentityOutcome>(
        QueueName.BOT_MESSAGES,
        (command, job) =>
          command.type === 'identity.create'
            ? handleCreateIdentity(context, command, job)
            : handleBotCommand(context, command, job),
        {
          connection: connection('bots'),
          prefix,
          concurrency: config.BOT_MESSAGE_CONCURRENCY,
          serviceMetrics: metrics,
          onError: onError('bots'),
        },
      ),
    );

    // One scheduler per deployment (upsert by id): replicas share it, a new interval replaces the old one.
    await commandsQueue.upsertJobScheduler(
      SWEEP_SCHEDULER_ID,
      { every: config.REPUBLISH_CHECK_SECONDS * 1_000 },
      {
        name: 'publish.sweep',
        data: { type: 'publish.sweep', correlationId: SWEEP_SCHEDULER_ID, actor: 'scheduler' },
      },
    );

    resources.health = await startHealthServer({
      serviceName: config.SERVICE_NAME,
      port: config.HEALTH_PORT,
      readiness,
      metrics,
    });
    const health = resources.health;
    return {
      metrics,
      readiness,
      healthUrl: health.url,
      sweep,
      stop: () => closeAll(resources, logger),
    };
  } catch (error) {
    await closeAll(resources, logger);
    throw error;
  }
};
