import type { Job } from 'bullmq';
import type { PrismaClient } from '@status-communities/db';
import type { MasterKeyRing } from '@status-communities/keyring';
import { QueueName, RetryLaterError, createWorker } from '@status-communities/queue';
import type { JobData, TypedWorker } from '@status-communities/queue';
import type { RedisClient } from '@status-communities/queue';
import { openWebhookSecret } from './webhook-secrets.js';
import { sendWebhook } from './webhook-sender.js';
import type { WebhookOutcome } from './webhook-sender.js';
import { checkWebhookUrl } from './webhook-url.js';
import type { WebhookUrlPolicy } from './webhook-url.js';

/** What one run of a delivery job did; the job's return value, for logs and tests. */
export type DeliveryRun = 'delivered' | 'retrying' | 'dead-lettered' | 'already-done' | 'gone';

export interface WebhookDelivererOptions {
  readonly connection: RedisClient;
  readonly prefix: string;
  readonly prisma: PrismaClient;
  readonly masterKeys: MasterKeyRing;
  readonly urlPolicy: WebhookUrlPolicy;
  readonly timeoutMs: number;
  readonly concurrency: number;
  readonly onError: (error: Error) => void;
}

type DeliveryJob = JobData<typeof QueueName.WEBHOOKS_DELIVER>;

/** BullMQ's exponential backoff: the wait after the n-th failed try. */
const backoffAfter = (job: Job<DeliveryJob, DeliveryRun, string>, attempt: number): number => {
  const backoff = job.opts.backoff;
  const delay = typeof backoff === 'object' ? (backoff.delay ?? 0) : (backoff ?? 0);
  return delay * 2 ** (attempt - 1);
};

/**
 * Delivers one event to one webhook per job and keeps its WebhookDelivery row as the delivery log. A row that
 * is no longer PENDING is never sent again (a job run twice, an event fanned out twice). Network errors,
 * timeouts, 5xx and 429 are retried with BullMQ's exponential backoff up to the job's attempts; other answers
 * and the last failed try dead-letter the row.
 */
export const startWebhookDeliverer = (
  options: WebhookDelivererOptions,
): TypedWorker<typeof QueueName.WEBHOOKS_DELIVER, DeliveryRun> => {
  const { prisma } = options;

  const record = (id: bigint, attempts: number, outcome: WebhookOutcome, final: Record<string, unknown>) =>
    prisma.webhookDelivery.update({
      where: { id },
      data: {
        attempts,
        lastStatusCode: outcome.statusCode,
        lastError: outcome.error,
        lastLatencyMs: outcome.latencyMs,
        ...final,
      },
    });

  const deliver = async (
    data: DeliveryJob,
    job: Job<DeliveryJob, DeliveryRun, string>,
  ): Promise<DeliveryRun> => {
    const delivery = await prisma.webhookDelivery.findUnique({
      where: { subscriptionId_eventId: { subscriptionId: data.subscriptionId, eventId: data.eventId } },
      include: { subscription: true },
    });
    // Deleting a subscription deletes its deliveries: nothing left to send.
    if (delivery === null) return 'gone';
    if (delivery.status !== 'PENDING') return 'already-done';
    const attempt = delivery.attempts + 1;
    const deadLetter = async (outcome: WebhookOutcome): Promise<DeliveryRun> => {
      await record(delivery.id, attempt, outcome, {
        status: 'DEAD_LETTERED',
        deadLetteredAt: new Date(),
        nextAttemptAt: null,
      });
      return 'dead-lettered';
    };
    const notSent = (error: string): WebhookOutcome => ({
      result: 'refused',
      statusCode: null,
      latencyMs: 0,
      error,
    });

    if (!delivery.subscription.active) return deadLetter(notSent('the webhook is disabled'));
    const url = await checkWebhookUrl(delivery.subscription.url, options.urlPolicy);
    if (!url.ok) return deadLetter(notSent(url.error.message));
    const secret = await openWebhookSecret(prisma, options.masterKeys, delivery.subscription.secretRef);
    if (!secret.ok) return deadLetter(notSent(`${secret.error.code}: ${secret.error.message}`));

    const outcome = await sendWebhook({
      url: url.value,
      secret: secret.value,
      attempt,
      timeoutMs: options.timeoutMs,
      body: {
        id: data.eventId,
        type: data.event.type,
        occurredAt: new Date(data.event.occurredAt).toISOString(),
        data: data.event,
      },
    });
    if (outcome.result === 'delivered') {
      await record(delivery.id, attempt, outcome, {
        status: 'DELIVERED',
        deliveredAt: new Date(),
        nextAttemptAt: null,
      });
      return 'delivered';
    }
    const triesLeft = job.attemptsMade + 1 < (job.opts.attempts ?? 1);
    if (outcome.result === 'refused' || !triesLeft) return deadLetter(outcome);
    await record(delivery.id, attempt, outcome, {
      nextAttemptAt: new Date(Date.now() + backoffAfter(job, job.attemptsMade + 1)),
    });
    throw new RetryLaterError(`attempt ${attempt} failed: ${outcome.error ?? 'unknown'}`);
  };

  return createWorker(QueueName.WEBHOOKS_DELIVER, deliver, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    onError: options.onError,
  });
};
