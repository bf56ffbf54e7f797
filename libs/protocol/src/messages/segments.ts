// Segmentation of payloads too large for one Waku message. SG protocol/common/message_segmentation.go,
// [NEW] pkg/messaging/layers/segmentation/segmenter.go and message.go; status-wire.md §1.3.
//
// Senders here emit data segments only. status-go adds Reed-Solomon parity segments (rate 1/8, when data
// plus parity is at most 256) so a receiver can rebuild a few lost data segments; receivers do not need
// them. This assembler does not implement Reed-Solomon: it needs every data segment and ignores parity.
import { bytesToHex, equalBytes, keccak256 } from '@status-communities/crypto';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { decodeProto, encodeProto, status } from '@status-communities/proto';
import { findLengthDelimitedField } from './wire.js';

/**
 * status-go segments a payload larger than MaxMessageSize/4*3 into chunks of that size, with
 * MaxMessageSize = 1 MiB (SG wakuv2/common/const.go DefaultMaxMessageSize; message_sender.go segmentMessage).
 * Our gateway's smaller message limit means callers pass their own size.
 */
export const DEFAULT_SEGMENT_SIZE = ((1024 * 1024) / 4) * 3;

const ENTIRE_MESSAGE_HASH_FIELD = 1;
const KECCAK256_LENGTH = 32;

/** One received SegmentMessage. */
export interface MessageSegment {
  /** keccak256 of the whole payload; with the envelope signer, the reassembly key. */
  readonly entireMessageHash: Uint8Array;
  readonly index: number;
  /** Number of data segments; 0 on a parity segment. */
  readonly segmentsCount: number;
  readonly payload: Uint8Array;
  readonly paritySegmentIndex: number;
  readonly paritySegmentsCount: number;
}

/**
 * Reads a SegmentMessage when the bytes are one, by status-go's rule: a 32-byte hash, index below the
 * count, parity index below the parity count, and at least 2 data segments or some parity. Anything else
 * is not a segment and goes on to the next layer unchanged. The hash test matters: a bare AMM parses as a
 * SegmentMessage whose count is the AMM type, but its field 1 is a 65-byte signature.
 * SG [NEW] pkg/messaging/layers/segmentation/message.go IsValid, segmenter.go Reconstruct.
 */
export const parseSegmentMessage = (bytes: Uint8Array): MessageSegment | undefined => {
  const hash = findLengthDelimitedField(bytes, ENTIRE_MESSAGE_HASH_FIELD);
  if (!hash || hash.end - hash.start !== KECCAK256_LENGTH) return undefined;
  const decoded = decodeProto<status.SegmentMessage>(status.SegmentMessage, bytes);
  if (!decoded.ok) return undefined;
  const { entireMessageHash, index, segmentsCount, payload, paritySegmentIndex, paritySegmentsCount } =
    decoded.value;
  if (segmentsCount > 0 && index >= segmentsCount) return undefined;
  if (paritySegmentsCount > 0 && paritySegmentIndex >= paritySegmentsCount) return undefined;
  if (segmentsCount < 2 && paritySegmentsCount === 0) return undefined;
  return { entireMessageHash, index, segmentsCount, payload, paritySegmentIndex, paritySegmentsCount };
};

/**
 * The SegmentMessages to send for a payload, each to go into its own Waku payload (after any
 * ProtocolMessage wrapping, before envelope encryption). A payload of at most `maxSegmentSize` bytes is
 * returned as is, unwrapped, as status-go does.
 * SG protocol/common/message_segmentation.go segmentMessage (data segments; no parity, see above).
 */
export const splitIntoSegments = (
  payload: Uint8Array,
  maxSegmentSize: number = DEFAULT_SEGMENT_SIZE,
): Uint8Array[] => {
  if (!Number.isSafeInteger(maxSegmentSize) || maxSegmentSize < 1)
    throw new RangeError(`maxSegmentSize must be a positive integer, got ${maxSegmentSize}`);
  if (payload.length <= maxSegmentSize) return [payload];
  const entireMessageHash = keccak256(payload);
  const segmentsCount = Math.ceil(payload.length / maxSegmentSize);
  const segments: Uint8Array[] = [];
  for (let index = 0; index < segmentsCount; index++) {
    const chunk = payload.subarray(index * maxSegmentSize, (index + 1) * maxSegmentSize);
    segments.push(
      encodeProto(
        status.SegmentMessage,
        status.SegmentMessage.create({ entireMessageHash, index, segmentsCount, payload: chunk }),
      ),
    );
  }
  return segments;
};

export interface SegmentAssemblerOptions {
  /** Most messages being reassembled at once; the oldest is dropped beyond (default 128). */
  readonly maxPendingMessages?: number;
  /** Most data segments one message may declare (default 256). */
  readonly maxSegmentsPerMessage?: number;
  /** Most segment bytes held over all pending messages; the oldest messages are dropped beyond (default 64 MiB). */
  readonly maxPendingBytes?: number;
  /** A message not completed this long after its first segment is dropped (default 1 hour). */
  readonly expiryMs?: number;
  /** How many completed message hashes are remembered, so late copies are ignored (default 1024). */
  readonly maxCompletedRemembered?: number;
}

/** What happened to a segment handed to the assembler. */
export type SegmentProgress =
  | { readonly status: 'pending'; readonly received: number; readonly total: number }
  | { readonly status: 'duplicate'; readonly received: number; readonly total: number }
  | { readonly status: 'complete'; readonly payload: Uint8Array }
  /** Its message was already reassembled (status-go ErrMessageSegmentsAlreadyCompleted). */
  | { readonly status: 'already-completed' }
  /** A Reed-Solomon parity segment: not needed when every data segment arrives, and not stored. */
  | { readonly status: 'parity-ignored' };

interface PendingMessage {
  readonly hash: Uint8Array;
  readonly hashHex: string;
  readonly segmentsCount: number;
  readonly parts: (Uint8Array | undefined)[];
  readonly firstSeenMs: number;
  received: number;
  bytes: number;
}

const positiveInteger = (name: string, value: number): number => {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
};

const invalidSegment = (reason: string, message: string): Result<never> =>
  fail(ErrorCode.INVALID_SEGMENT, message, { reason });

/**
 * Collects segments per (entire_message_hash, envelope signer) and returns the whole payload once every
 * data segment is in and its keccak256 matches. Memory is bounded by message count, segment count and
 * bytes; stale messages expire. A pure data structure: the caller supplies the time.
 */
export class SegmentAssembler {
  readonly maxPendingMessages: number;
  readonly maxSegmentsPerMessage: number;
  readonly maxPendingBytes: number;
  readonly expiryMs: number;
  readonly maxCompletedRemembered: number;

  // Insertion order is arrival order, so the first entries are the oldest.
  private readonly pending = new Map<string, PendingMessage>();
  private readonly completed = new Map<string, number>();
  private heldBytes = 0;

  constructor(options: SegmentAssemblerOptions = {}) {
    this.maxPendingMessages = positiveInteger('maxPendingMessages', options.maxPendingMessages ?? 128);
    this.maxSegmentsPerMessage = positiveInteger(
      'maxSegmentsPerMessage',
      options.maxSegmentsPerMessage ?? 256,
    );
    this.maxPendingBytes = positiveInteger('maxPendingBytes', options.maxPendingBytes ?? 64 * 1024 * 1024);
    this.expiryMs = positiveInteger('expiryMs', options.expiryMs ?? 60 * 60 * 1000);
    this.maxCompletedRemembered = positiveInteger(
      'maxCompletedRemembered',
      options.maxCompletedRemembered ?? 1024,
    );
  }

  /** Messages being reassembled. */
  get pendingMessages(): number {
    return this.pending.size;
  }

  /** Segment payload bytes held. */
  get pendingBytes(): number {
    return this.heldBytes;
  }

  /**
   * Adds a segment sent by `signer` (the envelope signer). Malformed segments are INVALID_SEGMENT; a message
   * declaring more segments, or more bytes, than the bounds allow is OVERSIZED_MESSAGE.
   */
  add(segment: MessageSegment, signer: Uint8Array, nowMs: number): Result<SegmentProgress> {
    this.prune(nowMs);
    const { entireMessageHash, index, segmentsCount, payload } = segment;
    if (entireMessageHash.length !== KECCAK256_LENGTH)
      return invalidSegment('hash-length', 'entire_message_hash must be 32 bytes');
    const hashHex = bytesToHex(entireMessageHash);
    // Completion is remembered per hash alone, as status-go does (IsMessageAlreadyCompleted).
    if (this.completed.has(hashHex)) return ok({ status: 'already-completed' });
    if (segmentsCount === 0 && segment.paritySegmentsCount > 0) return ok({ status: 'parity-ignored' });
    if (segmentsCount < 2) return invalidSegment('count', 'a segmented message has at least 2 segments');
    if (!Number.isSafeInteger(index) || index < 0 || index >= segmentsCount)
      return invalidSegment('index', `segment index ${index} is not below the count ${segmentsCount}`);
    if (segmentsCount > this.maxSegmentsPerMessage)
      return fail(ErrorCode.OVERSIZED_MESSAGE, `message declares ${segmentsCount} segments`, {
        segmentsCount,
        maxSegmentsPerMessage: this.maxSegmentsPerMessage,
      });
    if (payload.length === 0) return invalidSegment('empty', 'segment payload is empty');

    const key = `${hashHex}:${bytesToHex(signer)}`;
    let entry = this.pending.get(key);
    if (entry && entry.segmentsCount !== segmentsCount)
      return invalidSegment('inconsistent-count', 'segments of one message declare different counts');
    if (entry?.parts[index])
      return ok({ status: 'duplicate', received: entry.received, total: segmentsCount });

    if ((entry?.bytes ?? 0) + payload.length > this.maxPendingBytes) {
      if (entry) this.drop(key, entry);
      return fail(ErrorCode.OVERSIZED_MESSAGE, 'segmented message exceeds the reassembly byte limit', {
        maxPendingBytes: this.maxPendingBytes,
      });
    }
    if (!entry) {
      entry = {
        hash: entireMessageHash.slice(),
        hashHex,
        segmentsCount,
        parts: new Array<Uint8Array | undefined>(segmentsCount),
        firstSeenMs: nowMs,
        received: 0,
        bytes: 0,
      };
      this.pending.set(key, entry);
    }
    this.makeRoom(key, payload.length);

    // A copy, so the held bytes are exactly what is counted and the caller's buffers are not retained.
    entry.parts[index] = payload.slice();
    entry.received++;
    entry.bytes += payload.length;
    this.heldBytes += payload.length;
    if (entry.received < segmentsCount)
      return ok({ status: 'pending', received: entry.received, total: segmentsCount });

    this.drop(key, entry);
    return this.complete(entry, nowMs);
  }

  /** Drops messages whose first segment is older than the expiry, and expired completion records. */
  prune(nowMs: number): void {
    for (const [key, entry] of this.pending)
      if (nowMs - entry.firstSeenMs >= this.expiryMs) this.drop(key, entry);
    for (const [hashHex, completedMs] of this.completed)
      if (nowMs - completedMs >= this.expiryMs) this.completed.delete(hashHex);
  }

  private complete(entry: PendingMessage, nowMs: number): Result<SegmentProgress> {
    const whole = new Uint8Array(entry.bytes);
    let offset = 0;
    for (const part of entry.parts) {
      // Every index is filled once received === segmentsCount.
      if (!part) throw new Error('segment missing from a complete message');
      whole.set(part, offset);
      offset += part.length;
    }
    // SG message_segmentation.go: ErrMessageSegmentsHashMismatch.
    if (!equalBytes(keccak256(whole), entry.hash))
      return invalidSegment('hash-mismatch', 'reassembled payload does not match entire_message_hash');
    this.rememberCompleted(entry.hashHex, nowMs);
    return ok({ status: 'complete', payload: whole });
  }

  /** Evicts the oldest other messages until `incoming` more bytes and this message fit the bounds. */
  private makeRoom(keep: string, incoming: number): void {
    for (const [key, entry] of this.pending) {
      if (this.heldBytes + incoming <= this.maxPendingBytes && this.pending.size <= this.maxPendingMessages)
        return;
      if (key !== keep) this.drop(key, entry);
    }
  }

  private drop(key: string, entry: PendingMessage): void {
    if (this.pending.delete(key)) this.heldBytes -= entry.bytes;
  }

  private rememberCompleted(hashHex: string, atMs: number): void {
    this.completed.set(hashHex, atMs);
    if (this.completed.size > this.maxCompletedRemembered) {
      const oldest = this.completed.keys().next();
      if (!oldest.done) this.completed.delete(oldest.value);
    }
  }
}
