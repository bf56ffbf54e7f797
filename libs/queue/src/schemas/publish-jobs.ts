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
