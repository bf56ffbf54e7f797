import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { toPlainBytes } from './bytes.js';
import {
  UNCOMPRESSED_PUBLIC_KEY_LENGTH,
  ecdhSharedX,
  generatePrivateKey,
  isValidPrivateKey,
  isValidPublicKey,
  publicKeyFromPrivateKey,
} from './keys.js';

// go-ethereum ECIES with ECIES_AES128_SHA256, the only parameter set secp256k1 keys get.
// SG vendor/github.com/ethereum/go-ethereum/crypto/ecies/ecies.go (Encrypt, Decrypt) and params.go.
const AES_KEY_LENGTH = 16;
const IV_LENGTH = 16;
const MAC_LENGTH = 32;
const OVERHEAD = UNCOMPRESSED_PUBLIC_KEY_LENGTH + IV_LENGTH + MAC_LENGTH;

/**
 * NIST SP 800-56 concat KDF with SHA-256, no shared info, for 32 bytes: a single round
 * SHA-256(counter=1 as uint32 BE || z). Then Ke = first 16 bytes, Km = SHA-256(last 16 bytes).
 */
const deriveKeys = (sharedX: Uint8Array): { encKey: Buffer; macKey: Buffer } => {
  const k = createHash('sha256')
    .update(Uint8Array.of(0, 0, 0, 1))
    .update(sharedX)
    .digest();
  return {
    encKey: k.subarray(0, AES_KEY_LENGTH),
    macKey: createHash('sha256').update(k.subarray(AES_KEY_LENGTH)).digest(),
  };
};

const tag = (macKey: Buffer, ivAndCiphertext: Uint8Array): Buffer =>
  createHmac('sha256', macKey).update(ivAndCiphertext).digest();

/**
 * Encrypts to a recipient public key (33/65 bytes):
 * `0x04||ephemeralPub(64) || IV(16) || AES-128-CTR(ct) || HMAC-SHA256(IV||ct)(32)`.
 * An invalid recipient key is INVALID_KEY.
 */
export const eciesEncrypt = (plaintext: Uint8Array, recipientPub: Uint8Array): Result<Uint8Array> => {
  if (!isValidPublicKey(recipientPub))
    return fail(ErrorCode.INVALID_KEY, 'ECIES recipient is not a valid secp256k1 public key');
  const ephemeral = generatePrivateKey();
  const shared = ecdhSharedX(ephemeral, recipientPub);
  if (!shared.ok) return shared;
  const { encKey, macKey } = deriveKeys(shared.value);
  const iv = randomBytes(IV_LENGTH);
  const cipher = createCipheriv('aes-128-ctr', encKey, iv);
  const ivAndCiphertext = Buffer.concat([iv, cipher.update(plaintext), cipher.final()]);

  const out = new Uint8Array(UNCOMPRESSED_PUBLIC_KEY_LENGTH + ivAndCiphertext.length + MAC_LENGTH);
  out.set(publicKeyFromPrivateKey(ephemeral), 0);
  out.set(ivAndCiphertext, UNCOMPRESSED_PUBLIC_KEY_LENGTH);
  out.set(tag(macKey, ivAndCiphertext), UNCOMPRESSED_PUBLIC_KEY_LENGTH + ivAndCiphertext.length);
  return ok(out);
};

/**
 * Decrypts with the recipient private key. Too short or an invalid ephemeral key is MALFORMED_PAYLOAD;
 * a MAC mismatch (wrong key or tampering) is DECRYPTION_FAILED. The MAC is checked before decrypting.
 */
export const eciesDecrypt = (data: Uint8Array, recipientPriv: Uint8Array): Result<Uint8Array> => {
  if (!isValidPrivateKey(recipientPriv))
    return fail(ErrorCode.INVALID_KEY, 'not a valid secp256k1 private key');
  if (data.length < OVERHEAD)
    return fail(ErrorCode.MALFORMED_PAYLOAD, 'ECIES message too short', { length: data.length });
  // go-ethereum reads a 65-byte uncompressed point here; compressed prefixes cannot parse as one.
  if (data[0] !== 4) return fail(ErrorCode.MALFORMED_PAYLOAD, 'ECIES ephemeral key is not uncompressed');
  const shared = ecdhSharedX(recipientPriv, data.subarray(0, UNCOMPRESSED_PUBLIC_KEY_LENGTH));
  if (!shared.ok) return fail(ErrorCode.MALFORMED_PAYLOAD, 'ECIES ephemeral key is not on the curve');
  const { encKey, macKey } = deriveKeys(shared.value);
  const macStart = data.length - MAC_LENGTH;
  const ivAndCiphertext = data.subarray(UNCOMPRESSED_PUBLIC_KEY_LENGTH, macStart);
  if (!timingSafeEqual(tag(macKey, ivAndCiphertext), data.subarray(macStart)))
    return fail(ErrorCode.DECRYPTION_FAILED, 'ECIES MAC mismatch');
  const decipher = createDecipheriv('aes-128-ctr', encKey, ivAndCiphertext.subarray(0, IV_LENGTH));
  return ok(
    toPlainBytes(Buffer.concat([decipher.update(ivAndCiphertext.subarray(IV_LENGTH)), decipher.final()])),
  );
};
