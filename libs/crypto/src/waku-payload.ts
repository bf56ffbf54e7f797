import { randomBytes } from 'node:crypto';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { decryptGcmNonceLast, encryptGcmNonceLast } from './aes-gcm.js';
import { eciesDecrypt, eciesEncrypt } from './ecies.js';
import { keccak256 } from './keccak.js';
import { SIGNATURE_LENGTH } from './signature-backend.js';
import { recoverPublicKey, sign } from './signatures.js';

// 26/WAKU2-PAYLOAD version 1, as go-waku builds and parses it.
// SG vendor/github.com/waku-org/go-waku/waku/v2/payload/waku_payload.go (Encode, appendPadding, validateAndParse).
const SIZE_MASK = 0x03;
const SIGNED_FLAG = 0x04;
const PADDING_TARGET = 256;
const MAX_DATA_LENGTH = 0xffffffff;

/** A decoded, signature-checked payload. */
export interface DecodedWakuPayload {
  /** The application bytes (for Status: an AMM, ProtocolMessage or segment). */
  readonly data: Uint8Array;
  /** 65 bytes r||s||v (v 0/1) over keccak256(flags || size || data || padding). */
  readonly signature: Uint8Array;
  /** The envelope signer, 65-byte uncompressed (`0x04`…). */
  readonly signer: Uint8Array;
}

/** Bytes needed for the little-endian length (1..4). SG waku_payload.go getSizeOfPayloadSizeField. */
const sizeFieldLength = (length: number): number => {
  let bytes = 1;
  for (let rest = length; rest >= 256; rest = Math.floor(rest / 256)) bytes++;
  return bytes;
};

/**
 * flags || size || data || random padding || signature, total a multiple of 256 (padding 1..256): the plaintext
 * of a v1 payload before encryption. Sign once and encrypt it for several destinations (encryptSignedSymmetric,
 * encryptSignedAsymmetric): each encryption has its own nonce or ephemeral key, so the payloads differ.
 */
export const signWakuPayload = (data: Uint8Array, senderPriv: Uint8Array): Uint8Array => {
  if (data.length > MAX_DATA_LENGTH)
    throw new RangeError('payload data longer than a 4-byte size field allows');
  const sizeLength = sizeFieldLength(data.length);
  const unpadded = 1 + sizeLength + data.length + SIGNATURE_LENGTH;
  const paddingLength = PADDING_TARGET - (unpadded % PADDING_TARGET);
  const plain = new Uint8Array(unpadded + paddingLength);
  // The signed flag is part of what gets signed, so it is set first.
  plain[0] = sizeLength | SIGNED_FLAG;
  for (let i = 0, rest = data.length; i < sizeLength; i++, rest = Math.floor(rest / 256))
    plain[1 + i] = rest & 0xff;
  plain.set(data, 1 + sizeLength);
  const signedEnd = plain.length - SIGNATURE_LENGTH;
  plain.set(randomBytes(paddingLength), 1 + sizeLength + data.length);
  plain.set(sign(keccak256(plain.subarray(0, signedEnd)), senderPriv), signedEnd);
  return plain;
};

const malformed = (message: string, details?: Record<string, unknown>): Result<never> =>
  fail(ErrorCode.MALFORMED_PAYLOAD, message, details);

/** Parses a decrypted v1 plaintext and recovers its signer; unsigned envelopes are refused as status-go does. */
const parseSignedPlaintext = (plain: Uint8Array): Result<DecodedWakuPayload> => {
  const flags = plain[0];
  if (flags === undefined) return malformed('empty payload');
  // status-go drops envelopes without a signature (SG protocol/common/message_sender.go handleMessage).
  if ((flags & SIGNED_FLAG) === 0) return fail(ErrorCode.UNSIGNED_ENVELOPE, 'payload is not signed');
  const end = plain.length - SIGNATURE_LENGTH;
  if (end <= 1) return malformed('signed payload too short', { length: plain.length });

  const sizeLength = flags & SIZE_MASK;
  let dataLength = 0;
  if (sizeLength > 0) {
    if (1 + sizeLength > end) return malformed('size field runs past the end', { length: plain.length });
    for (let i = sizeLength - 1; i >= 0; i--) dataLength = dataLength * 256 + (plain[1 + i] ?? 0);
    if (1 + sizeLength + dataLength > end)
      return malformed('declared size runs past the end', {
        declared: dataLength,
        available: end - 1 - sizeLength,
      });
  }
  // Views, not copies: the plaintext was decrypted into a buffer of its own and nothing else holds it.
  const signature = plain.subarray(end);
  const signer = recoverPublicKey(keccak256(plain.subarray(0, end)), signature);
  if (!signer.ok) return signer;
  const dataStart = 1 + sizeLength;
  return ok({ data: plain.subarray(dataStart, dataStart + dataLength), signature, signer: signer.value });
};

/**
 * Signs and encrypts with a 32-byte symmetric key: AES-256-GCM `ct || tag || nonce`.
 * Keys come from pbkdf2 or the wire and are 32 bytes; another length is a bug and throws.
 */
export const encodeSymmetric = (data: Uint8Array, symKey: Uint8Array, senderPriv: Uint8Array): Uint8Array =>
  encryptSignedSymmetric(signWakuPayload(data, senderPriv), symKey);

/** AES-256-GCM of a signed plaintext (signWakuPayload) under a fresh nonce. */
export const encryptSignedSymmetric = (signed: Uint8Array, symKey: Uint8Array): Uint8Array =>
  encryptGcmNonceLast(signed, symKey);

/** ECIES of a signed plaintext (signWakuPayload) to a recipient key, under a fresh ephemeral key. */
export const encryptSignedAsymmetric = (signed: Uint8Array, recipientPub: Uint8Array): Result<Uint8Array> =>
  eciesEncrypt(signed, recipientPub);

/** Decrypts and verifies a symmetric v1 payload. */
export const decodeSymmetric = (payload: Uint8Array, symKey: Uint8Array): Result<DecodedWakuPayload> => {
  const plain = decryptGcmNonceLast(payload, symKey);
  return plain.ok ? parseSignedPlaintext(plain.value) : plain;
};

/** Signs and ECIES-encrypts to a recipient key (33/65 bytes); INVALID_KEY if that key is not a curve point. */
export const encodeAsymmetric = (
  data: Uint8Array,
  recipientPub: Uint8Array,
  senderPriv: Uint8Array,
): Result<Uint8Array> => encryptSignedAsymmetric(signWakuPayload(data, senderPriv), recipientPub);

/** Decrypts and verifies an ECIES v1 payload with the recipient's private key. */
export const decodeAsymmetric = (
  payload: Uint8Array,
  recipientPriv: Uint8Array,
): Result<DecodedWakuPayload> => {
  const plain = eciesDecrypt(payload, recipientPriv);
  return plain.ok ? parseSignedPlaintext(plain.value) : plain;
};
