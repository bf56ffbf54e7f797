import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { PrismaClient } from '@status-communities/db';
import type { MasterKeyRing } from '@status-communities/keyring';
import type { Logger } from '@status-communities/observability';
import {
  QueueName,
  closeQueueResources,
  createQueue,
  createRedisConnection,
} from '@status-communities/queue';
import type { EventStream, TypedQueue } from '@status-communities/queue';
import type { CommunityDirectory } from '../subscriptions/event-visibility.js';
import type { WebhookConfig } from './webhook-config.js';
import { startWebhookDeliverer } from './webhook-deliverer.js';
import { WebhookFanout } from './webhook-fanout.js';

export interface WebhookWorkersOptions {
  readonly config: WebhookConfig;
  readonly redisUrl: string;
  readonly prefix: string;
  readonly stream: EventStream;
  readonly prisma: PrismaClient;
  readonly masterKeys: MasterKeyRing;
  readonly directory: CommunityDirectory;
  readonly onError: (error: unknown) => void;
  /** Where the workers' Redis connection errors go. */
  readonly logger: Logger;
}

export interface WebhookWorkers {
  /** The `webhooks.deliver` queue the fan-out fills. */
  readonly queue: TypedQueue<typeof QueueName.WEBHOOKS_DELIVER>;
  close(): Promise<void>;
}

/** The fan-out (stream → `webhooks.deliver`) and the deliverer (`webhooks.deliver` → HTTP), on their own connections. */
export const startWebhookWorkers = async (options: WebhookWorkersOptions): Promise<WebhookWorkers> => {
  const { config, redisUrl, prefix, logger } = options;
  const producer = createRedisConnection(redisUrl, { connectionName: 'api:webhooks:enqueue', logger });
  const consumer = createRedisConnection(redisUrl, { connectionName: 'api:webhooks:deliver', logger });
  const queue = createQueue(QueueName.WEBHOOKS_DELIVER, producer, { prefix });
  const fanout = await WebhookFanout.start({
    redis: createRedisConnection(redisUrl, { connectionName: 'api:webhooks:fanout', logger }),
    prisma: options.prisma,
    queue,
    stream: options.stream,
    directory: options.directory,
    consumer: `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
    maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
    backoffMs: config.WEBHOOK_BACKOFF_MS,
    claimIdleMs: config.WEBHOOK_CLAIM_IDLE_MS,
    onError: options.onError,
  });
  const deliverer = startWebhookDeliverer({
    connection: consumer,
    prefix,
    prisma: options.prisma,
    masterKeys: options.masterKeys,
    urlPolicy: { allowPrivateHosts: config.WEBHOOK_ALLOW_PRIVATE_HOSTS },
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    concurrency: config.WEBHOOK_CONCURRENCY,
    onError: options.onError,
  });
  return {
    queue,
    close: async () => {
      await fanout.close();
      await closeQueueResources({ workers: [deliverer], queues: [queue], connections: [producer, consumer] });
    },
  };
};
