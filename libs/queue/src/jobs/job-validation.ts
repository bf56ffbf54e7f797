import type { z } from 'zod';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import type { QueueName } from '../queue-names.js';
import { JobDefinitions } from './job-definitions.js';
import type { JobData, JobDefinition } from './job-definitions.js';

/** The definition of a queue, typed by its name (the registry's value type is a union). */
export const definitionOf = <N extends QueueName>(name: N): JobDefinition<z.ZodType<JobData<N>>> =>
  JobDefinitions[name] as unknown as JobDefinition<z.ZodType<JobData<N>>>;

const describeIssues = (issues: readonly z.core.$ZodIssue[]): string[] =>
  issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`);

/** Validates job data against its queue's schema; the failure names every bad field. */
export const parseJobData = <N extends QueueName>(name: N, data: unknown): Result<JobData<N>> => {
  const parsed = definitionOf(name).schema.safeParse(data);
  if (parsed.success) return ok(parsed.data);
  const issues = describeIssues(parsed.error.issues);
  return fail(ErrorCode.INVALID_JOB_DATA, `Invalid job data for ${name}: ${issues.join('; ')}`, {
    queue: name,
    issues,
  });
};
