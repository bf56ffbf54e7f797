import { createHash } from 'node:crypto';
import type { waku } from '@status-communities/proto';
import { uint64ToBigInt } from '@status-communities/proto';

export type HashableMessage = Pick<
  waku.WakuMessage.$Properties,
  'payload' | 'contentTopic' | 'meta' | 'timestamp'
>;

const utf8 = new TextEncoder();

/** sint64 nanoseconds as 8 bytes big-endian (two's complement, as nwaku and go-waku write it). */
const timestampBytes = (timestamp: HashableMessage['timestamp']): Uint8Array => {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt.asUintN(64, uint64ToBigInt(timestamp)));
  return bytes;
};

/**
 * 14/WAKU2-MESSAGE deterministic message hash:
 * sha256(pubsub_topic ‖ payload ‖ content_topic ‖ meta ‖ timestamp). An absent meta adds nothing. An absent
 * timestamp is timestamp 0 (14/WAKU2-MESSAGE "Message Attributes") and is hashed as 8 zero bytes, as nwaku and
 * go-waku (the fleet and status-go) do; @waku/core 0.0.40 leaves it out instead, so only there do they differ.
 */
export const messageHash = (pubsubTopic: string, message: HashableMessage): Uint8Array =>
  Uint8Array.from(
    createHash('sha256')
      .update(utf8.encode(pubsubTopic))
      .update(message.payload ?? new Uint8Array())
      .update(utf8.encode(message.contentTopic ?? ''))
      .update(message.meta ?? new Uint8Array())
      .update(timestampBytes(message.timestamp))
      .digest(),
  );

/** The hash as lowercase hex: the one id of a message in queues, the database and logs. */
export const messageHashHex = (pubsubTopic: string, message: HashableMessage): string =>
  Buffer.from(messageHash(pubsubTopic, message)).toString('hex');
