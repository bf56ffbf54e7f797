import type { JobsOptions } from 'bullmq';
import type { z } from 'zod';
import { QueueName } from '../queue-names.js';
import { BotMessageCommandSchema } from '../schemas/bot-messages.js';
import { CommunityCommandSchema } from '../schemas/community-commands.js';
import { CommunityRequestJobSchema } from '../schemas/community-requests.js';
import { PublishDescriptionJobSchema } from '../schemas/publish-jobs.js';
import { InboundWakuMessageSchema, OutboundWakuMessageSchema } from '../schemas/waku-messages.js';
import { WatchCommandSchema } from '../schemas/watch-commands.js';
import { WebhookDeliveryJobSchema } from '../schemas/webhook-jobs.js';

/**
 * How long a Waku message hash stays known after its job was added. Gateways see the same message within
 * seconds, so an hour is ample; older replays reach the indexer, which persists idempotently.
 */
export const INBOUND_DEDUP_WINDOW_MS = 60 * 60 * 1000;

/**
 * The waku.inbound job id of a copy that a Store back-fill brought. A copy relayed before its community was
 * watched was taken under the hash's own id and dropped by the indexer as unrouted; that id stays taken an hour,
 * so the back-fill run when the community is watched must add its copy under an id of its own to reach the
 * indexer, which persists idempotently.
 */
export const backfillJobId = (hash: string): string => `backfill.${hash}`;

export interface JobDefinition<S extends z.ZodType> {
  readonly schema: S;
  /** BullMQ job name: what dashboards and logs show. */
  readonly jobName: (data: z.infer<S>) => string;
  /** Options a job of this kind always gets (its own id, dedup, retention) on top of the queue defaults. */
  readonly jobOptions?: (data: z.infer<S>) => JobsOptions;
}

const define = <S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> => definition;
const byType = (data: { type: string }): string => data.type;

/** The payload schema and job naming of every queue; producers and workers both read it. */
export const JobDefinitions = {
  [QueueName.WAKU_INBOUND]: define({
    schema: InboundWakuMessageSchema,
    jobName: () => 'waku.message',
    // The job id alone dedups only while the job exists; the dedup key outlives its removal.
    jobOptions: (message) => ({
      jobId: message.hash,
      deduplication: { id: message.hash, ttl: INBOUND_DEDUP_WINDOW_MS },
    }),
  }),
  [QueueName.WAKU_OUTBOUND]: define({ schema: OutboundWakuMessageSchema, jobName: () => 'waku.message' }),
  [QueueName.COMMUNITY_COMMANDS]: define({ schema: CommunityCommandSchema, jobName: byType }),
  [QueueName.COMMUNITY_REQUESTS]: define({ schema: CommunityRequestJobSchema, jobName: byType }),
  [QueueName.COMMUNITY_PUBLISH]: define({
    schema: PublishDescriptionJobSchema,
    jobName: () => 'description.publish',
  }),
  [QueueName.COMMUNITY_WATCH]: define({ schema: WatchCommandSchema, jobName: byType }),
  [QueueName.BOT_MESSAGES]: define({ schema: BotMessageCommandSchema, jobName: byType }),
  [QueueName.WEBHOOKS_DELIVER]: define({
    schema: WebhookDeliveryJobSchema,
    jobName: (job) => job.event.type,
    // Fan-out may run twice for one event; one delivery per subscription and event.
    jobOptions: (job) => ({ jobId: `webhook.${job.subscriptionId}.${job.eventId}` }),
  }),
} satisfies Record<QueueName, JobDefinition<z.ZodType>>;

type Definitions = typeof JobDefinitions;

/** The validated payload type of a queue's jobs. */
export type JobData<N extends QueueName> = z.infer<Definitions[N]['schema']>;
