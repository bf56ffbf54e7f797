import { describe, expect, it } from '@jest/globals';
import {
  bytesToHex,
  bytesToPrefixedHex,
  hexToBytesOrThrow,
  keccak256,
  publicKeyFromPrivateKey,
} from '@status-communities/crypto';
import { ErrorCode, unwrap } from '@status-communities/errors';
import { encodeProto, status } from '@status-communities/proto';
import {
  applicationMessageTypeName,
  messageIdOf,
  unwrapApplicationMessage,
  wrapApplicationMessage,
} from './amm.js';
import { vectors, seededBytes } from './testing/fixtures.js';

const memberPriv = hexToBytesOrThrow(vectors.keys.member.private);
const bytes = hexToBytesOrThrow;

describe('wrapApplicationMessage', () => {
  it.each(vectors.applicationMetadataMessages.map((v) => [v.what, v] as const))(
    'signs and marshals the vector byte for byte: %s',
    (_what, vector) => {
      const amm = wrapApplicationMessage(vector.type, bytes(vector.payload), memberPriv);
      expect(bytesToHex(amm)).toBe(vector.ammBytes);
      expect(bytesToHex(keccak256(bytes(vector.payload)))).toBe(vector.keccak256Payload);
    },
  );

  it('round-trips any type and payload through unwrap with the signer and a matching ID', () => {
    const random = seededBytes(7);
    for (const type of [1, 25, 27, 57, 90]) {
      const payload = random(1 + type);
      const amm = wrapApplicationMessage(type, payload, memberPriv);
      const unwrapped = unwrap(unwrapApplicationMessage(amm));
      expect(unwrapped.type).toBe(type);
      expect(unwrapped.payload).toEqual(payload);
      expect(unwrapped.signer).toEqual(publicKeyFromPrivateKey(memberPriv));
      expect(unwrapped.messageId).toBe(messageIdOf(publicKeyFromPrivateKey(memberPriv), amm));
    }
  });
});

describe('unwrapApplicationMessage', () => {
  it.each(vectors.applicationMetadataMessages.map((v) => [v.what, v] as const))(
    'recovers the vector: %s',
    (_what, vector) => {
      const unwrapped = unwrap(unwrapApplicationMessage(bytes(vector.ammBytes)));
      expect(unwrapped.type).toBe(vector.type);
      expect(unwrapped.typeName).toBe(applicationMessageTypeName(vector.type));
      expect(bytesToHex(unwrapped.payload)).toBe(vector.payload);
      expect(bytesToHex(unwrapped.signature)).toBe(vector.signature);
      expect(unwrapped.signer && bytesToPrefixedHex(unwrapped.signer)).toBe(vector.signer);
      expect(unwrapped.messageId).toBe(vector.messageId);
    },
  );

  it('names the vector types as status-go does', () => {
    const [leave, chat] = vectors.applicationMetadataMessages;
    expect(unwrap(unwrapApplicationMessage(bytes(leave!.ammBytes))).typeName).toBe(
      'COMMUNITY_REQUEST_TO_LEAVE',
    );
    expect(unwrap(unwrapApplicationMessage(bytes(chat!.ammBytes))).typeName).toBe('CHAT_MESSAGE');
  });

  it('leaves the signer undefined for an unsigned AMM and hashes the AMM alone for its ID', () => {
    const [leave] = vectors.applicationMetadataMessages;
    const amm = encodeProto(status.ApplicationMetadataMessage, {
      payload: bytes(leave!.payload),
      type: leave!.type,
    });
    const unwrapped = unwrap(unwrapApplicationMessage(amm));
    expect(unwrapped.signer).toBeUndefined();
    expect(unwrapped.signature).toHaveLength(0);
    expect(unwrapped.messageId).toBe(bytesToPrefixedHex(keccak256(amm)));
  });

  it('recovers a different signer, hence a different ID, when the payload was changed after signing', () => {
    const [, chat] = vectors.applicationMetadataMessages;
    const decoded = status.ApplicationMetadataMessage.decode(bytes(chat!.ammBytes));
    const tampered = Uint8Array.from(decoded.payload);
    tampered[tampered.length - 1]! ^= 1;
    const amm = encodeProto(status.ApplicationMetadataMessage, { ...decoded, payload: tampered });
    const unwrapped = unwrapApplicationMessage(amm);
    if (unwrapped.ok) {
      expect(bytesToPrefixedHex(unwrapped.value.signer!)).not.toBe(chat!.signer);
      expect(unwrapped.value.messageId).not.toBe(chat!.messageId);
    } else {
      expect(unwrapped.error.code).toBe(ErrorCode.INVALID_SIGNATURE);
    }
  });

  it.each([
    ['64 bytes', (sig: Uint8Array) => sig.subarray(0, 64)],
    ['66 bytes', (sig: Uint8Array) => Uint8Array.of(...sig, 0)],
    ['recovery id 27', (sig: Uint8Array) => Uint8Array.of(...sig.subarray(0, 64), 27)],
    ['r = 0', (sig: Uint8Array) => Uint8Array.of(...new Uint8Array(32), ...sig.subarray(32))],
  ])('is INVALID_SIGNATURE for a signature of %s', (_name, corrupt) => {
    const [leave] = vectors.applicationMetadataMessages;
    const amm = encodeProto(status.ApplicationMetadataMessage, {
      signature: corrupt(bytes(leave!.signature)),
      payload: bytes(leave!.payload),
      type: leave!.type,
    });
    const result = unwrapApplicationMessage(amm);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(ErrorCode.INVALID_SIGNATURE);
  });

  it('is MALFORMED_PROTOBUF for truncated bytes', () => {
    const [leave] = vectors.applicationMetadataMessages;
    const result = unwrapApplicationMessage(bytes(leave!.ammBytes).subarray(0, 40));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(ErrorCode.MALFORMED_PROTOBUF);
  });

  it('ends every random input in a value or a typed error', () => {
    const random = seededBytes(0xa11);
    const codes = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const result = unwrapApplicationMessage(random(i % 300));
      if (!result.ok) codes.add(result.error.code);
    }
    expect(
      [...codes].every((c) => c === ErrorCode.MALFORMED_PROTOBUF || c === ErrorCode.INVALID_SIGNATURE),
    ).toBe(true);
    expect(codes.has(ErrorCode.MALFORMED_PROTOBUF)).toBe(true);
  });
});

describe('messageIdOf', () => {
  it('hashes the 65-byte signer then the AMM bytes', () => {
    for (const vector of vectors.applicationMetadataMessages)
      expect(messageIdOf(bytes(vector.signer), bytes(vector.ammBytes))).toBe(vector.messageId);
  });

  it('refuses a compressed signer key, which would give another ID than status-go', () => {
    const [leave] = vectors.applicationMetadataMessages;
    expect(() => messageIdOf(bytes(vectors.keys.member.compressed), bytes(leave!.ammBytes))).toThrow(
      RangeError,
    );
  });
});

describe('applicationMessageTypeName', () => {
  it('names defined types and marks the rest', () => {
    expect(applicationMessageTypeName(25)).toBe('COMMUNITY_DESCRIPTION');
    expect(applicationMessageTypeName(90)).toBe('COMMUNITY_SHARED_ADDRESSES_RESPONSE');
    expect(applicationMessageTypeName(14)).toBe('UNRECOGNIZED');
    expect(applicationMessageTypeName(1000)).toBe('UNRECOGNIZED');
    expect(applicationMessageTypeName(-1)).toBe('UNRECOGNIZED');
  });
});
