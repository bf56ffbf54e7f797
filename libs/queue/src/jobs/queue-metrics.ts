import type { Queue } from 'bullmq';
import type { Metrics } from '@status-communities/observability';
import { raceTimeout, TIMED_OUT } from '@status-communities/observability';

/** The states whose job counts a scrape reports; completed jobs are only kept for a while, so not counted. */
export const QUEUE_DEPTH_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** Buckets for job processing, from a Redis round trip to a slow publish with retries inside. */
const JOB_SECONDS_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** How long a scrape waits for one queue's counts: /metrics must answer while Redis is slow or down. */
export const QUEUE_SCRAPE_TIMEOUT_MS = 500;

/**
 * The queues whose counts can be read now. A queue on a connection that is reconnecting keeps its last values:
 * its commands would wait in ioredis' offline queue until Redis is back, and the scrape with them.
 */
const readable = (queues: Iterable<Queue>): Queue[] =>
  [...queues].filter((queue) => {
    const connection = queue.opts.connection;
    return !('status' in connection) || connection.status === 'ready';
  });

// One gauge per registry reads every queue observed into it: a metric name is registered once per registry.
const observedQueues = new WeakMap<Metrics['registry'], Set<Queue>>();

/**
 * Reports, at each scrape, the jobs of each queue per state (`queue_jobs`) and the age of its oldest waiting
 * job (`queue_oldest_waiting_seconds`, 0 when none waits): a queue that grows or ages is work falling behind.
 */
export const observeQueueDepths = (metrics: Metrics, queues: readonly Queue[]): void => {
  let observed = observedQueues.get(metrics.registry);
  if (observed === undefined) {
    const queuesOfRegistry = new Set<Queue>();
    observed = queuesOfRegistry;
    observedQueues.set(metrics.registry, queuesOfRegistry);
    metrics.gauge({
      name: 'queue_jobs',
      help: 'Jobs per queue and state, read at scrape time',
      labelNames: ['queue', 'state'],
      async collect() {
        for (const queue of readable(queuesOfRegistry)) {
          const counts = await raceTimeout(
            queue.getJobCounts(...QUEUE_DEPTH_STATES),
            QUEUE_SCRAPE_TIMEOUT_MS,
          );
          if (counts === TIMED_OUT) continue;
          for (const state of QUEUE_DEPTH_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
    metrics.gauge({
      name: 'queue_oldest_waiting_seconds',
      help: 'Age of the oldest job waiting in each queue, read at scrape time',
      labelNames: ['queue'],
      async collect() {
        for (const queue of readable(queuesOfRegistry)) {
          const jobs = await raceTimeout(queue.getJobs(['waiting'], 0, 0, true), QUEUE_SCRAPE_TIMEOUT_MS);
          if (jobs === TIMED_OUT) continue;
          const [oldest] = jobs;
          this.set({ queue: queue.name }, oldest === undefined ? 0 : (Date.now() - oldest.timestamp) / 1_000);
        }
      },
    });
  }
  for (const queue of queues) observed.add(queue);
};

/** What a worker records about each job it runs. */
export interface JobMetrics {
  observe(queue: string, outcome: 'completed' | 'failed', seconds: number): void;
}

/** `queue_job_duration_seconds{queue,outcome}`: processing time of each job run, failures included. */
export const jobMetrics = (metrics: Metrics): JobMetrics => {
  const duration = metrics.histogram({
    name: 'queue_job_duration_seconds',
    help: 'Processing time of each job run, by queue and outcome (a failed run may be retried)',
    labelNames: ['queue', 'outcome'],
    buckets: JOB_SECONDS_BUCKETS,
  });
  return { observe: (queue, outcome, seconds) => duration.observe({ queue, outcome }, seconds) };
};
