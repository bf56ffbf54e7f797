import { Queue } from 'bullmq';
import type { DefaultJobOptions, Job, JobsOptions } from 'bullmq';
import type { Result } from '@status-communities/errors';
import { ok } from '@status-communities/errors';
import { connectionErrorLog } from '../connection-errors.js';
import { checkKeyPrefix, DEFAULT_KEY_PREFIX } from '../keyspace.js';
import type { QueueName } from '../queue-names.js';
import type { RedisClient } from '../redis-client.js';
import type { JobData } from './job-definitions.js';
import { DEFAULT_JOB_OPTIONS } from './job-options.js';
import { definitionOf, parseJobData } from './job-validation.js';

/** A BullMQ queue whose name fixes its payload type. */
export type TypedQueue<N extends QueueName> = Queue<JobData<N>, unknown, string> & { readonly name: N };

export interface CreateQueueOptions {
  /** Key prefix (default `sc`); tests use a unique one per run. */
  readonly prefix?: string;
  /** Merged over DEFAULT_JOB_OPTIONS. */
  readonly defaultJobOptions?: DefaultJobOptions;
}

/**
 * A producer's queue on a shared connection. The connection stays the caller's: closing the queue leaves it
 * open (BullMQ marks passed-in clients as shared). A queue only re-emits its connection's errors, so they go to
 * the connection's error log (createRedisConnection with a logger) rather than to BullMQ's console.error.
 */
export const createQueue = <N extends QueueName>(
  name: N,
  connection: RedisClient,
  options: CreateQueueOptions = {},
): TypedQueue<N> => {
  const queue = new Queue<JobData<N>, unknown, string>(name, {
    connection,
    prefix: checkKeyPrefix(options.prefix ?? DEFAULT_KEY_PREFIX),
    defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, ...options.defaultJobOptions },
  }) as TypedQueue<N>;
  // A connection made without a logger (tests) has no log: its queue's errors are dropped like its own.
  queue.on('error', (error) => connectionErrorLog(connection)?.note(error));
  return queue;
};

/**
 * Validates `data` against the queue's schema and adds it under its job name, with the options its kind always
 * gets (inbound Waku messages: job id and dedup key = message hash). Adding an inbound message whose hash is
 * already known, from any producer, returns the existing job and adds nothing.
 */
export const enqueue = async <N extends QueueName>(
  queue: TypedQueue<N>,
  data: JobData<N>,
  options: JobsOptions = {},
): Promise<Result<Job<JobData<N>, unknown, string>>> => {
  const parsed = parseJobData(queue.name, data);
  if (!parsed.ok) return parsed;
  const definition = definitionOf(queue.name);
  // BullMQ's conditional data types do not resolve for a generic N; the schema has checked the data.
  const untyped = queue as unknown as Queue;
  const job = await untyped.add(definition.jobName(parsed.value), parsed.value, {
    ...definition.jobOptions?.(parsed.value),
    ...options,
  });
  return ok(job as Job<JobData<N>, unknown, string>);
};
