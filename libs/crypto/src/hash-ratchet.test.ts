import { describe, expect, it } from '@jest/globals';
import {
  decryptGcmNonceFirst,
  decryptGcmNonceLast,
  encryptGcmNonceFirst,
  encryptGcmNonceLast,
} from './aes-gcm.js';
import { bytesToHex, utf8ToBytes } from './bytes.js';
import {
  hashRatchetKeyId,
  hashRatchetMemberMapKey,
  MAX_HASH_RATCHET_SEQ_NO_DELTA,
  messageKey,
  nextKeyTimestamp,
} from './hash-ratchet.js';
import { keccak256 } from './keccak.js';
import { ecdhSharedX } from './keys.js';
import { hex, vectors } from './testing/vectors.js';

const hr = vectors.hashRatchet;
const key = hex(hr.key);

describe('hash ratchet keys', () => {
  it('computes the vector keyID from groupID || uint64_LE(timestamp) || key', () => {
    expect(bytesToHex(hashRatchetKeyId(hex(hr.groupId), BigInt(hr.timestamp), key))).toBe(hr.keyId);
  });

  it('encodes the timestamp little-endian (a big-endian timestamp gives another ID)', () => {
    const beTimestamp = new Uint8Array(8);
    new DataView(beTimestamp.buffer).setBigUint64(0, BigInt(hr.timestamp), false);
    const bigEndianId = keccak256(new Uint8Array([...hex(hr.groupId), ...beTimestamp, ...key]));
    expect(bytesToHex(bigEndianId)).not.toBe(hr.keyId);
  });

  it('accepts a channel group ID (the UTF-8 chat ID)', () => {
    const channelGroup = utf8ToBytes(hr.groupId + '5f9c0b2e-1b7d-4c8a-9d51-6a3e2f0c7b14');
    expect(hashRatchetKeyId(channelGroup, 1n, key)).toHaveLength(32);
  });

  it.each(hr.messageKeys.map((m) => [m.seqNo, m.messageKey] as const))(
    'derives the message key for seqNo %i',
    (seqNo, expected) => {
      expect(bytesToHex(messageKey(key, seqNo))).toBe(expected);
    },
  );

  it('is keccak256 iterated: key(n + 1) = keccak256(key(n))', () => {
    expect(messageKey(key, 4)).toEqual(keccak256(messageKey(key, 3)));
    expect(messageKey(key, 1)).toEqual(keccak256(key));
  });

  it('refuses seqNo 0 (the unencrypted key-exchange message) and non-integers', () => {
    expect(() => messageKey(key, 0)).toThrow(RangeError);
    expect(() => messageKey(key, 1.5)).toThrow(RangeError);
    expect(MAX_HASH_RATCHET_SEQ_NO_DELTA).toBe(100000);
  });

  it('bumps key timestamps like status-go', () => {
    expect(nextKeyTimestamp(0n, 1_700_000_000_000n)).toBe(1_700_000_000_010n);
    expect(nextKeyTimestamp(1_700_000_000_000n, 1_700_000_000_000n)).toBe(1_700_000_000_001n);
    expect(nextKeyTimestamp(1_700_000_000_500n, 1_700_000_000_000n)).toBe(1_700_000_000_501n);
  });

  it('maps a member to uint32_LE(pub[1..4])', () => {
    const pub = hex(vectors.keys.member.uncompressed); // 04 7d b2 27 d7 …
    expect(hashRatchetMemberMapKey(pub)).toBe(0xd727b27d);
    expect(() => hashRatchetMemberMapKey(hex(vectors.keys.member.compressed))).toThrow(RangeError);
  });
});

describe('hash ratchet encryption', () => {
  it('encrypts a message with the seqNo key, nonce last, and decrypts it', () => {
    const body = utf8ToBytes('an encrypted channel message');
    const k1 = messageKey(key, 1);
    const sealed = encryptGcmNonceLast(body, k1);
    const opened = decryptGcmNonceLast(sealed, k1);
    expect(opened.ok && opened.value).toEqual(body);
    const wrongSeq = decryptGcmNonceLast(sealed, messageKey(key, 2));
    expect(!wrongSeq.ok && wrongSeq.error.code).toBe('DECRYPTION_FAILED');
  });

  it('wraps the group key for a member as a 60-byte nonce-first blob under the ECDH X coordinate', () => {
    const sender = hex(vectors.keys.community.private);
    const member = hex(vectors.keys.member.private);
    const senderSide = ecdhSharedX(sender, hex(vectors.keys.member.uncompressed));
    const memberSide = ecdhSharedX(member, hex(vectors.keys.community.uncompressed));
    if (!senderSide.ok || !memberSide.ok) throw new Error('ECDH failed');
    const blob = encryptGcmNonceFirst(key, senderSide.value);
    expect(blob).toHaveLength(60);
    const unwrapped = decryptGcmNonceFirst(blob, memberSide.value);
    expect(unwrapped.ok && unwrapped.value).toEqual(key);
  });
});
