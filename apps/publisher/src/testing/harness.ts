// A publisher on the real Redis (unique key prefix) and a fresh PostgreSQL database, with the queues a test
// drives it through. Nothing is mocked: commands go through BullMQ, state through Prisma.
import { randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Job } from 'bullmq';
import type { PrismaClient } from '@status-communities/db';
import { createTestDatabase } from '@status-communities/db/testing';
import type { TestDatabase } from '@status-communities/db/testing';
import { unwrap } from '@status-communities/errors';
import { Keyring } from '@status-communities/keyring';
import { createLogger } from '@status-communities/observability';
import type { RedisClient } from '@status-communities/queue';
import type {
  BotMessageCommand,
  CommunityCommand,
  OutboundWakuMessage,
  TypedQueue,
} from '@status-communities/queue';
import {
  QueueName,
  closeQueueResources,
  createQueue,
  createRedisConnection,
  deleteKeyspace,
  enqueue,
} from '@status-communities/queue';
import { waitFor } from '@status-communities/testing';
import type { PublisherConfig } from '../config.js';
import { parsePublisherConfig } from '../config.js';
import type { Publisher } from '../service.js';
import { PUBLISHER_SECRET_LOG_KEYS, startPublisher } from '../service.js';

export const REDIS_URL = 'redis://127.0.0.1:6379';

/** Resolves when the job is completed or failed, with the job as it ended. */
export const finished = (queue: TypedQueue<QueueName>, id: string): Promise<Job> =>
  waitFor(`job ${id} to finish`, async () => {
    const state = await queue.getJobState(id);
    // Read after the state: a job read first could still hold the data of its active state.
    return state === 'completed' || state === 'failed' ? queue.getJob(id) : undefined;
  });

export interface Harness {
  readonly db: TestDatabase;
  readonly prisma: PrismaClient;
  readonly prefix: string;
  /** The publisher's variables (a child process started on them shares database, Redis and keys). */
  readonly env: Readonly<Record<string, string>>;
  readonly config: PublisherConfig;
  /** The same master keys as the publisher's: tests import and inspect keys with it. */
  readonly keyring: Keyring;
  readonly redis: RedisClient;
  readonly commands: TypedQueue<typeof QueueName.COMMUNITY_COMMANDS>;
  readonly bots: TypedQueue<typeof QueueName.BOT_MESSAGES>;
  readonly publish: TypedQueue<typeof QueueName.COMMUNITY_PUBLISH>;
  readonly outbound: TypedQueue<typeof QueueName.WAKU_OUTBOUND>;
  readonly tenantId: string;
  /** Every line the publisher logged. */
  readonly logLines: string[];
  /** Starts (or restarts) the publisher; `env` overrides its variables, `clock` replaces Date.now. */
  start(env?: Record<string, string>, clock?: () => number): Promise<Publisher>;
  stopPublisher(): Promise<void>;
  /** Adds a command and waits for it to finish. */
  command(command: CommunityCommand): Promise<Job>;
  botCommand(command: BotMessageCommand): Promise<Job>;
  /** The waiting waku.outbound messages, oldest first, removed from the queue. */
  takeOutbound(): Promise<OutboundWakuMessage[]>;
  /** Waits until at least `count` outbound messages are waiting, then takes them. */
  waitForOutbound(count: number, timeoutMs?: number): Promise<OutboundWakuMessage[]>;
  close(): Promise<void>;
}

export const createHarness = async (name: string, redisUrl = REDIS_URL): Promise<Harness> => {
  const db = await createTestDatabase();
  const prefix = `test-publisher-${name}-${randomUUID().slice(0, 8)}`;
  const baseEnv: Record<string, string> = {
    DATABASE_URL: db.url,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: prefix,
    KEYRING_MASTER_KEY: randomBytes(32).toString('hex'),
    KEYRING_MASTER_KEY_ID: 'test-k1',
    HEALTH_PORT: '0',
    LOG_LEVEL: 'debug',
    PUBLISH_DEBOUNCE_MS: '300',
  };
  const config = unwrap(parsePublisherConfig(baseEnv));
  const redis = createRedisConnection(redisUrl);
  const commands = createQueue(QueueName.COMMUNITY_COMMANDS, redis, { prefix });
  const bots = createQueue(QueueName.BOT_MESSAGES, redis, { prefix });
  const publish = createQueue(QueueName.COMMUNITY_PUBLISH, redis, { prefix });
  const outbound = createQueue(QueueName.WAKU_OUTBOUND, redis, { prefix });
  const tenant = await db.prisma.tenant.create({ data: { name: 'Tenant', slug: `tenant-${name}` } });
  const logLines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({
    serviceName: 'publisher-test',
    level: 'debug',
    destination,
    secretKeys: PUBLISHER_SECRET_LOG_KEYS,
  });
  let publisher: Publisher | undefined;

  const stopPublisher = async () => {
    await publisher?.stop();
    publisher = undefined;
  };
  const add = async <Q extends typeof commands | typeof bots>(queue: Q, data: Parameters<Q['add']>[1]) => {
    const added = await enqueue(queue as TypedQueue<QueueName>, data as never);
    if (!added.ok) throw added.error;
    return finished(queue as TypedQueue<QueueName>, added.value.id ?? '');
  };
  const takeOutbound = async (): Promise<OutboundWakuMessage[]> => {
    const jobs = await outbound.getJobs(['wait']);
    await Promise.all(jobs.map((job) => job.remove()));
    return jobs
      .sort(
        (a, b) =>
          a.timestamp - b.timestamp || (a.id ?? '').localeCompare(b.id ?? '', 'en', { numeric: true }),
      )
      .map((job) => job.data);
  };

  return {
    db,
    prisma: db.prisma,
    prefix,
    env: baseEnv,
    config,
    keyring: new Keyring(db.prisma, config.masterKeys),
    redis,
    commands,
    bots,
    publish,
    outbound,
    tenantId: tenant.id,
    logLines,
    start: async (env = {}, clock) => {
      await stopPublisher();
      publisher = await startPublisher(unwrap(parsePublisherConfig({ ...baseEnv, ...env })), {
        logger,
        ...(clock && { clock }),
      });
      return publisher;
    },
    stopPublisher,
    command: (command) => add(commands, command),
    botCommand: (command) => add(bots, command),
    takeOutbound,
    waitForOutbound: async (count, timeoutMs = 15_000) => {
      // Until the job that queued them has also recorded itself (it queues first, then writes).
      await waitFor(
        `${count} outbound messages`,
        async () =>
          (await outbound.getWaitingCount()) >= count &&
          (await publish.getActiveCount()) === 0 &&
          (await bots.getActiveCount()) === 0,
        { timeoutMs },
      );
      return takeOutbound();
    },
    close: async () => {
      await stopPublisher();
      await closeQueueResources({ queues: [commands, bots, publish, outbound] });
      await deleteKeyspace(redis, prefix);
      await closeQueueResources({ connections: [redis] });
      await db.drop();
    },
  };
};
