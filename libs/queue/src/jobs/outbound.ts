// The one way onto waku.outbound: finished Waku messages (version 1, stamped now), added as one batch under
// job ids fixed by the caller, so a retried job that gets this far again adds nothing and nothing is sent
// twice.
import type { Result } from '@status-communities/errors';
import { ok } from '@status-communities/errors';
import { STATUS_MESSAGE_VERSION, wakuTimestampNsFromMs } from '@status-communities/protocol';
import { QueueName } from '../queue-names.js';
import { bytesToBase64 } from '../schemas/bytes.js';
import type { OutboundWakuMessage } from '../schemas/waku-messages.js';
import { JobDefinitions } from './job-definitions.js';
import { parseJobData } from './job-validation.js';
import type { TypedQueue } from './queue-factory.js';

/** One Waku message to publish, before it is stamped and queued. */
export interface WakuPayload {
  readonly pubsubTopic: string;
  readonly contentTopic: string;
  readonly payload: Uint8Array;
}

/** The finished waku.outbound jobs: version 1, stamped `nowMs` (store nodes drop what is far from real time). */
export const toOutboundMessages = (
  messages: readonly WakuPayload[],
  nowMs: number,
  correlationId: string,
): OutboundWakuMessage[] => {
  const timestamp = wakuTimestampNsFromMs(nowMs).toString();
  return messages.map((message) => ({
    pubsubTopic: message.pubsubTopic,
    contentTopic: message.contentTopic,
    payload: bytesToBase64(message.payload),
    version: STATUS_MESSAGE_VERSION,
    timestamp,
    correlationId,
  }));
};

/**
 * Adds the messages as one batch with job ids `<idPrefix>-<n>`. Like `enqueue`, it refuses invalid data with
 * INVALID_JOB_DATA before anything is added; the callers build the messages themselves, so they throw it.
 */
export const enqueueOutbound = async (
  queue: TypedQueue<typeof QueueName.WAKU_OUTBOUND>,
  messages: readonly OutboundWakuMessage[],
  idPrefix: string,
): Promise<Result<number>> => {
  for (const message of messages) {
    const parsed = parseJobData(QueueName.WAKU_OUTBOUND, message);
    if (!parsed.ok) return parsed;
  }
  const definition = JobDefinitions[QueueName.WAKU_OUTBOUND];
  await queue.addBulk(
    messages.map((data, index) => ({
      name: definition.jobName(data),
      data,
      opts: { jobId: `${idPrefix}-${index}` },
    })),
  );
  return ok(messages.length);
};
