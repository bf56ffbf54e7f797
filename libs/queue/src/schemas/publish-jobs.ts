import type { JobsOptions } from 'bullmq';
import { z } from 'zod';
import { CommunityIdSchema, CorrelationIdSchema } from './primitives.js';

/**
 * queue `community.publish`: publish the community's description as stored now. It carries no description,
 * so a job that runs late or twice still publishes the current state.
 */
export const PublishDescriptionJobSchema = z.object({
  communityId: CommunityIdSchema,
  reason: z.enum(['changed', 'scheduled', 'repair']),
  correlationId: CorrelationIdSchema,
});
export type PublishDescriptionJob = z.infer<typeof PublishDescriptionJobSchema>;

/**
 * Options every `community.publish` producer uses, so publishes of one community coalesce whoever asks:
 * while one is waiting or delayed, later requests join it (it reads the state when it runs); while one is
 * running, at most one more is kept and runs after it, so one community is never published twice at once.
 * `delayMs` gathers a burst of changes into one publish.
 */
export const publishDescriptionJobOptions = (communityId: string, delayMs = 0): JobsOptions => ({
  delay: delayMs,
  deduplication: { id: `publish.${communityId}`, keepLastIfActive: true },
});
