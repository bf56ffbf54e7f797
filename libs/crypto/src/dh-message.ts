import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { decryptGcmNonceLast, encryptGcmNonceLast } from './aes-gcm.js';
import {
  COMPRESSED_PUBLIC_KEY_LENGTH,
  ecdhSharedX,
  generatePrivateKey,
  isValidPublicKey,
  publicKeyFromPrivateKey,
} from './keys.js';

// The "none" path of 1:1 messages: one-shot ECDH to the recipient's identity key, no forward secrecy.
// SG protocol/encryption/encryptor.go encryptWithDH / DecryptWithDH, x3dh.go PerformActiveDH, and
// eth-node/crypto/crypto.go EncryptSymmetric (AES-256-GCM, nonce appended).

export interface DhSealed {
  /** 33-byte compressed ephemeral key: `DHHeader.key`. */
  readonly ephemeralPublicKey: Uint8Array;
  /** `ct ‖ tag(16) ‖ nonce(12)`: `EncryptedMessageProtocol.payload`. */
  readonly payload: Uint8Array;
}

export interface DhSealOptions {
  /** Fixed only to reproduce a vector; random otherwise. */
  readonly ephemeralPrivateKey?: Uint8Array;
  readonly nonce?: Uint8Array;
}

/** AES-256-GCM under x(EK · IK_recipient). An invalid recipient key is INVALID_KEY. */
export const sealWithDh = (
  plaintext: Uint8Array,
  recipientIdentityKey: Uint8Array,
  { ephemeralPrivateKey = generatePrivateKey(), nonce }: DhSealOptions = {},
): Result<DhSealed> => {
  const key = ecdhSharedX(ephemeralPrivateKey, recipientIdentityKey);
  if (!key.ok) return key;
  return ok({
    ephemeralPublicKey: publicKeyFromPrivateKey(ephemeralPrivateKey, { compressed: true }),
    payload: encryptGcmNonceLast(plaintext, key.value, nonce),
  });
};

/**
 * Opens a DH message with our identity key. A DHHeader key that is not a 33-byte curve point is
 * MALFORMED_PAYLOAD; a failed GCM tag is DECRYPTION_FAILED.
 */
export const openWithDh = (
  payload: Uint8Array,
  ephemeralPublicKey: Uint8Array,
  ourIdentityPrivateKey: Uint8Array,
): Result<Uint8Array> => {
  if (ephemeralPublicKey.length !== COMPRESSED_PUBLIC_KEY_LENGTH || !isValidPublicKey(ephemeralPublicKey))
    return fail(ErrorCode.MALFORMED_PAYLOAD, 'DH header key must be a 33-byte compressed secp256k1 key', {
      length: ephemeralPublicKey.length,
    });
  const key = ecdhSharedX(ourIdentityPrivateKey, ephemeralPublicKey);
  if (!key.ok) return key;
  return decryptGcmNonceLast(payload, key.value);
};
