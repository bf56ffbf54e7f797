import { performance } from 'node:perf_hooks';
import { Worker } from 'bullmq';
import type { Job, WorkerOptions } from 'bullmq';
import type { Metrics } from '@status-communities/observability';
import { connectionErrorLog } from '../connection-errors.js';
import { checkKeyPrefix, DEFAULT_KEY_PREFIX } from '../keyspace.js';
import { noteOperationError, noteOperationSuccess } from '../operation-errors.js';
import type { QueueName } from '../queue-names.js';
import type { RedisClient } from '../redis-client.js';
import type { JobData } from './job-definitions.js';
import { KEEP_COMPLETED, KEEP_FAILED } from './job-options.js';
import { PermanentJobError } from './job-outcomes.js';
import { parseJobData } from './job-validation.js';
import { jobMetrics } from './queue-metrics.js';

/**
 * What a service writes: it receives validated data and returns a value, throws RetryLaterError to be tried
 * again after the backoff, or PermanentJobError to give up (job-outcomes.ts).
 */
export type JobProcessor<N extends QueueName, R> = (
  data: JobData<N>,
  job: Job<JobData<N>, R, string>,
) => Promise<R>;

export type TypedWorker<N extends QueueName, R> = Worker<JobData<N>, R, string> & { readonly name: N };

export interface CreateWorkerOptions extends Omit<WorkerOptions, 'connection' | 'prefix'> {
  /** Used for commands; BullMQ opens its own duplicate for blocking reads. Stays open after `close()`. */
  readonly connection: RedisClient;
  readonly prefix?: string;
  /**
   * Worker-level errors (failed lock renewal…). Required: a BullMQ worker emits `error`, and an EventEmitter
   * with no `error` listener throws, which would take the process down. While the connection is down its
   * errors go to the connection's error log instead (one line per outage, not one per reconnect attempt).
   */
  readonly onError: (error: Error) => void;
  /** Where each job's processing time and outcome go (`queue_job_duration_seconds`). */
  readonly serviceMetrics?: Metrics;
}

/**
 * A worker that validates every job before the processor sees it. A job whose data fails validation fails
 * permanently with PermanentJobError(INVALID_JOB_DATA) and is never retried; the worker carries on.
 * Defaults: concurrency 1, retention as KEEP_COMPLETED / KEEP_FAILED for jobs added without their own.
 */
export const createWorker = <N extends QueueName, R>(
  name: N,
  processor: JobProcessor<N, R>,
  options: CreateWorkerOptions,
): TypedWorker<N, R> => {
  const { connection, prefix, onError, serviceMetrics, ...workerOptions } = options;
  const jobs = serviceMetrics === undefined ? undefined : jobMetrics(serviceMetrics);
  const run = async (job: Job<JobData<N>, R, string>): Promise<R> => {
    const parsed = parseJobData(name, job.data);
    if (!parsed.ok) {
      const { code, message, details } = parsed.error;
      throw new PermanentJobError(code, message, details);
    }
    return processor(parsed.value, job);
  };
  const worker = new Worker<JobData<N>, R, string>(
    name,
    jobs === undefined
      ? run
      : async (job) => {
          const started = performance.now();
          try {
            const result = await run(job);
            jobs.observe(name, 'completed', (performance.now() - started) / 1_000);
            return result;
          } catch (error) {
            jobs.observe(name, 'failed', (performance.now() - started) / 1_000);
            throw error;
          }
        },
    {
      concurrency: 1,
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
      ...workerOptions,
      connection,
      prefix: checkKeyPrefix(prefix ?? DEFAULT_KEY_PREFIX),
    },
  );
  worker.on('error', (error) => {
    const connectionLog = connectionErrorLog(connection);
    if (connection.status !== 'ready' && connectionLog !== undefined) connectionLog.note(error);
    else {
      // Redis answers, with an error: the readiness of the service's stores counts these (operation-errors.ts).
      noteOperationError(connection, error);
      onError(error);
    }
  });
  // A job taken and settled means Redis serves the worker again.
  worker.on('completed', () => noteOperationSuccess(connection));
  worker.on('failed', () => noteOperationSuccess(connection));
  return worker as TypedWorker<N, R>;
};
