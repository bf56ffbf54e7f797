import { describe, expect, it } from '@jest/globals';
import {
  decryptGcmNonceFirst,
  decryptGcmNonceLast,
  encryptGcmNonceFirst,
  encryptGcmNonceLast,
} from './aes-gcm.js';
import { bytesToHex, utf8ToBytes } from './bytes.js';
import {
  advanceMessageKey,
  decryptWithHashRatchet,
  deprecatedHashRatchetKeyId,
  encryptWithHashRatchet,
  generateHashRatchetKey,
  hashRatchetKeyId,
  hashRatchetMemberMapKey,
  keyIdOf,
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

// encrypted-communities.md §7.2 COMPUTED vectors: community key 01×32, hrKey 04×32, ts 1700000000000.
describe('hash ratchet: encrypted-communities.md vectors', () => {
  const communityId = hex('031b84c5567b126440995d3ed5aaba0565d71e1834604819ff9c17f5e9d5dd078f');
  const channelUuid = 'c0ffee00-0000-4000-8000-000000000001';
  const hrKey = new Uint8Array(32).fill(4);
  const timestamp = 1_700_000_000_000n;
  const nonce = hex('000102030405060708090a0b');

  it('keyId of the community group (33 raw bytes) and of the channel group (UTF-8 chat ID)', () => {
    expect(bytesToHex(hashRatchetKeyId(communityId, timestamp, hrKey))).toBe(
      'd62266671543e1ca75fbfe0dece3e9390967578d2ceb8bee1edc36e78e476334',
    );
    const channelGroup = utf8ToBytes('0x' + bytesToHex(communityId) + channelUuid);
    expect(bytesToHex(keyIdOf({ groupId: channelGroup, key: hrKey, timestampMs: timestamp }))).toBe(
      'd850861aa67ac4a7a8890f6768a35f837e8c285bfe7ee13bdf79c3b2a9596fbf',
    );
  });

  it('deprecated key id = uint32(timestamp) = 3487918080', () => {
    expect(deprecatedHashRatchetKeyId(timestamp)).toBe(3487918080);
    expect(deprecatedHashRatchetKeyId(0x1_0000_0005n)).toBe(5);
  });

  it('chain k1, k2, k3 = keccak256ⁿ(key), also reached by hashing forward from a cached k_n', () => {
    const chain = [
      'b8bf1e33d35d228e8bf8fabdd5a4f9014038829dd90dbf59127ca095ad65c7cc',
      'ab2d50f09b2cda9b97030b838937fefc0a7a0bebb429b3107e22a752c0390682',
      '789aefe5d5b2cf666c40673e25a2b4aa048c4344054d6c26e473288826e7e3e4',
    ];
    chain.forEach((expected, index) => expect(bytesToHex(messageKey(hrKey, index + 1))).toBe(expected));
    expect(bytesToHex(advanceMessageKey(hrKey, 0, 3))).toBe(chain[2]);
    expect(bytesToHex(advanceMessageKey(messageKey(hrKey, 1), 1, 3))).toBe(chain[2]);
    expect(() => advanceMessageKey(hrKey, 3, 3)).toThrow(RangeError);
  });

  it('EncryptSymmetric(k1, "hello community", nonce) = ct ‖ tag ‖ nonce', () => {
    const sealed = encryptWithHashRatchet(hrKey, 1, utf8ToBytes('hello community'), nonce);
    expect(bytesToHex(sealed)).toBe(
      '4529a815408748265e6e8ae0362f332566f0973036deb9df63c3b42ff3cbe9000102030405060708090a0b',
    );
    const opened = decryptWithHashRatchet(hrKey, 1, sealed);
    expect(opened.ok && new TextDecoder().decode(opened.value)).toBe('hello community');
  });

  it('round-trips at the highest seq_no status-go accepts', () => {
    const body = utf8ToBytes('late message');
    const sealed = encryptWithHashRatchet(hrKey, MAX_HASH_RATCHET_SEQ_NO_DELTA, body);
    const opened = decryptWithHashRatchet(hrKey, MAX_HASH_RATCHET_SEQ_NO_DELTA, sealed);
    expect(opened.ok && opened.value).toEqual(body);
  });

  it('refuses typed: seq_no > 100000, seq_no 0, wrong seq_no, wrong key, truncated, wrong tag', () => {
    const sealed = encryptWithHashRatchet(hrKey, 2, utf8ToBytes('x'), nonce);
    const codeOf = (result: ReturnType<typeof decryptWithHashRatchet>) => !result.ok && result.error.code;
    expect(codeOf(decryptWithHashRatchet(hrKey, 100_001, sealed))).toBe('HASH_RATCHET_SEQ_NO_TOO_HIGH');
    expect(codeOf(decryptWithHashRatchet(hrKey, 0, sealed))).toBe('MALFORMED_PAYLOAD');
    expect(codeOf(decryptWithHashRatchet(hrKey, 3, sealed))).toBe('DECRYPTION_FAILED');
    expect(codeOf(decryptWithHashRatchet(new Uint8Array(32).fill(5), 2, sealed))).toBe('DECRYPTION_FAILED');
    expect(codeOf(decryptWithHashRatchet(hrKey, 2, sealed.subarray(0, 27)))).toBe('MALFORMED_PAYLOAD');
    const tampered = sealed.slice();
    tampered[1] = (tampered[1] ?? 0) ^ 1; // inside the tag (1-byte ciphertext)
    expect(codeOf(decryptWithHashRatchet(hrKey, 2, tampered))).toBe('DECRYPTION_FAILED');
    expect(() => encryptWithHashRatchet(hrKey, 100_001, sealed)).toThrow(RangeError);
  });

  it('generates a 32-byte key timestamped after the previous one', () => {
    const first = generateHashRatchetKey(communityId, timestamp);
    expect(first.key).toHaveLength(32);
    expect(first.timestampMs).toBe(timestamp + 10n);
    const second = generateHashRatchetKey(communityId, timestamp, first.timestampMs);
    expect(second.timestampMs).toBe(first.timestampMs + 1n);
    expect(second.key).not.toEqual(first.key);
  });
});
