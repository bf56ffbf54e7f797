import { createHash } from 'node:crypto';
import {
  compressPublicKey,
  concatBytes,
  keccak256,
  toPlainBytes,
  utf8ToBytes,
} from '@status-communities/crypto';
import type { Result } from '@status-communities/errors';
import { ok } from '@status-communities/errors';
import { bigIntToInt64, decodeProto, encodeProto, status, uint64ToBigInt } from '@status-communities/proto';

// MVDS as the Status app runs it for 1:1 chats (BATCH mode: messages sent directly, acks back).
// SG protocol/datasync/utils.go ToOneToOneGroupID, datasync.go Unwrap, transport.go CalculateSendTime;
// vendor mvds/protobuf/messageid.go, mvds/node/node.go. one-to-one.md §3.3.

/** The app stops re-sending after this many sends (about 10 days). */
export const MVDS_MAX_SEND_COUNT = 15;
/** One MVDS epoch. */
export const MVDS_EPOCH_MS = 300;

const MESSAGE_ID_PREFIX = utf8ToBytes('MESSAGE_ID');

export interface MvdsMessage {
  readonly groupId: Uint8Array;
  /** Unix seconds. */
  readonly timestamp: bigint;
  /** The AMM bytes. */
  readonly body: Uint8Array;
}

export interface ReceivedMvdsMessage extends MvdsMessage {
  /** Its MVDS id: what to acknowledge. */
  readonly id: Uint8Array;
}

const xOf = (compressed: Uint8Array): bigint => {
  let x = 0n;
  for (const byte of compressed.subarray(1)) x = (x << 8n) | BigInt(byte);
  return x;
};

/** keccak256(compressed key with the smaller X ‖ the other): the same group for both peers. */
export const oneToOneGroupId = (keyA: Uint8Array, keyB: Uint8Array): Result<Uint8Array> => {
  const a = compressPublicKey(keyA);
  if (!a.ok) return a;
  const b = compressPublicKey(keyB);
  if (!b.ok) return b;
  const [low, high] = xOf(a.value) < xOf(b.value) ? [a.value, b.value] : [b.value, a.value];
  return ok(keccak256(concatBytes(low, high)));
};

/** sha256("MESSAGE_ID" ‖ group_id ‖ LE64(timestamp) ‖ body). */
export const mvdsMessageId = (message: MvdsMessage): Uint8Array => {
  const timestamp = new Uint8Array(8);
  new DataView(timestamp.buffer).setBigUint64(0, BigInt.asUintN(64, message.timestamp), true);
  return toPlainBytes(
    createHash('sha256')
      .update(MESSAGE_ID_PREFIX)
      .update(message.groupId)
      .update(timestamp)
      .update(message.body)
      .digest(),
  );
};

/** A payload carrying messages and, optionally, acks of what we received. */
export const encodeMvdsPayload = ({
  messages = [],
  acks = [],
}: {
  readonly messages?: readonly MvdsMessage[];
  readonly acks?: readonly Uint8Array[];
}): Uint8Array =>
  encodeProto(
    status.mvds.Payload,
    status.mvds.Payload.create({
      acks: [...acks],
      messages: messages.map((m) => ({
        groupId: m.groupId,
        timestamp: bigIntToInt64(m.timestamp),
        body: m.body,
      })),
    }),
  );

export type UnwrappedDatasync =
  | {
      readonly kind: 'mvds';
      readonly acks: readonly Uint8Array[];
      readonly messages: readonly ReceivedMvdsMessage[];
    }
  /** Not MVDS: the bytes are the AMM itself (the app also accepts bare AMMs). */
  | { readonly kind: 'bare'; readonly bytes: Uint8Array };

/**
 * status-go's datasync Unwrap: the decrypted bytes are MVDS when they parse as a Payload with at least one
 * non-empty list; otherwise they are passed on unchanged. Never fails: anything else is "bare".
 */
export const unwrapDatasync = (bytes: Uint8Array): UnwrappedDatasync => {
  const decoded = decodeProto<status.mvds.Payload>(status.mvds.Payload, bytes);
  if (!decoded.ok) return { kind: 'bare', bytes };
  const p = decoded.value;
  const valid =
    p.acks.length > 0 ||
    p.offers.length > 0 ||
    p.requests.length > 0 ||
    p.messages.length > 0 ||
    p.groupOffers.length > 0;
  if (!valid) return { kind: 'bare', bytes };
  return {
    kind: 'mvds',
    acks: p.acks,
    messages: p.messages.map((m) => {
      const message = {
        groupId: m.groupId ?? new Uint8Array(0),
        timestamp: uint64ToBigInt(m.timestamp),
        body: m.body ?? new Uint8Array(0),
      };
      return { ...message, id: mvdsMessageId(message) };
    }),
  };
};

/**
 * Delay before re-send number `sendCount` + 1 as the app computes it: 2^(sendCount−1)·90 epochs plus a
 * jitter of 0..29 epochs, 300 ms each; null once MVDS_MAX_SEND_COUNT sends are done.
 */
export const mvdsResendDelayMs = (sendCount: number, jitterEpochs: number): number | null => {
  if (sendCount >= MVDS_MAX_SEND_COUNT) return null;
  const epochs = 2 ** Math.max(sendCount - 1, 0) * 90 + Math.min(Math.max(Math.floor(jitterEpochs), 0), 29);
  return epochs * MVDS_EPOCH_MS;
};
