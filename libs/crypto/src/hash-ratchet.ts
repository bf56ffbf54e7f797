import { concatBytes } from './bytes.js';
import { keccak256 } from './keccak.js';
import { UNCOMPRESSED_PUBLIC_KEY_LENGTH } from './keys.js';

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
