import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { uint64ToBigInt } from '@status-communities/proto';
import type { Uint64 } from '@status-communities/proto';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * A uint64 from the network as a number. `uint64ToNumber` throws past 2^53, which for bytes from a peer is
 * an expected failure, so this reports it with the given code instead.
 */
export const safeUint64 = (
  value: Uint64 | null | undefined,
  field: string,
  code: ErrorCode = ErrorCode.INVALID_DESCRIPTION,
): Result<number> => {
  const big = uint64ToBigInt(value);
  if (big > MAX_SAFE)
    return fail(code, `${field} exceeds Number.MAX_SAFE_INTEGER`, { reason: 'uint64-overflow', field });
  return ok(Number(big));
};

// protobufjs util.key32Re / key64Re: how it tells a decimal map key from an 8-char "long hash" key.
const DECIMAL_KEY = /^-?(?:0|[1-9][0-9]*)$/;
// eslint-disable-next-line no-control-regex
const HASH_KEY = /^[\x00-\xff]{8}$/;

/**
 * A uint64 map key as decoded by protobufjs, which stores 64-bit keys as 8-char little-endian "hash"
 * strings (util.longToHash), or as decimal text when the object was built by hand. Undefined otherwise.
 */
export const uint64MapKeyToBigInt = (key: string): bigint | undefined => {
  if (DECIMAL_KEY.test(key)) return key.startsWith('-') ? undefined : BigInt(key);
  if (!HASH_KEY.test(key)) return undefined;
  let value = 0n;
  for (let i = 7; i >= 0; i--) value = (value << 8n) | BigInt(key.charCodeAt(i));
  return value;
};
