import type { Result } from '@status-communities/errors';
import { ok } from '@status-communities/errors';
import type { ShardPublishKind, ShardProfile, ShardRef } from '@status-communities/protocol';
import {
  contentTopicForChatId,
  publishPubsubTopics,
  wakuTimestampNsFromMs,
} from '@status-communities/protocol';
import type { OutboundWakuMessage, QueueName, TypedQueue } from '@status-communities/queue';
import { JobDefinitions, bytesToBase64, parseJobData } from '@status-communities/queue';

/** 14/WAKU2-MESSAGE version 1: the payload is 26/WAKU2-PAYLOAD v1, as all Status traffic. */
const STATUS_MESSAGE_VERSION = 1;

/** One Waku message to publish, before it is stamped and queued. */
export interface WakuPayload {
  readonly pubsubTopic: string;
  readonly contentTopic: string;
  readonly payload: Uint8Array;
}

/** Where one kind of Status message goes. */
export interface Destination {
  readonly kind: ShardPublishKind;
  /** The chat ID whose content topic (and pbkdf2 key) the message uses. */
  readonly chatId: string;
  readonly communityShard: ShardRef | null;
  readonly profile: ShardProfile;
}

/** Every payload on every pubsub topic of the destination: the same bytes on each shard. */
export const routePayloads = (payloads: readonly Uint8Array[], destination: Destination): WakuPayload[] => {
  const contentTopic = contentTopicForChatId(destination.chatId);
  return publishPubsubTopics(destination.kind, destination.communityShard, destination.profile).flatMap(
    (pubsubTopic) => payloads.map((payload) => ({ pubsubTopic, contentTopic, payload })),
  );
};

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
 * Adds the messages as one batch with job ids `<idPrefix>-<n>`: a retried job that gets this far again
 * adds nothing new, so nothing is published twice. Each message is validated against the queue's schema
 * first, as `enqueue` would.
 */
export const enqueueOutbound = async (
  queue: TypedQueue<typeof QueueName.WAKU_OUTBOUND>,
  messages: readonly OutboundWakuMessage[],
  idPrefix: string,
): Promise<Result<number>> => {
  for (const message of messages) {
    const parsed = parseJobData(queue.name, message);
    if (!parsed.ok) return parsed;
  }
  const definition = JobDefinitions[queue.name];
  await queue.addBulk(
    messages.map((data, index) => ({
      name: definition.jobName(data),
      data,
      opts: { jobId: `${idPrefix}-${index}` },
    })),
  );
  return ok(messages.length);
};
