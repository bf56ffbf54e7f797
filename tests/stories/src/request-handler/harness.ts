// The real publisher (its own test harness: fresh PostgreSQL database, unique Redis prefix) with
// a request handler on the same database, prefix and master key, and the queue the indexer and the API
// fill. Nothing is mocked.
import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { unwrap } from '@status-communities/errors';
import { createLogger } from '@status-communities/observability';
import type { Harness as PublisherHarness } from '@status-communities/publisher/testing';
import { createHarness, finished } from '@status-communities/publisher/testing';
import type {
  CommunityRequestJob,
  DomainEvent,
  InboundWakuMessage,
  TypedQueue,
} from '@status-communities/queue';
import {
  QueueName,
  closeQueueResources,
  createQueue,
  enqueue,
  eventStream,
  readEvents,
} from '@status-communities/queue';
import type {
  JobOutcome,
  RequestHandler,
  RequestHandlerConfig,
} from '@status-communities/request-handler/testing';
import {
  REQUEST_HANDLER_SECRET_LOG_KEYS,
  parseRequestHandlerConfig,
  startRequestHandler,
} from '@status-communities/request-handler/testing';
import { waitFor } from '@status-communities/testing';

export interface Harness {
  /** The publisher side: database, keyring, command and outbound queues. */
  readonly p: PublisherHarness;
  readonly config: RequestHandlerConfig;
  readonly requests: TypedQueue<typeof QueueName.COMMUNITY_REQUESTS>;
  readonly handler: () => RequestHandler;
  /** Starts (or restarts) the request handler; `env` overrides its variables. */
  startHandler(env?: Record<string, string>): Promise<RequestHandler>;
  stopHandler(): Promise<void>;
  /** A request as the indexer forwards it, run to its end. */
  inbound(communityId: string, message: InboundWakuMessage): Promise<Job>;
  /** Any community.requests job, run to its end. */
  submit(job: CommunityRequestJob, jobId?: string): Promise<Job>;
  /** The answers (and deletions) the handler queued, once the respond jobs have run. */
  settle(): Promise<void>;
  events(): Promise<DomainEvent[]>;
  /** A counter's value for these labels (0 when never incremented). */
  counter(name: string, labels?: Record<string, string>): Promise<number>;
  close(): Promise<void>;
}

export const outcomeOf = (job: Job): JobOutcome => job.returnvalue as JobOutcome;

export const createRequestHarness = async (name: string): Promise<Harness> => {
  const p = await createHarness(`rh-${name}`);
  await p.start();
  const env: Record<string, string> = {
    DATABASE_URL: p.db.url,
    REDIS_URL: p.config.REDIS_URL,
    REDIS_KEY_PREFIX: p.prefix,
    KEYRING_MASTER_KEY: p.config.KEYRING_MASTER_KEY.revealHex(),
    KEYRING_MASTER_KEY_ID: p.config.KEYRING_MASTER_KEY_ID,
    HEALTH_PORT: '0',
    LOG_LEVEL: 'silent',
    PUBLISH_DEBOUNCE_MS: '300',
  };
  const config = unwrap(parseRequestHandlerConfig(env));
  const requests = createQueue(QueueName.COMMUNITY_REQUESTS, p.redis, { prefix: p.prefix });
  const logger = createLogger({
    serviceName: 'request-handler-test',
    level: 'silent',
    secretKeys: REQUEST_HANDLER_SECRET_LOG_KEYS,
  });
  let handler: RequestHandler | undefined;
  const stopHandler = async () => {
    await handler?.stop();
    handler = undefined;
  };
  const submit = async (job: CommunityRequestJob, jobId: string = randomUUID()): Promise<Job> => {
    const added = await enqueue(requests, job, { jobId });
    if (!added.ok) throw added.error;
    return finished(requests, jobId);
  };

  return {
    p,
    config,
    requests,
    handler: () => {
      if (!handler) throw new Error('the request handler is not running');
      return handler;
    },
    startHandler: async (overrides = {}) => {
      await stopHandler();
      handler = await startRequestHandler(unwrap(parseRequestHandlerConfig({ ...env, ...overrides })), {
        logger,
      });
      return handler;
    },
    stopHandler,
    inbound: (communityId, message) =>
      submit(
        { type: 'request.inbound', correlationId: message.correlationId, communityId, message },
        `request.${message.hash}`,
      ),
    submit,
    settle: () =>
      waitFor(
        'respond jobs and publishes to finish',
        async () =>
          (await requests.getJobCountByTypes('waiting', 'delayed', 'active', 'prioritized')) === 0 &&
          (await p.publish.getJobCountByTypes('waiting', 'delayed', 'active', 'prioritized')) === 0,
        { timeoutMs: 30_000 },
      ).then(() => undefined),
    events: async () => {
      const batch = await readEvents(p.redis, { stream: eventStream({ prefix: p.prefix }), count: 10_000 });
      return batch.events.map((stored) => stored.event);
    },
    counter: async (metricName, labels = {}) => {
      const metric = handler?.metrics.registry.getSingleMetric(metricName);
      if (!metric) return 0;
      const { values } = await metric.get();
      const wanted = Object.entries(labels);
      return values
        .filter((value) => wanted.every(([key, label]) => value.labels[key] === label))
        .reduce((sum, value) => sum + value.value, 0);
    },
    close: async () => {
      await stopHandler();
      await closeQueueResources({ queues: [requests] });
      await p.close();
    },
  };
};
