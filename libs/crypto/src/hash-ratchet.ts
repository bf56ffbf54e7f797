import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { decryptGcmNonceLast, encryptGcmNonceLast } from './aes-gcm.js';
import { concatBytes } from './bytes.js';
import { keccak256 } from './keccak.js';
import { UNCOMPRESSED_PUBLIC_KEY_LENGTH, generatePrivateKey } from './keys.js';

// Hash ratchet ("single ratchet") of encrypted communities and channels.
// SG protocol/encryption/helpers.go (key IDs, timestamps) and encryptor.go (EncryptWithHR).

/** status-go's keyBumpValue: a new key's timestamp is now + 10 ms. */
export const HASH_RATCHET_KEY_BUMP_MS = 10n;
/** Largest forward seqNo gap status-go will hash through (maxHashRatchetSeqNoDelta). */
export const MAX_HASH_RATCHET_SEQ_NO_DELTA = 100_000;

/** keyID = keccak256(groupID || uint64_LE(timestamp ms) || key). SG helpers.go generateHashRatchetKeyID. */
export const hashRatchetKeyId = (groupId: Uint8Array, timestampMs: bigint, key: Uint8Array): Uint8Array => {
  const timestamp = new Uint8Array(8);
  new DataView(timestamp.buffer).setBigUint64(0, BigInt.asUintN(64, timestampMs), true);
  return keccak256(concatBytes(groupId, timestamp, key));
};

/** deprecated_key_id: the low 32 bits of the key's ms timestamp. SG helpers.go DeprecatedKeyID. */
export const deprecatedHashRatchetKeyId = (timestampMs: bigint): number =>
  Number(BigInt.asUintN(32, timestampMs));

/** One key of a group's hash ratchet, as status-go stores it (HashRatchetKeyCompatibility). */
export interface HashRatchetKey {
  /** Community: the 33-byte compressed community key; channel: UTF-8 of the chat ID. */
  readonly groupId: Uint8Array;
  readonly key: Uint8Array;
  readonly timestampMs: bigint;
}

/**
 * A new key for a group: 32 random bytes that are a secp256k1 scalar (SG crypto.FromECDSA(GenerateKey())),
 * timestamped after the group's previous key (nextKeyTimestamp).
 */
export const generateHashRatchetKey = (
  groupId: Uint8Array,
  nowMs: bigint,
  previousTimestampMs = 0n,
): HashRatchetKey => ({
  groupId,
  key: generatePrivateKey(),
  timestampMs: nextKeyTimestamp(previousTimestampMs, nowMs),
});

/** keyID of a HashRatchetKey (see hashRatchetKeyId). */
export const keyIdOf = ({ groupId, timestampMs, key }: HashRatchetKey): Uint8Array =>
  hashRatchetKeyId(groupId, timestampMs, key);

/**
 * Message key for seqNo n: keccak256 applied n times to the key (n ≥ 1; seqNo 0 marks an unencrypted
 * key-exchange message). SG encryptor.go EncryptWithHR / DecryptWithHR. Bound n by
 * MAX_HASH_RATCHET_SEQ_NO_DELTA before calling with a value from the wire.
 */
export const messageKey = (key: Uint8Array, seqNo: number): Uint8Array => {
  if (!Number.isInteger(seqNo) || seqNo < 1)
    throw new RangeError(`seqNo must be an integer ≥ 1, got ${seqNo}`);
  let hash = key;
  for (let i = 0; i < seqNo; i++) hash = keccak256(hash);
  return hash;
};

/**
 * Message key for `toSeqNo` from the message key of an earlier `fromSeqNo` (the cached hash_n status-go
 * keeps per key), hashing forward only the difference. fromSeqNo 0 means `hash` is the key itself.
 */
export const advanceMessageKey = (hash: Uint8Array, fromSeqNo: number, toSeqNo: number): Uint8Array => {
  if (!Number.isInteger(fromSeqNo) || !Number.isInteger(toSeqNo) || fromSeqNo < 0 || toSeqNo <= fromSeqNo)
    throw new RangeError(`cannot hash forward from seqNo ${fromSeqNo} to ${toSeqNo}`);
  let next = hash;
  for (let i = fromSeqNo; i < toSeqNo; i++) next = keccak256(next);
  return next;
};

/**
 * A received seq_no is usable when 1 ≤ n ≤ 100000 (status-go refuses to hash further from the key:
 * maxHashRatchetSeqNoDelta); 0 is a key exchange and carries no ciphertext.
 */
export const checkHashRatchetSeqNo = (seqNo: number): Result<number> => {
  if (!Number.isInteger(seqNo) || seqNo < 1)
    return fail(ErrorCode.MALFORMED_PAYLOAD, 'hash-ratchet seq_no must be an integer ≥ 1', { seqNo });
  if (seqNo > MAX_HASH_RATCHET_SEQ_NO_DELTA)
    return fail(ErrorCode.HASH_RATCHET_SEQ_NO_TOO_HIGH, 'hash-ratchet seq_no beyond 100000', { seqNo });
  return ok(seqNo);
};

/**
 * Encrypts a payload under seqNo of a key: AES-256-GCM with keccak256^seqNo(key), `ct || tag || nonce`.
 * SG encryptor.go EncryptWithHR → crypto.EncryptSymmetric. A seqNo outside 1..100000 is a bug here.
 */
export const encryptWithHashRatchet = (
  key: Uint8Array,
  seqNo: number,
  plaintext: Uint8Array,
  nonce?: Uint8Array,
): Uint8Array => {
  const checked = checkHashRatchetSeqNo(seqNo);
  if (!checked.ok) throw new RangeError(checked.error.message);
  return encryptGcmNonceLast(plaintext, messageKey(key, seqNo), nonce);
};

/**
 * Decrypts a hash-ratchet payload. HASH_RATCHET_SEQ_NO_TOO_HIGH beyond 100000, MALFORMED_PAYLOAD for a
 * seq_no < 1 or a payload shorter than tag and nonce, DECRYPTION_FAILED for a wrong key, seq_no or tag.
 * SG encryptor.go DecryptWithHR.
 */
export const decryptWithHashRatchet = (
  key: Uint8Array,
  seqNo: number,
  ciphertext: Uint8Array,
): Result<Uint8Array> => {
  const checked = checkHashRatchetSeqNo(seqNo);
  if (!checked.ok) return checked;
  return decryptGcmNonceLast(ciphertext, messageKey(key, seqNo));
};

/** Timestamp of the next key: now + 10 if the previous one is older, else previous + 1. SG helpers.go. */
export const nextKeyTimestamp = (previousMs: bigint, nowMs: bigint): bigint =>
  previousMs < nowMs ? nowMs + HASH_RATCHET_KEY_BUMP_MS : previousMs + 1n;

/**
 * Map key of a member in RekeyGroup.keys: uint32 LE of bytes 1..4 of its 65-byte uncompressed key.
 * SG helpers.go publicKeyMostRelevantBytes.
 */
export const hashRatchetMemberMapKey = (uncompressedPub: Uint8Array): number => {
  if (uncompressedPub.length !== UNCOMPRESSED_PUBLIC_KEY_LENGTH)
    throw new RangeError('member key must be the 65-byte uncompressed form');
  return new DataView(uncompressedPub.buffer, uncompressedPub.byteOffset + 1, 4).getUint32(0, true);
};
