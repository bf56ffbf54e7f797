import type { Result, StatusError } from '@status-communities/errors';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Logger, Metrics } from '@status-communities/observability';
import { withCorrelation } from '@status-communities/observability';
import type { waku } from '@status-communities/proto';
import { bigIntToUint64 } from '@status-communities/proto';
import { parseContentTopic, parsePubsubTopic } from '@status-communities/protocol';
import {
  PermanentJobError,
  QueueName,
  RetryLaterError,
  base64ToBytes,
  createWorker,
} from '@status-communities/queue';
import type { OutboundWakuMessage, TypedWorker } from '@status-communities/queue';
import type { RedisClient } from '@status-communities/queue';
import type { WakuNode } from '@status-communities/waku';
import { STATUS_CLUSTER_ID, messageHashHex } from '@status-communities/waku';
import type { GatewayMetrics } from './metrics.js';
import { shardLabel } from './metrics.js';

/** What an outbound job returns when it is done; BullMQ keeps it as the job's return value. */
export type OutboundResult =
  | { readonly status: 'published'; readonly hash: string; readonly peers: number }
  /** The relay had already seen these bytes: the message is out, which is all the producer asked. */
  | { readonly status: 'duplicate'; readonly hash: string };

export interface OutboundMessage {
  readonly pubsubTopic: string;
  readonly message: waku.WakuMessage.$Properties;
}

/** The Waku message an outbound job carries, if it goes where Status clients read: cluster 16, a Status content topic. */
export const toOutboundMessage = (job: OutboundWakuMessage): Result<OutboundMessage, StatusError> => {
  const shard = parsePubsubTopic(job.pubsubTopic);
  if (!shard.ok) return shard;
  if (shard.value.cluster !== STATUS_CLUSTER_ID)
    return fail(ErrorCode.INVALID_TOPIC, `pubsub topic is not on cluster ${STATUS_CLUSTER_ID}`, {
      pubsubTopic: job.pubsubTopic,
    });
  const topic = parseContentTopic(job.contentTopic);
  if (!topic.ok) return topic;
  return ok({
    pubsubTopic: job.pubsubTopic,
    message: {
      payload: base64ToBytes(job.payload),
      contentTopic: job.contentTopic,
      version: job.version,
      timestamp: bigIntToUint64(BigInt(job.timestamp)),
      ...(job.meta === undefined ? {} : { meta: base64ToBytes(job.meta) }),
      ...(job.ephemeral === undefined ? {} : { ephemeral: job.ephemeral }),
    },
  });
};

type Refusal = Pick<StatusError, 'code' | 'message' | 'details'>;

export interface OutboundOptions {
  readonly node: WakuNode;
  /** The worker's command connection (BullMQ opens its own for blocking reads). */
  readonly connection: RedisClient;
  readonly prefix: string;
  readonly concurrency: number;
  readonly metrics: GatewayMetrics;
  /** The service's registry, for the queue library's per-job metrics. */
  readonly serviceMetrics: Metrics;
  readonly logger: Logger;
}

/**
 * The worker on waku.outbound: publishes finished messages as they are (the gateway holds no key). No peers →
 * RetryLaterError, retried with the job's backoff; duplicate → done; a message the relay or the fleet
 * would refuse → PermanentJobError, never retried. A job that waits past the 20 s timestamp window in
 * retries becomes such a message: store nodes would drop it anyway.
 */
export const startOutboundWorker = (
  options: OutboundOptions,
): TypedWorker<typeof QueueName.WAKU_OUTBOUND, OutboundResult> => {
  const { node, metrics, logger } = options;
  const refuse = (shard: string, reason: string, error: Refusal, log: Logger): never => {
    metrics.publishOutcomes.inc({ shard, outcome: 'invalid' });
    metrics.publishFailures.inc({ reason });
    log.warn({ reason, detail: error.message }, 'outbound message refused');
    throw new PermanentJobError(error.code, error.message, error.details);
  };
  return createWorker(
    QueueName.WAKU_OUTBOUND,
    async (data, job): Promise<OutboundResult> => {
      const shard = shardLabel(data.pubsubTopic);
      const built = toOutboundMessage(data);
      if (!built.ok) {
        const log = withCorrelation(logger, data.correlationId, { jobId: job.id });
        return refuse(shard, 'invalid_topic', built.error, log);
      }
      const { pubsubTopic, message } = built.value;
      const log = withCorrelation(logger, messageHashHex(pubsubTopic, message), {
        jobId: job.id,
        jobCorrelationId: data.correlationId,
        pubsubTopic,
      });
      const outcome = await node.publish(pubsubTopic, message);
      switch (outcome.status) {
        case 'published':
          metrics.publishOutcomes.inc({ shard, outcome: 'published' });
          metrics.messagesOut.inc({ shard });
          log.debug({ peers: outcome.peers }, 'outbound message published');
          return { status: 'published', hash: outcome.hash, peers: outcome.peers };
        case 'duplicate':
          metrics.publishOutcomes.inc({ shard, outcome: 'duplicate' });
          log.debug('outbound message was already relayed');
          return { status: 'duplicate', hash: outcome.hash };
        case 'no-peers':
          metrics.publishOutcomes.inc({ shard, outcome: 'no_peers' });
          metrics.publishFailures.inc({ reason: 'no_peers' });
          log.info({ attempt: job.attemptsMade + 1 }, 'no relay peers for outbound message; will retry');
          throw new RetryLaterError(`no relay peers on ${pubsubTopic}`, { pubsubTopic, hash: outcome.hash });
        case 'invalid':
          return refuse(
            shard,
            outcome.reason,
            {
              code: ErrorCode.INVALID_JOB_DATA,
              message: outcome.detail,
              details: { reason: outcome.reason },
            },
            log,
          );
      }
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      serviceMetrics: options.serviceMetrics,
      onError: (error) => logger.error({ err: error }, 'outbound worker error'),
    },
  );
};
