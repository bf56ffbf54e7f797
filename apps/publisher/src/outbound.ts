import type { Result } from '@status-communities/errors';
import { ok } from '@status-communities/errors';
import type {
  EncodedStatusMessage,
  ShardPublishKind,
  ShardProfile,
  ShardRef,
} from '@status-communities/protocol';
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

/**
 * Encodes a message once per pubsub topic of the destination. Each encoding has its own envelope nonce and
 * padding (the signed AMM inside is the same bytes, RFC 6979): identical Waku messages on two shards would
 * share one gossipsub message id, and a relay on both shards would drop the second as a duplicate. status-web
 * likewise encrypts anew for each of its shards.
 */
export const encodeForDestination = (
  destination: Destination,
  encode: () => Result<EncodedStatusMessage>,
): Result<{ readonly encoded: EncodedStatusMessage; readonly messages: WakuPayload[] }> => {
  const contentTopic = contentTopicForChatId(destination.chatId);
  const messages: WakuPayload[] = [];
  let first: EncodedStatusMessage | undefined;
  for (const pubsubTopic of publishPubsubTopics(
    destination.kind,
    destination.communityShard,
    destination.profile,
  )) {
    const encoded = encode();
    if (!encoded.ok) return encoded;
    first ??= encoded.value;
    messages.push(...encoded.value.payloads.map((payload) => ({ pubsubTopic, contentTopic, payload })));
  }
  // A shard profile always names at least one shard (makeShardProfile refuses an empty list).
  if (!first) throw new Error(`no pubsub topic for ${destination.kind}`);
  return ok({ encoded: first, messages });
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
