import type { Result } from '@status-communities/errors';
import { err, ok } from '@status-communities/errors';
import { decodeProto, waku } from '@status-communities/proto';
import type { Clock, MessageDrop } from './limits.js';
import { DropReason, checkPublishable, checkRelayable, checkSize } from './limits.js';

/** Bytes from a peer: size first (cheap), then decoding, then 11/WAKU2-RELAY rules. */
export const decodeRelayed = (bytes: Uint8Array): Result<waku.WakuMessage, MessageDrop> => {
  const size = checkSize(bytes.length);
  if (!size.ok) return size;
  const decoded = decodeProto<waku.WakuMessage>(waku.WakuMessage, bytes);
  if (!decoded.ok) return err({ reason: DropReason.UNDECODABLE, detail: decoded.error.message });
  const relayable = checkRelayable(decoded.value, bytes.length);
  return relayable.ok ? decoded : relayable;
};

/** A message of ours: encoded, then checked against what the fleet relays and stores. */
export const encodePublishable = (
  message: waku.WakuMessage.$Properties,
  clock: Clock,
): Result<Uint8Array, MessageDrop> => {
  const bytes = waku.WakuMessage.encode(message).finish();
  const publishable = checkPublishable(message, bytes.length, clock);
  return publishable.ok ? ok(bytes) : publishable;
};
