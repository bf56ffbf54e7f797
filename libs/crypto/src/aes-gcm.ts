import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { toPlainBytes } from './bytes.js';

export const AES_256_KEY_LENGTH = 32;
export const GCM_NONCE_LENGTH = 12;
export const GCM_TAG_LENGTH = 16;

const assertKey = (key: Uint8Array): void => {
  if (key.length !== AES_256_KEY_LENGTH)
    throw new RangeError(`AES-256 key must be 32 bytes, got ${key.length}`);
};

const seal = (plaintext: Uint8Array, key: Uint8Array, nonce: Uint8Array): { ct: Buffer; tag: Buffer } => {
  assertKey(key);
  if (nonce.length !== GCM_NONCE_LENGTH)
    throw new RangeError(`GCM nonce must be 12 bytes, got ${nonce.length}`);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ct, tag: cipher.getAuthTag() };
};

/** A plain Uint8Array over a Buffer that owns its whole memory (never the shared pool), else a copy. */
const ownedPlainBytes = (buffer: Buffer): Uint8Array =>
  buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength
    ? new Uint8Array(buffer.buffer, 0, buffer.byteLength)
    : toPlainBytes(buffer);

const open = (ct: Uint8Array, tag: Uint8Array, nonce: Uint8Array, key: Uint8Array): Result<Uint8Array> => {
  if (key.length !== AES_256_KEY_LENGTH)
    return fail(ErrorCode.INVALID_KEY, 'AES-256 key must be 32 bytes', { length: key.length });
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAuthTag(tag);
    const plain = decipher.update(ct);
    // GCM leaves nothing to final, which checks the tag; so no concat, and no copy when the output owns its
    // memory (it does): every received message comes through here.
    const rest = decipher.final();
    return ok(ownedPlainBytes(rest.length === 0 ? plain : Buffer.concat([plain, rest])));
  } catch {
    return fail(ErrorCode.DECRYPTION_FAILED, 'AES-GCM authentication failed');
  }
};

const tooShort = (length: number): Result<never> =>
  fail(ErrorCode.MALFORMED_PAYLOAD, 'AES-GCM message shorter than nonce and tag', { length });

/**
 * AES-256-GCM, layout `ct || tag(16) || nonce(12)`, no AAD: Waku v1 symmetric payloads and
 * hash-ratchet messages. SG eth-node/crypto/crypto.go EncryptSymmetric; go-waku payload encryptSymmetric.
 * The nonce is random unless given (tests only: never reuse a nonce under one key).
 */
export const encryptGcmNonceLast = (
  plaintext: Uint8Array,
  key: Uint8Array,
  nonce: Uint8Array = randomBytes(GCM_NONCE_LENGTH),
): Uint8Array => {
  const { ct, tag } = seal(plaintext, key, nonce);
  const out = new Uint8Array(ct.length + GCM_TAG_LENGTH + GCM_NONCE_LENGTH);
  out.set(ct, 0);
  out.set(tag, ct.length);
  out.set(nonce, ct.length + GCM_TAG_LENGTH);
  return out;
};

/** Inverse of encryptGcmNonceLast. SG eth-node/crypto/crypto.go DecryptSymmetric. */
export const decryptGcmNonceLast = (data: Uint8Array, key: Uint8Array): Result<Uint8Array> => {
  if (data.length < GCM_TAG_LENGTH + GCM_NONCE_LENGTH) return tooShort(data.length);
  const nonceStart = data.length - GCM_NONCE_LENGTH;
  const tagStart = nonceStart - GCM_TAG_LENGTH;
  return open(
    data.subarray(0, tagStart),
    data.subarray(tagStart, nonceStart),
    data.subarray(nonceStart),
    key,
  );
};

/**
 * AES-256-GCM, layout `nonce(12) || ct || tag(16)`: the 60-byte per-member hash-ratchet key blobs
 * and grants. SG protocol/encryption/helpers.go encrypt (gcm.Seal(nonce, nonce, …)).
 */
export const encryptGcmNonceFirst = (
  plaintext: Uint8Array,
  key: Uint8Array,
  nonce: Uint8Array = randomBytes(GCM_NONCE_LENGTH),
): Uint8Array => {
  const { ct, tag } = seal(plaintext, key, nonce);
  const out = new Uint8Array(GCM_NONCE_LENGTH + ct.length + GCM_TAG_LENGTH);
  out.set(nonce, 0);
  out.set(ct, GCM_NONCE_LENGTH);
  out.set(tag, GCM_NONCE_LENGTH + ct.length);
  return out;
};

/** Inverse of encryptGcmNonceFirst. SG protocol/common/crypto.go Decrypt. */
export const decryptGcmNonceFirst = (data: Uint8Array, key: Uint8Array): Result<Uint8Array> => {
  if (data.length < GCM_TAG_LENGTH + GCM_NONCE_LENGTH) return tooShort(data.length);
  const tagStart = data.length - GCM_TAG_LENGTH;
  return open(
    data.subarray(GCM_NONCE_LENGTH, tagStart),
    data.subarray(tagStart),
    data.subarray(0, GCM_NONCE_LENGTH),
    key,
  );
};
