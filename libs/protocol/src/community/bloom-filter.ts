// A bloom filter with the hashing and binary form of github.com/bits-and-blooms/bloom/v3 (v3.7.0, the
// version status-go pins): k locations h[i%2] + i·h[2 + ((i + i%2) % 4)/2] mod m from the four 64-bit
// murmur3 base hashes; MarshalBinary = BE u64 m ‖ BE u64 k ‖ bitset (BE u64 bit length ‖ its u64 words).
// The words are written big-endian: bitset's binaryOrder default; both its old (binary.Write of the slice)
// and newer (PutUint64 per word) WriteTo give those bytes — status-go never changes the default.
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { murmur3x64128 } from './murmur3.js';

const MASK = (1n << 64n) - 1n;
const HEADER_BYTES = 24;
// Far above what status-go makes (k = 10 at p = 0.001): a bound on the work a received filter can cause.
const MAX_HASH_FUNCTIONS = 64;

export interface BloomFilter {
  /** Number of bits (Cap()). */
  readonly m: number;
  /** Number of hash functions (K()). */
  readonly k: number;
  /** The bitset's words; bit i is bit (i mod 64) of word i / 64. */
  readonly words: BigUint64Array;
}

/** m and k for n items at false-positive rate p. bloom/v3 EstimateParameters. */
export const estimateBloomParameters = (n: number, p: number): { m: number; k: number } => {
  const m = Math.ceil((-n * Math.log(p)) / (Math.LN2 * Math.LN2));
  return { m, k: Math.ceil((Math.LN2 * m) / n) };
};

/** An empty filter of m bits and k hash functions (both at least 1). bloom/v3 New. */
export const createBloomFilter = (m: number, k: number): BloomFilter => {
  const bits = Math.max(1, m);
  return { m: bits, k: Math.max(1, k), words: new BigUint64Array(Math.ceil(bits / 64)) };
};

const baseHashes = (data: Uint8Array): readonly bigint[] => {
  const withOne = new Uint8Array(data.length + 1);
  withOne.set(data);
  withOne[data.length] = 1;
  return [...murmur3x64128(data), ...murmur3x64128(withOne)];
};

const locations = (filter: BloomFilter, data: Uint8Array): number[] => {
  const h = baseHashes(data);
  const m = BigInt(filter.m);
  return Array.from({ length: filter.k }, (_, i) => {
    const second = h[2 + ((i + (i % 2)) % 4) / 2] ?? 0n;
    return Number((((h[i % 2] ?? 0n) + BigInt(i) * second) & MASK) % m);
  });
};

const wordOf = (bit: number): number => Math.floor(bit / 64);
const bitInWord = (bit: number): bigint => BigInt(bit % 64);

/** Adds data to the filter in place. bloom/v3 Add. */
export const addToBloomFilter = (filter: BloomFilter, data: Uint8Array): void => {
  for (const bit of locations(filter, data))
    filter.words[wordOf(bit)] = (filter.words[wordOf(bit)] ?? 0n) | (1n << bitInWord(bit));
};

/** True when data may be in the set, false when it certainly is not. bloom/v3 Test. */
export const bloomFilterHas = (filter: BloomFilter, data: Uint8Array): boolean =>
  locations(filter, data).every((bit) => (((filter.words[wordOf(bit)] ?? 0n) >> bitInWord(bit)) & 1n) === 1n);

/** bloom/v3 MarshalBinary. */
export const encodeBloomFilter = (filter: BloomFilter): Uint8Array => {
  const out = new Uint8Array(HEADER_BYTES + filter.words.length * 8);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(filter.m));
  view.setBigUint64(8, BigInt(filter.k));
  view.setBigUint64(16, BigInt(filter.m));
  filter.words.forEach((word, index) => view.setBigUint64(HEADER_BYTES + index * 8, word));
  return out;
};

/**
 * bloom/v3 UnmarshalBinary, which takes m and k from the data (the proto's m and k fields are not read
 * by status-go either). MALFORMED_PAYLOAD when the bytes are not a whole filter or m, k are out of range.
 */
export const decodeBloomFilter = (data: Uint8Array): Result<BloomFilter> => {
  const malformed = (reason: string) =>
    fail(ErrorCode.MALFORMED_PAYLOAD, `not a bloom filter: ${reason}`, { length: data.length });
  if (data.length < HEADER_BYTES) return malformed('shorter than its header');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const m = view.getBigUint64(0);
  const k = view.getBigUint64(8);
  const length = view.getBigUint64(16);
  if (m < 1n || k < 1n || k > BigInt(MAX_HASH_FUNCTIONS)) return malformed('m or k out of range');
  if (length !== m) return malformed('bitset length differs from m');
  const wordCount = (length + 63n) / 64n;
  if (BigInt(data.length) !== BigInt(HEADER_BYTES) + wordCount * 8n) return malformed('wrong bitset size');
  const words = new BigUint64Array(Number(wordCount));
  for (let i = 0; i < words.length; i++) words[i] = view.getBigUint64(HEADER_BYTES + i * 8);
  return ok({ m: Number(m), k: Number(k), words });
};
