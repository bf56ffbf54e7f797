import { z } from 'zod';
import { DomainEventSchema } from '../events/domain-events.js';
import { CorrelationIdSchema } from './primitives.js';

/** A Redis Stream entry id, `<ms>-<seq>`. */
export const StreamIdSchema = z.string().regex(/^[0-9]+-[0-9]+$/, 'expected a stream id <ms>-<seq>');

/** queue `webhooks.deliver`: one event to one subscription; job id `webhook.<subscription>.<event id>`. */
export const WebhookDeliveryJobSchema = z.object({
  subscriptionId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected an id of [A-Za-z0-9_-]'),
  eventId: StreamIdSchema,
  event: DomainEventSchema,
  correlationId: CorrelationIdSchema.optional(),
});
export type WebhookDeliveryJob = z.infer<typeof WebhookDeliveryJobSchema>;
