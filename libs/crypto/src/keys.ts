import { secp256k1 } from '@noble/curves/secp256k1.js';
import { ErrorCode, StatusError, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { bytesToPrefixedHex, hexToBytes } from './bytes.js';
import { keccak256 } from './keccak.js';
import { signatureBackend } from './signatures.js';

export const PRIVATE_KEY_LENGTH = 32;
export const COMPRESSED_PUBLIC_KEY_LENGTH = 33;
export const UNCOMPRESSED_PUBLIC_KEY_LENGTH = 65;

/** The key in the asked form, or null when it is not a SEC1 encoding (33 or 65 bytes) of a curve point. */
const converted = (pub: Uint8Array, compressed: boolean): Uint8Array | null =>
  signatureBackend.convertPublicKey(pub, compressed);

const invalidKey = (pub: Uint8Array): Result<never> =>
  fail(ErrorCode.INVALID_KEY, 'not a valid secp256k1 public key', { length: pub.length });

/** A fresh random secp256k1 private key (CSPRNG). */
export const generatePrivateKey = (): Uint8Array => secp256k1.utils.randomSecretKey();

/** True for 32 bytes in [1, n-1]. */
export const isValidPrivateKey = (priv: Uint8Array): boolean =>
  priv.length === PRIVATE_KEY_LENGTH && secp256k1.utils.isValidSecretKey(priv);

/** Parses a private key given as hex (optional `0x`), e.g. from configuration. */
export const parsePrivateKey = (hex: string): Result<Uint8Array> => {
  const bytes = hexToBytes(hex);
  if (!bytes.ok) return bytes;
  if (!isValidPrivateKey(bytes.value))
    return fail(ErrorCode.INVALID_KEY, 'not a valid secp256k1 private key', { length: bytes.value.length });
  return bytes;
};

/**
 * Public key of a private key: uncompressed 65 bytes (`0x04`…) by default, 33 bytes when compressed.
 * The key must be valid (see isValidPrivateKey); an invalid one is a bug and throws.
 */
export const publicKeyFromPrivateKey = (
  priv: Uint8Array,
  { compressed = false }: { compressed?: boolean } = {},
): Uint8Array => signatureBackend.publicKey(priv, compressed);

/** True when the bytes are a 33- or 65-byte SEC1 encoding of a curve point. */
export const isValidPublicKey = (pub: Uint8Array): boolean =>
  converted(pub, pub.length === COMPRESSED_PUBLIC_KEY_LENGTH) !== null;

/** 33-byte compressed form of a 33/65-byte key. SG eth-node/crypto CompressPubkey. */
export const compressPublicKey = (pub: Uint8Array): Result<Uint8Array> => {
  const key = converted(pub, true);
  return key ? ok(key) : invalidKey(pub);
};

/** 65-byte uncompressed form of a 33/65-byte key. SG eth-node/crypto DecompressPubkey. */
export const decompressPublicKey = (pub: Uint8Array): Result<Uint8Array> => {
  const key = converted(pub, false);
  return key ? ok(key) : invalidKey(pub);
};

/**
 * Parses the two string forms Status uses for keys: `0x02…`/`0x03…` (68 chars, community IDs) and
 * `0x04…` (132 chars, member keys). Returns the bytes in the form given, checked to be on the curve.
 */
export const parsePublicKeyHex = (text: string): Result<Uint8Array> => {
  if (!text.startsWith('0x') || (text.length !== 68 && text.length !== 132))
    return fail(ErrorCode.INVALID_KEY, 'public key must be 0x + 66 or 130 hex digits', {
      length: text.length,
    });
  const bytes = hexToBytes(text);
  if (!bytes.ok) return bytes;
  return isValidPublicKey(bytes.value) ? bytes : invalidKey(bytes.value);
};

/** Converts a key that must be valid; an invalid one here is a bug in the caller, so it throws. */
const convertValid = (pub: Uint8Array, compressed: boolean): Uint8Array => {
  const key = converted(pub, compressed);
  if (!key) throw new StatusError(ErrorCode.INVALID_KEY, 'not a valid secp256k1 public key');
  return key;
};

/**
 * `0x04…` (132 chars): the member-key form of `members`, ban lists and the request ID.
 * SG protocol/common/crypto.go PubkeyToHex. Takes a valid 33/65-byte key.
 */
export const publicKeyToHex = (pub: Uint8Array): string =>
  bytesToPrefixedHex(
    pub.length === UNCOMPRESSED_PUBLIC_KEY_LENGTH && pub[0] === 4 ? pub : convertValid(pub, false),
  );

/**
 * `0x02…`/`0x03…` (68 chars): the community-ID form. SG protocol/communities/community.go IDString.
 * Takes a valid 33/65-byte key.
 */
export const publicKeyToCompressedHex = (pub: Uint8Array): string =>
  bytesToPrefixedHex(pub.length === COMPRESSED_PUBLIC_KEY_LENGTH ? pub : convertValid(pub, true));

/**
 * Ethereum address: last 20 bytes of keccak256(X||Y), lowercase `0x` hex (not EIP-55 checksummed).
 * SG eth-node/crypto PubkeyToAddress. Takes a valid 33/65-byte key.
 */
export const publicKeyToAddress = (pub: Uint8Array): string => {
  const uncompressed =
    pub.length === UNCOMPRESSED_PUBLIC_KEY_LENGTH && pub[0] === 4 ? pub : convertValid(pub, false);
  return bytesToPrefixedHex(keccak256(uncompressed.subarray(1)).subarray(12));
};

/**
 * Raw 32-byte X coordinate of priv·pub, no KDF: the AES key of hash-ratchet key blobs and the
 * input of the ECIES KDF. SG protocol/encryption/helpers.go / eth-node/crypto/ecies GenerateShared.
 */
export const ecdhSharedX = (priv: Uint8Array, pub: Uint8Array): Result<Uint8Array> => {
  if (!isValidPrivateKey(priv)) return fail(ErrorCode.INVALID_KEY, 'not a valid secp256k1 private key');
  // The signature backend's ECDH (libsecp256k1 when present: ~15× noble, and a 5,000-member rekey envelope
  // takes 5,000 of them).
  const shared = signatureBackend.sharedX(priv, pub);
  return shared ? ok(shared) : invalidKey(pub);
};
