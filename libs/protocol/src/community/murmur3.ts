// MurmurHash3 x64 128-bit, seed 0 (Austin Appleby's reference algorithm), as 64-bit halves. The hash of the
// bloom filters status-go puts in descriptions (github.com/bits-and-blooms/bloom/v3, whose sum256 is the
// 128-bit hash of the data and of the data with one byte 0x01 appended).

const MASK = (1n << 64n) - 1n;
const C1 = 0x87c37b91114253d5n;
const C2 = 0x4cf5ad432745937fn;

const rotl = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (64n - r))) & MASK;
const mul = (a: bigint, b: bigint): bigint => (a * b) & MASK;

const fmix = (k: bigint): bigint => {
  k ^= k >> 33n;
  k = mul(k, 0xff51afd7ed558ccdn);
  k ^= k >> 33n;
  k = mul(k, 0xc4ceb9fe1a85ec53n);
  return k ^ (k >> 33n);
};

const mixK1 = (k1: bigint): bigint => mul(rotl(mul(k1, C1), 31n), C2);
const mixK2 = (k2: bigint): bigint => mul(rotl(mul(k2, C2), 33n), C1);

/** Little-endian integer of up to 8 bytes. */
const littleEndian = (bytes: Uint8Array): bigint => {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i] ?? 0);
  return value;
};

/** [h1, h2] of MurmurHash3_x64_128(data, seed 0). */
export const murmur3x64128 = (data: Uint8Array): [bigint, bigint] => {
  let h1 = 0n;
  let h2 = 0n;
  const blocks = Math.floor(data.length / 16);
  for (let i = 0; i < blocks; i++) {
    h1 ^= mixK1(littleEndian(data.subarray(i * 16, i * 16 + 8)));
    h1 = (mul(rotl(h1, 27n) + h2, 5n) + 0x52dce729n) & MASK;
    h2 ^= mixK2(littleEndian(data.subarray(i * 16 + 8, i * 16 + 16)));
    h2 = (mul(rotl(h2, 31n) + h1, 5n) + 0x38495ab5n) & MASK;
  }
  const tail = data.subarray(blocks * 16);
  if (tail.length > 8) h2 ^= mixK2(littleEndian(tail.subarray(8)));
  if (tail.length > 0) h1 ^= mixK1(littleEndian(tail.subarray(0, 8)));

  const length = BigInt(data.length);
  h1 ^= length;
  h2 ^= length;
  h1 = (h1 + h2) & MASK;
  h2 = (h2 + h1) & MASK;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h1 = (h1 + h2) & MASK;
  h2 = (h2 + h1) & MASK;
  return [h1, h2];
};
