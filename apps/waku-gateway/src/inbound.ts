import type { Result } from '@status-communities/errors';
import { err, ok } from '@status-communities/errors';
import type { Logger } from '@status-communities/observability';
import { withCorrelation } from '@status-communities/observability';
import { uint64ToBigInt } from '@status-communities/proto';
import { parseContentTopic } from '@status-communities/protocol';
import {
  INBOUND_DEDUP_WINDOW_MS,
  backfillJobId,
  bytesToBase64,
  enqueue,
  redisKeys,
} from '@status-communities/queue';
import type { InboundWakuMessage, QueueName, TypedQueue } from '@status-communities/queue';
import type { RedisClient } from '@status-communities/queue';
import type { DropReason, ReceivedMessage } from '@status-communities/waku';
import { checkRelayable } from '@status-communities/waku';
import type { GatewayMetrics } from './metrics.js';
import { shardLabel } from './metrics.js';

/** Why the gateway itself drops a message the relay accepted. Values are metric label values. */
export const GatewayDropReason = {
  /** Not `/waku/1/0x<8 hex>/rfc26`: no Status client sends or reads it. */
  INVALID_CONTENT_TOPIC: 'invalid_content_topic',
  /** A sint64 timestamp below zero; the queue carries Unix ns as an unsigned decimal. */
  NEGATIVE_TIMESTAMP: 'negative_timestamp',
  /** Our own bug while handling the message: logged as an error, and the gateway goes on. */
  INTERNAL_ERROR: 'internal_error',
} as const;

export type InboundDropReason = DropReason | (typeof GatewayDropReason)[keyof typeof GatewayDropReason];

export interface InboundDrop {
  readonly reason: InboundDropReason;
  readonly detail: string;
}

/** Where a message came from: live relay traffic or a Store back-fill. */
export type InboundSource = 'relay' | 'backfill';

/** A message offered to the inbound path: as the relay delivers it, or as back-fill hands it over. */
export type InboundCandidate = Pick<
  ReceivedMessage,
  'pubsubTopic' | 'message' | 'bytes' | 'hash' | 'receivedAt'
>;

/**
 * The waku.inbound job for a message, or why it never reaches the queue: the relay's own rules (a back-fill
 * did not pass the relay validator), then a Status content topic and a timestamp the queue can carry.
 */
export const toInboundJob = (candidate: InboundCandidate): Result<InboundWakuMessage, InboundDrop> => {
  const { pubsubTopic, message, hash, receivedAt } = candidate;
  const relayable = checkRelayable(message, candidate.bytes.length);
  if (!relayable.ok) return relayable;
  const topic = parseContentTopic(message.contentTopic);
  if (!topic.ok) return err({ reason: GatewayDropReason.INVALID_CONTENT_TOPIC, detail: topic.error.message });
  const timestamp = message.timestamp == null ? undefined : uint64ToBigInt(message.timestamp);
  if (timestamp !== undefined && timestamp < 0n)
    return err({ reason: GatewayDropReason.NEGATIVE_TIMESTAMP, detail: `timestamp ${timestamp}` });
  return ok({
    pubsubTopic,
    contentTopic: message.contentTopic,
    payload: bytesToBase64(message.payload),
    version: message.version ?? 0,
    ...(timestamp === undefined ? {} : { timestamp: timestamp.toString() }),
    // An empty meta hashes like an absent one, so it is not carried.
    ...(message.meta != null && message.meta.length > 0 ? { meta: bytesToBase64(message.meta) } : {}),
    ...(message.ephemeral ? { ephemeral: true } : {}),
    hash,
    receivedAt,
    correlationId: hash,
  });
};

/** The key a gateway claims for a job id before adding its job; whoever finds it taken counts a dedup hit. */
export const inboundClaimKey = (prefix: string, jobId: string): string =>
  redisKeys(prefix).inboundClaim(jobId);

/**
 * A relayed copy's job id is its hash; a back-filled copy's is `backfillJobId`, so that a back-fill reaches the
 * indexer even when a relayed copy was taken (and dropped as unrouted) before its community was watched.
 */
export const inboundJobId = (hash: string, source: InboundSource): string =>
  source === 'backfill' ? backfillJobId(hash) : hash;

export interface InboundOptions {
  readonly queue: TypedQueue<typeof QueueName.WAKU_INBOUND>;
  /** The queue's connection; it also carries the dedup claims. */
  readonly redis: RedisClient;
  readonly prefix: string;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  /**
   * Sees every message once it is on the queue (the archive): what is archived has reached the indexer, so
   * back-fill can take the archive for what the platform already has.
   */
  readonly onQueued?: (candidate: InboundCandidate, source: InboundSource) => void;
}

/**
 * The inbound path: edge checks, then one job per message hash and source on waku.inbound. Several gateways
 * share the queue: BullMQ's job id and dedup key (`inboundJobId`) keep one job, and a claim key tells each
 * gateway whether its copy was the first, for the dedup-hit count.
 */
/** What became of a message: on the queue, dropped at the edge (or by a bug), or not queued (Redis failed). */
export type InboundOutcome = 'queued' | 'dropped' | 'failed';

export class Inbound {
  private readonly pending = new Set<Promise<InboundOutcome>>();

  constructor(private readonly options: InboundOptions) {}

  /**
   * Never throws or rejects: it runs inside the relay's message dispatch, and a peer's bytes must not crash
   * us. Resolves once the message is queued or dropped; back-fill awaits it, the relay does not.
   */
  accept(candidate: InboundCandidate, source: InboundSource): Promise<InboundOutcome> {
    try {
      return this.take(candidate, source);
    } catch (error) {
      // A bug in our checks must not let one peer's message take the gateway down.
      this.options.metrics.drops.inc({ reason: GatewayDropReason.INTERNAL_ERROR });
      withCorrelation(this.options.logger, candidate.hash).error(
        { err: error, source },
        'inbound message failed',
      );
      return Promise.resolve('dropped');
    }
  }

  private take(candidate: InboundCandidate, source: InboundSource): Promise<InboundOutcome> {
    const { metrics, logger } = this.options;
    const job = toInboundJob(candidate);
    const log = logger.isLevelEnabled('debug')
      ? withCorrelation(logger, candidate.hash, { pubsubTopic: candidate.pubsubTopic, source })
      : undefined;
    if (!job.ok) {
      metrics.drops.inc({ reason: job.error.reason });
      log?.debug({ reason: job.error.reason, detail: job.error.detail }, 'inbound message dropped');
      return Promise.resolve('dropped');
    }
    metrics.messagesIn.inc({ shard: shardLabel(candidate.pubsubTopic), source });
    const added = this.add(job.value, source, log).then((queued): InboundOutcome => {
      if (!queued) return 'failed';
      this.queued(candidate, source);
      return 'queued';
    });
    this.pending.add(added);
    void added.finally(() => this.pending.delete(added));
    return added;
  }

  /** Waits until every accepted message is queued (or has failed to be). */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private queued(candidate: InboundCandidate, source: InboundSource): void {
    try {
      this.options.onQueued?.(candidate, source);
    } catch (error) {
      this.options.metrics.drops.inc({ reason: GatewayDropReason.INTERNAL_ERROR });
      withCorrelation(this.options.logger, candidate.hash).error(
        { err: error, source },
        'inbound message failed',
      );
    }
  }

  /** True once the job is on the queue (added now or by an earlier copy). */
  private async add(
    job: InboundWakuMessage,
    source: InboundSource,
    log: Logger | undefined,
  ): Promise<boolean> {
    const { queue, redis, prefix, metrics, logger } = this.options;
    const jobId = inboundJobId(job.hash, source);
    try {
      // Sent together, so a message costs one round trip; the claim is atomic, the job id dedups the add.
      const [claim, added] = await Promise.all([
        redis.set(inboundClaimKey(prefix, jobId), '1', 'PX', INBOUND_DEDUP_WINDOW_MS, 'NX'),
        enqueue(
          queue,
          job,
          source === 'relay' ? {} : { jobId, deduplication: { id: jobId, ttl: INBOUND_DEDUP_WINDOW_MS } },
        ),
      ]);
      // toInboundJob builds only what the schema accepts; a refusal here is a bug in this module.
      if (!added.ok) throw added.error;
      if (claim === null) {
        metrics.dedupHits.inc({ shard: shardLabel(job.pubsubTopic) });
        log?.debug('inbound message already queued');
      } else log?.debug('inbound message queued');
      return true;
    } catch (error) {
      metrics.enqueueFailures.inc();
      withCorrelation(logger, job.hash).error({ err: error }, 'could not queue inbound message');
      return false;
    }
  }
}
