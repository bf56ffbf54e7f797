import type { Queue, Worker } from 'bullmq';
import { raceTimeout } from '@status-communities/observability';
import type { RedisClient } from './redis-client.js';
import { closeRedis } from './redis-connection.js';

export interface QueueResources {
  readonly workers?: readonly Worker[];
  readonly queues?: readonly Queue[];
  /** Closed last: workers and queues may still use them while closing. */
  readonly connections?: readonly RedisClient[];
}

/**
 * Closes in the order that loses nothing: workers first (they finish their active jobs, up to `timeoutMs`,
 * then are left and their jobs come back as stalled), then queues, then connections.
 */
export const closeQueueResources = async (resources: QueueResources, timeoutMs = 10_000): Promise<void> => {
  await Promise.all((resources.workers ?? []).map((worker) => closeWorker(worker, timeoutMs)));
  await Promise.all((resources.queues ?? []).map((queue) => queue.close()));
  await Promise.all((resources.connections ?? []).map((redis) => closeRedis(redis, timeoutMs)));
};

// A close that outlives the bound is left behind rather than forced: BullMQ's close(true) after close() only returns
// the first call's promise, which can wait out a blocking read's reconnect back-off after a Redis outage (seen: more
// than 30 s). Its active jobs come back as stalled, and closing the connections next ends what is left.
const closeWorker = async (worker: Worker, timeoutMs: number): Promise<void> => {
  await raceTimeout(worker.close(), timeoutMs);
};
