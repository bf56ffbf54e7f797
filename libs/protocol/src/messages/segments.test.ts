import { describe, expect, it } from '@jest/globals';
import { bytesToHex, concatBytes, hexToBytesOrThrow, keccak256 } from '@status-communities/crypto';
import { ErrorCode, unwrap } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { encodeProto, sds, status } from '@status-communities/proto';
import {
  DEFAULT_SEGMENT_SIZE,
  SegmentAssembler,
  parseSegmentMessage,
  splitIntoSegments,
} from './segments.js';
import type { MessageSegment, SegmentProgress } from './segments.js';
import { vectors, seededBytes } from './testing/fixtures.js';

const member = hexToBytesOrThrow(vectors.keys.member.uncompressed);
const other = hexToBytesOrThrow(vectors.keys.other.uncompressed);

const random = seededBytes(0x5e9);

/** Splits and parses back: the segments a receiver would see. */
const segmentsOf = (payload: Uint8Array, size: number): MessageSegment[] =>
  splitIntoSegments(payload, size).map((bytes) => {
    const segment = parseSegmentMessage(bytes);
    if (!segment) throw new Error('splitIntoSegments produced something that is not a segment');
    return segment;
  });

const value = (result: Result<SegmentProgress>): SegmentProgress => unwrap(result);
const errorOf = (result: Result<SegmentProgress>): { code: string; reason: unknown } => {
  if (result.ok) throw new Error(`expected a failure, got ${result.value.status}`);
  return { code: result.error.code, reason: result.error.details['reason'] };
};

describe('splitIntoSegments', () => {
  it('returns a payload that fits unchanged, not wrapped', () => {
    const payload = random(100);
    expect(splitIntoSegments(payload, 100)[0]).toBe(payload);
    expect(splitIntoSegments(payload)).toEqual([payload]);
  });

  it('uses status-go threshold MaxMessageSize/4*3 by default', () => {
    expect(DEFAULT_SEGMENT_SIZE).toBe(786432);
    const payload = new Uint8Array(DEFAULT_SEGMENT_SIZE + 1);
    const segments = segmentsOf(payload, DEFAULT_SEGMENT_SIZE);
    expect(segments.map((s) => s.payload.length)).toEqual([DEFAULT_SEGMENT_SIZE, 1]);
  });

  it('cuts into ceil(len/size) segments carrying the hash of the whole, index and count', () => {
    const payload = random(1000);
    const segments = segmentsOf(payload, 300);
    expect(segments).toHaveLength(4);
    segments.forEach((segment, index) => {
      expect(segment.entireMessageHash).toEqual(keccak256(payload));
      expect(segment.index).toBe(index);
      expect(segment.segmentsCount).toBe(4);
      expect(segment.paritySegmentsCount).toBe(0);
    });
    expect(concatBytes(...segments.map((s) => s.payload))).toEqual(payload);
  });

  it('marshals as protobuf-go does: zero index omitted, fields in number order', () => {
    const payload = random(5);
    const [first, second] = splitIntoSegments(payload, 3);
    const hash = bytesToHex(keccak256(payload));
    expect(bytesToHex(first!)).toBe(`0a20${hash}1802` + `2203${bytesToHex(payload.subarray(0, 3))}`);
    expect(bytesToHex(second!)).toBe(`0a20${hash}10011802` + `2202${bytesToHex(payload.subarray(3))}`);
  });

  it('refuses a segment size that is not a positive integer', () => {
    for (const size of [0, -1, 1.5, Number.NaN])
      expect(() => splitIntoSegments(random(10), size)).toThrow(RangeError);
  });
});

describe('parseSegmentMessage', () => {
  const hash = new Uint8Array(32).fill(1);
  const encode = (message: status.SegmentMessage.$Properties): Uint8Array =>
    encodeProto(status.SegmentMessage, message);

  it('does not take a bare AMM for a segment, although it parses as one with count = type', () => {
    for (const vector of vectors.applicationMetadataMessages) {
      const amm = hexToBytesOrThrow(vector.ammBytes);
      expect(status.SegmentMessage.decode(amm).segmentsCount).toBeGreaterThanOrEqual(1);
      expect(parseSegmentMessage(amm)).toBeUndefined();
    }
  });

  it('does not take a ProtocolMessage or an SDS message with a 32-character sender for a segment', () => {
    const amm = hexToBytesOrThrow(vectors.applicationMetadataMessages[1]!.ammBytes);
    expect(
      parseSegmentMessage(encodeProto(status.encryption.ProtocolMessage, { publicMessage: amm })),
    ).toBeUndefined();
    const sdsBytes = encodeProto(sds.Message, { senderId: 'x'.repeat(32), channelId: 'c', content: amm });
    expect(parseSegmentMessage(sdsBytes)).toBeUndefined();
  });

  it.each([
    [
      'a 31-byte hash',
      { entireMessageHash: hash.subarray(1), index: 0, segmentsCount: 2, payload: Uint8Array.of(1) },
    ],
    ['a single segment', { entireMessageHash: hash, index: 0, segmentsCount: 1, payload: Uint8Array.of(1) }],
    [
      'an index at the count',
      { entireMessageHash: hash, index: 2, segmentsCount: 2, payload: Uint8Array.of(1) },
    ],
    [
      'a parity index at the parity count',
      { entireMessageHash: hash, paritySegmentIndex: 1, paritySegmentsCount: 1, payload: Uint8Array.of(1) },
    ],
  ])('is not a segment with %s (status-go IsValid)', (_name, message) => {
    expect(parseSegmentMessage(encode(message))).toBeUndefined();
  });

  it('reads a parity segment', () => {
    const parity = parseSegmentMessage(
      encode({
        entireMessageHash: hash,
        paritySegmentIndex: 1,
        paritySegmentsCount: 2,
        payload: Uint8Array.of(9),
      }),
    );
    expect(parity).toMatchObject({ segmentsCount: 0, paritySegmentIndex: 1, paritySegmentsCount: 2 });
  });

  it('never throws on random bytes', () => {
    for (let i = 0; i < 3000; i++) {
      const bytes = random(i % 200);
      const segment = parseSegmentMessage(bytes);
      if (segment) expect(segment.entireMessageHash).toHaveLength(32);
    }
  });
});

describe('SegmentAssembler', () => {
  const payload = random(1000);
  const parts = segmentsOf(payload, 300);

  it('returns the whole payload once every segment is in, in order', () => {
    const assembler = new SegmentAssembler();
    const progress = parts.map((part) => value(assembler.add(part, member, 0)));
    expect(progress.slice(0, 3)).toEqual([
      { status: 'pending', received: 1, total: 4 },
      { status: 'pending', received: 2, total: 4 },
      { status: 'pending', received: 3, total: 4 },
    ]);
    expect(progress[3]).toEqual({ status: 'complete', payload });
    expect(assembler.pendingMessages).toBe(0);
    expect(assembler.pendingBytes).toBe(0);
  });

  it('reassembles out of order', () => {
    const assembler = new SegmentAssembler();
    for (const index of [2, 0, 3])
      expect(value(assembler.add(parts[index]!, member, 0)).status).toBe('pending');
    expect(value(assembler.add(parts[1]!, member, 0))).toEqual({ status: 'complete', payload });
  });

  it('counts a duplicate once and stays pending while a segment is missing', () => {
    const assembler = new SegmentAssembler();
    value(assembler.add(parts[0]!, member, 0));
    expect(value(assembler.add(parts[0]!, member, 0))).toEqual({
      status: 'duplicate',
      received: 1,
      total: 4,
    });
    value(assembler.add(parts[1]!, member, 0));
    expect(value(assembler.add(parts[3]!, member, 0))).toEqual({ status: 'pending', received: 3, total: 4 });
    expect(assembler.pendingBytes).toBe(700);
  });

  it('ignores every segment of a message it already completed, whoever sends it', () => {
    const assembler = new SegmentAssembler();
    for (const part of parts) value(assembler.add(part, member, 0));
    expect(value(assembler.add(parts[0]!, member, 1))).toEqual({ status: 'already-completed' });
    expect(value(assembler.add(parts[2]!, other, 1))).toEqual({ status: 'already-completed' });
    expect(assembler.pendingMessages).toBe(0);
  });

  it('keeps the segments of two signers apart', () => {
    const assembler = new SegmentAssembler();
    for (const part of parts.slice(0, 3)) value(assembler.add(part, member, 0));
    expect(value(assembler.add(parts[3]!, other, 0))).toEqual({ status: 'pending', received: 1, total: 4 });
    expect(value(assembler.add(parts[3]!, member, 0))).toEqual({ status: 'complete', payload });
  });

  it('fails with a hash mismatch when the reassembled bytes are not the announced ones, and forgets them', () => {
    const assembler = new SegmentAssembler();
    const forged = parts.map((part, index) =>
      index === 1 ? { ...part, payload: Uint8Array.from(part.payload, (b) => b ^ 1) } : part,
    );
    for (const part of forged.slice(0, 3)) value(assembler.add(part, member, 0));
    expect(errorOf(assembler.add(forged[3]!, member, 0))).toEqual({
      code: ErrorCode.INVALID_SEGMENT,
      reason: 'hash-mismatch',
    });
    expect(assembler.pendingMessages).toBe(0);
    // Not marked completed: the genuine segments still reassemble.
    for (const part of parts.slice(0, 3)) value(assembler.add(part, member, 0));
    expect(value(assembler.add(parts[3]!, member, 0))).toEqual({ status: 'complete', payload });
  });

  it.each([
    ['hash-length', { entireMessageHash: new Uint8Array(31) }],
    ['count', { segmentsCount: 1, index: 0 }],
    ['index', { index: 4 }],
    ['empty', { payload: new Uint8Array(0) }],
  ] as const)('refuses a segment with a bad %s', (reason, change) => {
    const result = new SegmentAssembler().add({ ...parts[0]!, ...change }, member, 0);
    expect(errorOf(result)).toEqual({ code: ErrorCode.INVALID_SEGMENT, reason });
  });

  it('refuses a segment whose count contradicts the earlier ones', () => {
    const assembler = new SegmentAssembler();
    value(assembler.add(parts[0]!, member, 0));
    expect(errorOf(assembler.add({ ...parts[1]!, segmentsCount: 5 }, member, 0))).toEqual({
      code: ErrorCode.INVALID_SEGMENT,
      reason: 'inconsistent-count',
    });
  });

  it('ignores parity segments and completes from the data segments alone', () => {
    const assembler = new SegmentAssembler();
    const parity: MessageSegment = {
      entireMessageHash: parts[0]!.entireMessageHash,
      index: 0,
      segmentsCount: 0,
      payload: random(300),
      paritySegmentIndex: 0,
      paritySegmentsCount: 1,
    };
    expect(value(assembler.add(parity, member, 0))).toEqual({ status: 'parity-ignored' });
    expect(assembler.pendingBytes).toBe(0);
    for (const part of parts.slice(0, 3)) value(assembler.add(part, member, 0));
    expect(value(assembler.add(parts[3]!, member, 0))).toEqual({ status: 'complete', payload });
  });

  describe('memory bounds', () => {
    const message = (seed: number): MessageSegment[] => segmentsOf(seededBytes(seed)(400), 100);

    it('drops the oldest pending message beyond maxPendingMessages', () => {
      const assembler = new SegmentAssembler({ maxPendingMessages: 2 });
      const [a, b, c] = [message(1), message(2), message(3)];
      value(assembler.add(a[0]!, member, 0));
      value(assembler.add(b[0]!, member, 0));
      value(assembler.add(c[0]!, member, 0));
      expect(assembler.pendingMessages).toBe(2);
      // a was dropped: its next segment starts over.
      expect(value(assembler.add(a[1]!, member, 0))).toEqual({ status: 'pending', received: 1, total: 4 });
      // c survived.
      expect(value(assembler.add(c[1]!, member, 0))).toEqual({ status: 'pending', received: 2, total: 4 });
    });

    it('drops the oldest messages to stay under maxPendingBytes', () => {
      const assembler = new SegmentAssembler({ maxPendingBytes: 450 });
      const [a, b] = [message(4), message(5)];
      for (const part of a.slice(0, 3)) value(assembler.add(part, member, 0));
      value(assembler.add(b[0]!, member, 0));
      value(assembler.add(b[1]!, member, 0));
      expect(assembler.pendingBytes).toBeLessThanOrEqual(450);
      expect(assembler.pendingMessages).toBe(1);
      expect(assembler.pendingBytes).toBe(200);
    });

    it('refuses a message that cannot fit the byte bound at all, and forgets it', () => {
      const assembler = new SegmentAssembler({ maxPendingBytes: 250 });
      const a = message(6);
      value(assembler.add(a[0]!, member, 0));
      value(assembler.add(a[1]!, member, 0));
      expect(errorOf(assembler.add(a[2]!, member, 0)).code).toBe(ErrorCode.OVERSIZED_MESSAGE);
      expect(assembler.pendingMessages).toBe(0);
      expect(assembler.pendingBytes).toBe(0);
    });

    it('refuses a message declaring more segments than maxSegmentsPerMessage', () => {
      const assembler = new SegmentAssembler({ maxSegmentsPerMessage: 3 });
      expect(errorOf(assembler.add(message(7)[0]!, member, 0)).code).toBe(ErrorCode.OVERSIZED_MESSAGE);
      expect(assembler.pendingMessages).toBe(0);
    });

    it('expires pending messages expiryMs after their first segment', () => {
      const assembler = new SegmentAssembler({ expiryMs: 1000 });
      const a = message(8);
      value(assembler.add(a[0]!, member, 0));
      expect(value(assembler.add(a[1]!, member, 999))).toEqual({ status: 'pending', received: 2, total: 4 });
      assembler.prune(1000);
      expect(assembler.pendingMessages).toBe(0);
      expect(value(assembler.add(a[2]!, member, 1000))).toEqual({ status: 'pending', received: 1, total: 4 });
    });

    it('forgets completed messages after expiryMs and beyond maxCompletedRemembered', () => {
      const assembler = new SegmentAssembler({ expiryMs: 1000, maxCompletedRemembered: 1 });
      const [a, b] = [message(9), message(10)];
      for (const part of a) value(assembler.add(part, member, 0));
      expect(value(assembler.add(a[0]!, member, 10))).toEqual({ status: 'already-completed' });
      for (const part of b) value(assembler.add(part, member, 20));
      // Only b is remembered now.
      expect(value(assembler.add(a[0]!, member, 30)).status).toBe('pending');
      expect(value(assembler.add(b[0]!, member, 30))).toEqual({ status: 'already-completed' });
      expect(value(assembler.add(b[0]!, member, 1020)).status).toBe('pending');
    });
  });

  it('refuses options that are not positive integers', () => {
    expect(() => new SegmentAssembler({ maxPendingMessages: 0 })).toThrow(RangeError);
    expect(() => new SegmentAssembler({ expiryMs: 1.5 })).toThrow(RangeError);
  });

  it('ends random segments in progress or a typed error', () => {
    const assembler = new SegmentAssembler({ maxPendingBytes: 10_000 });
    const codes = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const bytes = random(8);
      const segment: MessageSegment = {
        entireMessageHash: random(bytes[0]! % 2 === 0 ? 32 : bytes[1]! % 40),
        index: bytes[2]! % 6,
        segmentsCount: bytes[3]! % 6,
        payload: random(bytes[4]! % 50),
        paritySegmentIndex: bytes[5]! % 3,
        paritySegmentsCount: bytes[6]! % 3,
      };
      const result = assembler.add(segment, bytes[7]! % 2 ? member : other, i);
      if (!result.ok) codes.add(result.error.code);
    }
    expect([...codes].sort()).toEqual([ErrorCode.INVALID_SEGMENT]);
    expect(assembler.pendingBytes).toBeLessThanOrEqual(10_000);
  });
});
