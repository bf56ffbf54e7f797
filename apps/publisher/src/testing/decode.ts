// Reading what the publisher queued the way a Status app reads it off Waku: libs/protocol only.
import { symKeyFor } from '@status-communities/crypto';
import { unwrap } from '@status-communities/errors';
import type { DecodedStatusMessage, StatusMessageKeys } from '@status-communities/protocol';
import { SegmentAssembler, decodeStatusMessage } from '@status-communities/protocol';
import type { OutboundWakuMessage } from '@status-communities/queue';
import { base64ToBytes } from '@status-communities/queue';

/**
 * Decodes the messages of one pubsub topic in order, reassembling segments; returns the complete messages.
 * Throws on anything a receiver would drop.
 */
export const decodeMessages = (
  messages: readonly OutboundWakuMessage[],
  keys: StatusMessageKeys,
): DecodedStatusMessage[] => {
  const assembler = new SegmentAssembler();
  const decoded: DecodedStatusMessage[] = [];
  for (const message of messages) {
    const result = unwrap(
      decodeStatusMessage(base64ToBytes(message.payload), keys, {
        segments: { assembler, nowMs: Date.now() },
      }),
    );
    if (result.kind === 'encrypted') throw new Error('unexpected hash-ratchet message');
    if (result.kind === 'message') decoded.push(result);
  }
  return decoded;
};

/** Messages grouped by pubsub topic, in the order they were queued. */
export const byPubsubTopic = (
  messages: readonly OutboundWakuMessage[],
): Map<string, OutboundWakuMessage[]> => {
  const groups = new Map<string, OutboundWakuMessage[]>();
  for (const message of messages)
    groups.set(message.pubsubTopic, [...(groups.get(message.pubsubTopic) ?? []), message]);
  return groups;
};

/** The one complete message on `pubsubTopic`, decoded with the symmetric key of `chatId`. */
export const decodeOnly = (
  messages: readonly OutboundWakuMessage[],
  pubsubTopic: string,
  chatId: string,
): DecodedStatusMessage => {
  const onTopic = messages.filter((message) => message.pubsubTopic === pubsubTopic);
  const decoded = decodeMessages(onTopic, { symKey: symKeyFor(chatId) });
  if (decoded.length !== 1 || !decoded[0])
    throw new Error(`expected one message on ${pubsubTopic}, got ${decoded.length}`);
  return decoded[0];
};
