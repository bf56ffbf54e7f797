import type { PrismaClient, WebhookSubscription } from '@status-communities/db';
import { unwrap } from '@status-communities/errors';
import {
  ackEvents,
  claimStaleEvents,
  enqueue,
  ensureEventGroup,
  readGroupEvents,
} from '@status-communities/queue';
import type { EventBatch, EventStream, QueueName, StoredEvent, TypedQueue } from '@status-communities/queue';
import type { RedisClient } from '@status-communities/queue';
import { communityOf } from '../subscriptions/event-filter.js';
import type { CommunityDirectory } from '../subscriptions/event-visibility.js';
import { subscriptionWants } from './webhook-matching.js';

/** The consumer group of every fan-out worker: each event is taken by one of them. */
export const FANOUT_GROUP = 'webhooks.fanout';

export interface WebhookFanoutOptions {
  /** A connection of its own (XREADGROUP BLOCK holds it); the fan-out closes it. */
  readonly redis: RedisClient;
  readonly prisma: PrismaClient;
  readonly queue: TypedQueue<typeof QueueName.WEBHOOKS_DELIVER>;
  readonly stream: EventStream;
  readonly directory: CommunityDirectory;
  /** Unique per process: pending events are tracked per consumer. */
  readonly consumer: string;
  /** Delivery attempts and the first retry delay, given to every job. */
  readonly maxAttempts: number;
  readonly backoffMs: number;
  /** Events another consumer read this long ago without acknowledging them are taken over. */
  readonly claimIdleMs: number;
  readonly blockMs?: number;
  readonly batchSize?: number;
  readonly onError: (error: unknown) => void;
}

/**
 * Reads the event stream in a consumer group and turns each event into one delivery per webhook that wants it:
 * a PENDING delivery row and a `webhooks.deliver` job whose id is subscription + event, so running an event
 * twice (a crash between enqueue and acknowledgement, a claim) adds nothing. Events are acknowledged only
 * after their jobs are queued; those of a dead worker are claimed after `claimIdleMs`.
 */
export class WebhookFanout {
  readonly #options: WebhookFanoutOptions;
  #running = true;
  #lastClaimAt = 0;
  readonly #loop: Promise<void>;

  private constructor(options: WebhookFanoutOptions) {
    this.#options = options;
    this.#loop = this.#run();
  }

  /** Creates the group at the stream's end if missing (events from before the first fan-out are not sent). */
  static async start(options: WebhookFanoutOptions): Promise<WebhookFanout> {
    await ensureEventGroup(options.redis, { stream: options.stream, group: FANOUT_GROUP, startId: '$' });
    return new WebhookFanout(options);
  }

  async close(): Promise<void> {
    this.#running = false;
    this.#options.redis.disconnect();
    await this.#loop;
  }

  async #run(): Promise<void> {
    const { redis, stream, consumer, blockMs = 2_000, batchSize = 100, onError } = this.#options;
    while (this.#running) {
      try {
        await this.#claimStale();
        const batch = await readGroupEvents(redis, {
          stream,
          group: FANOUT_GROUP,
          consumer,
          count: batchSize,
          block: blockMs,
        });
        await this.#fanOut(batch);
      } catch (error) {
        if (!this.#running) return;
        onError(error);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  /** Every claimIdleMs / 2, takes over what dead consumers left pending and fans it out. */
  async #claimStale(): Promise<void> {
    const { redis, stream, consumer, claimIdleMs } = this.#options;
    if (Date.now() - this.#lastClaimAt < claimIdleMs / 2) return;
    this.#lastClaimAt = Date.now();
    let start = '0-0';
    do {
      const claimed = await claimStaleEvents(redis, {
        stream,
        group: FANOUT_GROUP,
        consumer,
        minIdleMs: claimIdleMs,
        start,
      });
      await this.#fanOut(claimed);
      start = claimed.next;
    } while (start !== '0-0' && this.#running);
  }

  async #fanOut(batch: EventBatch): Promise<void> {
    const { redis, prisma, stream, queue, directory, maxAttempts, backoffMs } = this.#options;
    const ids = [...batch.events.map((stored) => stored.id), ...batch.rejected.map((entry) => entry.id)];
    if (ids.length === 0) return;
    const deliveries: { subscription: WebhookSubscription; stored: StoredEvent }[] = [];
    const candidates = await this.#candidates(batch.events);
    for (const stored of batch.events) {
      const community = await directory.ownershipOf(stored.event);
      for (const subscription of candidates)
        if (subscriptionWants(subscription, stored.event, community))
          deliveries.push({ subscription, stored });
    }
    if (deliveries.length > 0) {
      await prisma.webhookDelivery.createMany({
        data: deliveries.map(({ subscription, stored }) => ({
          subscriptionId: subscription.id,
          eventId: stored.id,
          eventType: stored.event.type,
          payload: stored.event,
        })),
        skipDuplicates: true,
      });
      const jobs = await Promise.all(
        deliveries.map(({ subscription, stored }) =>
          enqueue(
            queue,
            { subscriptionId: subscription.id, eventId: stored.id, event: stored.event },
            { attempts: maxAttempts, backoff: { type: 'exponential', delay: backoffMs } },
          ),
        ),
      );
      // The events come from the stream's own schema: a job that fails validation is a bug.
      jobs.forEach(unwrap);
    }
    await ackEvents(redis, { stream, group: FANOUT_GROUP, ids });
  }

  /**
   * Active subscriptions that could want one of the events: those of their communities and unfiltered ones
   * (the only ones that may want a bot's 1:1 events, which belong to no community).
   */
  #candidates(events: readonly StoredEvent[]): Promise<WebhookSubscription[]> {
    const communities = [...new Set(events.flatMap((stored) => communityOf(stored.event) ?? []))];
    if (events.length === 0) return Promise.resolve([]);
    return this.#options.prisma.webhookSubscription.findMany({
      where: { active: true, OR: [{ communityId: null }, { communityId: { in: communities } }] },
    });
  }
}
