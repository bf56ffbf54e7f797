import { describe, expect, it } from '@jest/globals';
import { bytesToHex, hexToBytesOrThrow } from '@status-communities/crypto';
import { encodeProto, status } from '@status-communities/proto';
import { seededBytes, vectors } from './testing/fixtures.js';
import { findLengthDelimitedField, hasLengthDelimitedField } from './wire.js';

const [leave] = vectors.applicationMetadataMessages;
const amm = hexToBytesOrThrow(leave!.ammBytes);
const slice = (bytes: Uint8Array, field: number): string | undefined => {
  const span = findLengthDelimitedField(bytes, field);
  return span && bytesToHex(bytes.subarray(span.start, span.end));
};

describe('findLengthDelimitedField', () => {
  it('finds the signature and payload of an AMM, and nothing at the ProtocolMessage or SDS numbers', () => {
    expect(slice(amm, 1)).toBe(leave!.signature);
    expect(slice(amm, 2)).toBe(leave!.payload);
    // Field 3 (type) is a varint, not length-delimited.
    expect(findLengthDelimitedField(amm, 3)).toBeUndefined();
    for (const field of [20, 101, 102]) expect(hasLengthDelimitedField(amm, field)).toBe(false);
  });

  it('finds public_message in a ProtocolMessage with installation ID and bundles before it', () => {
    const wrapped = encodeProto(status.encryption.ProtocolMessage, {
      installationId: 'e9f4a0d6-0b9b-4a56-8d5c-2b3c4d5e6f70',
      bundles: [
        { identity: new Uint8Array(33).fill(2), signature: new Uint8Array(65).fill(1), timestamp: 5 },
      ],
      publicMessage: amm,
    });
    expect(slice(wrapped, 102)).toBe(leave!.ammBytes);
    expect(hasLengthDelimitedField(wrapped, 101)).toBe(false);
  });

  it('keeps the last occurrence, as protobuf-go does for a singular field', () => {
    // field 5 "ab", field 5 "cd"
    const bytes = Uint8Array.of(0x2a, 1, 0xab, 0x2a, 1, 0xcd);
    expect(slice(bytes, 5)).toBe('cd');
  });

  it('skips fixed-width fields and well-formed groups', () => {
    // field 1 fixed64, field 2 fixed32, group 3 { field 1 varint 7, group 4 {} }, field 5 "z"
    const bytes = Uint8Array.of(
      ...[0x09, 1, 2, 3, 4, 5, 6, 7, 8],
      ...[0x15, 1, 2, 3, 4],
      ...[0x1b, 0x08, 7, 0x23, 0x24, 0x1c],
      ...[0x2a, 1, 0x7a],
    );
    expect(slice(bytes, 5)).toBe('7a');
  });

  it('accepts the largest field number, 2^29-1', () => {
    const bytes = Uint8Array.of(0xfa, 0xff, 0xff, 0xff, 0x0f, 1, 0x99);
    expect(slice(bytes, 0x1fffffff)).toBe('99');
  });

  it('accepts a ten-byte varint whose last byte is 1, the largest uint64', () => {
    const bytes = Uint8Array.of(0x08, ...new Array<number>(9).fill(0xff), 0x01, 0x12, 0);
    expect(slice(bytes, 2)).toBe('');
  });

  it.each([
    ['a length past the end', [0x0a, 5, 1, 2]],
    ['a truncated varint', [0x08, 0x80]],
    ['a varint longer than ten bytes', [0x08, ...new Array<number>(10).fill(0x80), 0]],
    ['a tenth varint byte above 1', [0x08, ...new Array<number>(9).fill(0xff), 0x02]],
    ['field number 0', [0x02, 0]],
    ['wire type 6', [0x0e, 0]],
    ['wire type 7', [0x0f, 0]],
    ['an end-group tag without a group', [0x0c]],
    ['a group closed by another field number', [0x0b, 0x14]],
    ['an unterminated group', [0x0b, 0x08, 1]],
    ['a truncated fixed64', [0x09, 1, 2, 3]],
    ['a field number above 2^29-1', [0x80, 0x80, 0x80, 0x80, 0x10, 0]],
  ])('treats %s as not protobuf, even after the wanted field', (_name, tail) => {
    const bytes = Uint8Array.of(0xb2, 0x06, 1, 0xaa, ...tail);
    // Without the tail the field is found; with it the bytes are malformed and protobuf-go would refuse them.
    expect(hasLengthDelimitedField(Uint8Array.of(0xb2, 0x06, 1, 0xaa), 102)).toBe(true);
    expect(findLengthDelimitedField(bytes, 102)).toBeUndefined();
  });

  it('refuses deeply nested groups', () => {
    const depth = 100;
    const bytes = Uint8Array.of(
      ...new Array<number>(depth).fill(0x0b),
      ...new Array<number>(depth).fill(0x0c),
    );
    expect(findLengthDelimitedField(bytes, 1)).toBeUndefined();
  });

  it('never throws on random bytes and only returns spans inside them', () => {
    const random = seededBytes(0x3c0ffee);
    let found = 0;
    for (let i = 0; i < 5000; i++) {
      const bytes = random(i % 64);
      const span = findLengthDelimitedField(bytes, 1 + (i % 3));
      if (!span) continue;
      found++;
      expect(0 <= span.start && span.start <= span.end && span.end <= bytes.length).toBe(true);
    }
    expect(found).toBeGreaterThan(0);
  });

  it('treats empty bytes as a message without fields', () => {
    expect(findLengthDelimitedField(new Uint8Array(0), 1)).toBeUndefined();
  });
});
