import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';

// Value of each ASCII hex digit, -1 for anything else; a table keeps hex parsing branch-light.
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX_VALUE[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX_VALUE[65 + i] = 10 + i;
  HEX_VALUE[97 + i] = 10 + i;
}

const hexDigit = (hex: string, index: number): number => {
  const code = hex.charCodeAt(index);
  return code < 128 ? (HEX_VALUE[code] ?? -1) : -1;
};

/** Parses hex with an optional `0x`/`0X` prefix. Odd length or a non-hex digit is INVALID_HEX. */
export const hexToBytes = (hex: string): Result<Uint8Array> => {
  const start = hex.startsWith('0x') || hex.startsWith('0X') ? 2 : 0;
  const digits = hex.length - start;
  if (digits % 2 !== 0)
    return fail(ErrorCode.INVALID_HEX, 'hex string has an odd number of digits', { length: digits });
  const out = new Uint8Array(digits / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = hexDigit(hex, start + 2 * i);
    const lo = hexDigit(hex, start + 2 * i + 1);
    if (hi < 0 || lo < 0)
      return fail(ErrorCode.INVALID_HEX, 'hex string has a non-hex character', { position: start + 2 * i });
    out[i] = (hi << 4) | lo;
  }
  return ok(out);
};

/** For constants and test fixtures only: throws the INVALID_HEX StatusError instead of returning it. */
export const hexToBytesOrThrow = (hex: string): Uint8Array => {
  const result = hexToBytes(hex);
  if (!result.ok) throw result.error;
  return result.value;
};

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Lowercase hex without prefix. */
export const bytesToHex = (bytes: Uint8Array): string => asBuffer(bytes).toString('hex');

/** Lowercase hex with `0x`, the form status-go's `types.EncodeHex` produces. */
export const bytesToPrefixedHex = (bytes: Uint8Array): string => '0x' + bytesToHex(bytes);

export const concatBytes = (...parts: readonly Uint8Array[]): Uint8Array => {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};

/** Byte equality; time depends only on the lengths, so it is safe for MACs and keys. */
export const equalBytes = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
};

const encoder = new TextEncoder();

export const utf8ToBytes = (text: string): Uint8Array => encoder.encode(text);

/** A plain Uint8Array copy (never a pooled Buffer view), so results compare and serialise predictably. */
export const toPlainBytes = (bytes: Uint8Array): Uint8Array => {
  const out = new Uint8Array(bytes.length);
  out.set(bytes);
  return out;
};
