import Long from 'long';

/** 64-bit fields decode as Long (or number when small); these give one plain form to the rest of the code. */
export type Uint64 = number | Long;

export const uint64ToBigInt = (value: Uint64 | null | undefined): bigint => {
  if (value == null) return 0n;
  return typeof value === 'number' ? BigInt(value) : BigInt(value.toString());
};

/** For clocks and timestamps in ms, which stay far below 2^53. Larger values are a bug and throw. */
export const uint64ToNumber = (value: Uint64 | null | undefined): number => {
  if (value == null) return 0;
  if (typeof value === 'number') return value;
  const n = value.toNumber();
  if (!Number.isSafeInteger(n))
    throw new RangeError(`uint64 ${value.toString()} exceeds Number.MAX_SAFE_INTEGER`);
  return n;
};

/** Wire form for a uint64 given as bigint, exact past 2^53. */
export const bigIntToUint64 = (value: bigint): Long => Long.fromString(value.toString(), true);

/** Wire form for a signed int64 given as bigint (e.g. a bundle timestamp in ns), exact past 2^53. */
export const bigIntToInt64 = (value: bigint): Long => Long.fromString(value.toString(), false);
