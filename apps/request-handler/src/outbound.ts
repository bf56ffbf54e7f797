import type { SealedControlNodeMessage } from '@status-communities/protocol';
import { wakuTimestampNsFromMs } from '@status-communities/protocol';
import type { OutboundWakuMessage } from '@status-communities/queue';
import { JobDefinitions, QueueName, bytesToBase64, parseJobData } from '@status-communities/queue';
import type { RequestHandlerContext } from './context.js';

/** 14/WAKU2-MESSAGE version 1: the payload is 26/WAKU2-PAYLOAD v1, as all Status traffic. */
const STATUS_MESSAGE_VERSION = 1;

/**
 * Queues sealed messages on waku.outbound as finished Waku messages, stamped now, with job ids
 * `<idPrefix>-<n>`: a retried job that gets here again adds nothing, so nothing is sent twice.
 */
export const queueOutbound = async (
  context: Pick<RequestHandlerContext, 'outboundQueue' | 'clock'>,
  sealed: SealedControlNodeMessage,
  idPrefix: string,
  correlationId: string,
): Promise<number> => {
  const timestamp = wakuTimestampNsFromMs(context.clock()).toString();
  const messages: OutboundWakuMessage[] = sealed.messages.map((message) => ({
    pubsubTopic: message.pubsubTopic,
    contentTopic: message.contentTopic,
    payload: bytesToBase64(message.payload),
    version: STATUS_MESSAGE_VERSION,
    timestamp,
    correlationId,
  }));
  for (const message of messages) {
    const parsed = parseJobData(QueueName.WAKU_OUTBOUND, message);
    // Built here from sealed bytes and checked topics: a refusal is a bug.
    if (!parsed.ok) throw parsed.error;
  }
  const definition = JobDefinitions[QueueName.WAKU_OUTBOUND];
  await context.outboundQueue.addBulk(
    messages.map((data, index) => ({
      name: definition.jobName(data),
      data,
      opts: { jobId: `${idPrefix}-${index}` },
    })),
  );
  return messages.length;
};
