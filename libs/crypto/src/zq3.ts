import { base58 } from '@scure/base';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { COMPRESSED_PUBLIC_KEY_LENGTH, compressPublicKey, isValidPublicKey } from './keys.js';

// Multiformats: multibase 'z' = base58btc; multicodec secp256k1-pub = 0xe7 as varint (0xe7 0x01).
// SG api/multiformat/utils.go SerializeLegacyKey / DeserializeCompressedKey (secp256k1KeyType = 0xe7).
const MULTIBASE_BASE58BTC = 'z';
const SECP256K1_PUB_CODEC = Uint8Array.of(0xe7, 0x01);
const SERIALIZED_LENGTH = SECP256K1_PUB_CODEC.length + COMPRESSED_PUBLIC_KEY_LENGTH;

/** `zQ3sh…` share form of a 33/65-byte public key (what status.app URLs carry after `#`). */
export const serializePublicKey = (pub: Uint8Array): Result<string> => {
  const compressed = compressPublicKey(pub);
  if (!compressed.ok) return compressed;
  const bytes = new Uint8Array(SERIALIZED_LENGTH);
  bytes.set(SECP256K1_PUB_CODEC, 0);
  bytes.set(compressed.value, SECP256K1_PUB_CODEC.length);
  return ok(MULTIBASE_BASE58BTC + base58.encode(bytes));
};

const invalid = (message: string): Result<never> => fail(ErrorCode.INVALID_KEY, message);

/** Parses a `zQ3sh…` key to its 33-byte compressed form, checked to be on the curve. */
export const deserializePublicKey = (text: string): Result<Uint8Array> => {
  if (!text.startsWith(MULTIBASE_BASE58BTC))
    return invalid('serialized key must use multibase base58btc (z…)');
  let bytes: Uint8Array;
  try {
    bytes = base58.decode(text.slice(1));
  } catch {
    return invalid('serialized key is not valid base58');
  }
  if (bytes.length !== SERIALIZED_LENGTH) return invalid('serialized key has the wrong length');
  if (bytes[0] !== SECP256K1_PUB_CODEC[0] || bytes[1] !== SECP256K1_PUB_CODEC[1])
    return invalid('serialized key is not a secp256k1 public key (multicodec 0xe7)');
  const compressed = bytes.slice(SECP256K1_PUB_CODEC.length);
  return isValidPublicKey(compressed)
    ? ok(compressed)
    : invalid('serialized key is not a point on secp256k1');
};
