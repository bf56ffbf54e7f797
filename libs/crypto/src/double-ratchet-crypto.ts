import { createCipheriv, createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { toPlainBytes, utf8ToBytes } from './bytes.js';

// The primitives of status-go's EthereumCrypto for status-im/doubleratchet.
// SG eth-node/crypto/ethereum_crypto.go (KdfRK, KdfCK, deriveEncKeys, Encrypt, Decrypt).

const ROOT_KDF_INFO = utf8ToBytes('rsZUpEuXUqqwXBvSy3EcievAh4cMj6QL');
const MESSAGE_KDF_INFO = utf8ToBytes('pcwSByyx2CRdryCffXJwy7xgVZWtW5Sh');
const CHAIN_KEY_INPUT = Uint8Array.of(0x0f);
const MESSAGE_KEY_INPUT = Uint8Array.of(0x10);
const KEY_LENGTH = 32;
const IV_LENGTH = 16;
const MAC_LENGTH = 32;
/** Smallest sealed message: IV and MAC around an empty plaintext. */
export const RATCHET_CIPHERTEXT_OVERHEAD = IV_LENGTH + MAC_LENGTH;

export interface RootKdfOutput {
  readonly rootKey: Uint8Array;
  readonly chainKey: Uint8Array;
  /** Unused by status-go (no header encryption); returned because the vector pins it. */
  readonly headerKey: Uint8Array;
}

/** HKDF-SHA256(ikm = DH output, salt = root key, info = root string, 96 bytes) → root, chain, header key. */
export const kdfRootKey = (rootKey: Uint8Array, dhOutput: Uint8Array): RootKdfOutput => {
  const out = hkdf(sha256, dhOutput, rootKey, ROOT_KDF_INFO, 3 * KEY_LENGTH);
  return {
    rootKey: out.slice(0, KEY_LENGTH),
    chainKey: out.slice(KEY_LENGTH, 2 * KEY_LENGTH),
    headerKey: out.slice(2 * KEY_LENGTH),
  };
};

const hmacSha256 = (key: Uint8Array, ...parts: Uint8Array[]): Uint8Array => {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return toPlainBytes(mac.digest());
};

/** One symmetric step: next chain key = HMAC(ck, 0x0f), message key = HMAC(ck, 0x10). */
export const kdfChainKey = (chainKey: Uint8Array): { chainKey: Uint8Array; messageKey: Uint8Array } => ({
  chainKey: hmacSha256(chainKey, CHAIN_KEY_INPUT),
  messageKey: hmacSha256(chainKey, MESSAGE_KEY_INPUT),
});

export interface MessageEncryptionKeys {
  readonly encKey: Uint8Array;
  readonly authKey: Uint8Array;
  readonly iv: Uint8Array;
}

/** HKDF-SHA256(ikm = mk, salt = 32 zero bytes, info = message string, 80 bytes) → AES key, MAC key, IV. */
export const deriveMessageEncryptionKeys = (messageKey: Uint8Array): MessageEncryptionKeys => {
  const out = hkdf(
    sha256,
    messageKey,
    new Uint8Array(KEY_LENGTH),
    MESSAGE_KDF_INFO,
    2 * KEY_LENGTH + IV_LENGTH,
  );
  return {
    encKey: out.slice(0, KEY_LENGTH),
    authKey: out.slice(KEY_LENGTH, 2 * KEY_LENGTH),
    iv: out.slice(2 * KEY_LENGTH),
  };
};

/**
 * `iv(16) ‖ AES-256-CTR(pt) ‖ HMAC-SHA256(authKey, ad ‖ iv ‖ ct)(32)`. The IV comes from the message key,
 * so the output is deterministic: every message key is used once.
 */
export const ratchetSeal = (messageKey: Uint8Array, plaintext: Uint8Array, ad: Uint8Array): Uint8Array => {
  const { encKey, authKey, iv } = deriveMessageEncryptionKeys(messageKey);
  const cipher = createCipheriv('aes-256-ctr', encKey, iv);
  const ivAndCiphertext = toPlainBytes(Buffer.concat([iv, cipher.update(plaintext), cipher.final()]));
  const out = new Uint8Array(ivAndCiphertext.length + MAC_LENGTH);
  out.set(ivAndCiphertext, 0);
  out.set(hmacSha256(authKey, ad, ivAndCiphertext), ivAndCiphertext.length);
  return out;
};

/**
 * Inverse of ratchetSeal; the IV is read from the message, as status-go does. Shorter than IV + MAC is
 * MALFORMED_PAYLOAD; a MAC mismatch (wrong key, other AD, tampering) is DECRYPTION_FAILED.
 */
export const ratchetOpen = (
  messageKey: Uint8Array,
  sealed: Uint8Array,
  ad: Uint8Array,
): Result<Uint8Array> => {
  if (sealed.length < RATCHET_CIPHERTEXT_OVERHEAD)
    return fail(ErrorCode.MALFORMED_PAYLOAD, 'double-ratchet ciphertext shorter than IV and MAC', {
      length: sealed.length,
    });
  const { encKey, authKey } = deriveMessageEncryptionKeys(messageKey);
  const macStart = sealed.length - MAC_LENGTH;
  const ivAndCiphertext = sealed.subarray(0, macStart);
  if (!timingSafeEqual(hmacSha256(authKey, ad, ivAndCiphertext), sealed.subarray(macStart)))
    return fail(ErrorCode.DECRYPTION_FAILED, 'double-ratchet MAC mismatch');
  const decipher = createDecipheriv('aes-256-ctr', encKey, ivAndCiphertext.subarray(0, IV_LENGTH));
  return ok(
    toPlainBytes(Buffer.concat([decipher.update(ivAndCiphertext.subarray(IV_LENGTH)), decipher.final()])),
  );
};
