import type { DefaultJobOptions, KeepJobs } from 'bullmq';

/** Completed jobs stay an hour (for inspection and job-id dedup), at most 10,000 per queue. */
export const KEEP_COMPLETED: KeepJobs = { age: 60 * 60, count: 10_000 };

/** Failed jobs stay a week so people can read why, at most 100,000 per queue. */
export const KEEP_FAILED: KeepJobs = { age: 7 * 24 * 60 * 60, count: 100_000 };

/** Every job: 5 attempts, 1 s · 2^(n-1) apart (1, 2, 4, 8 s), so a Redis or Waku blip costs no job. */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: KEEP_COMPLETED,
  removeOnFail: KEEP_FAILED,
};
