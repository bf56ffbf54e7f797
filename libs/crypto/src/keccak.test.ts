import { describe, expect, it } from '@jest/globals';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, utf8ToBytes } from './bytes.js';
import {
  NATIVE_KECCAK_MIN_BYTES,
  jsKeccak256,
  keccak256,
  keccak256Concat,
  keccakBackendName,
  loadNativeKeccak,
} from './keccak.js';
import { randomBytesFrom, seededRandom } from './testing/vectors.js';

describe('keccak256', () => {
  it('is Keccak-256 (Ethereum), not NIST SHA3-256', () => {
    expect(bytesToHex(keccak256(new Uint8Array(0)))).toBe(
      'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470',
    );
    expect(bytesToHex(keccak256(utf8ToBytes('hello')))).toBe(
      '1c8aff950685c2ed4bc3174f3472287b56d9517b9c948127319a09a7a36deac8',
    );
  });

  it('agrees with @noble/hashes on every length across several rate blocks (136 bytes each)', () => {
    const random = seededRandom(42);
    for (let length = 0; length <= 3 * 136 + 2; length++) {
      const input = randomBytesFrom(random, length);
      expect(bytesToHex(keccak256(input))).toBe(bytesToHex(keccak_256(input)));
    }
  });

  it('hashes views into larger buffers by their own bytes only', () => {
    const buffer = new Uint8Array(300).map((_, i) => i);
    const view = buffer.subarray(17, 217);
    expect(bytesToHex(keccak256(view))).toBe(bytesToHex(keccak_256(view.slice())));
  });

  it('agrees with @noble/hashes on both sides of the native threshold and on a 700 KB description', () => {
    const random = seededRandom(7);
    for (const length of [NATIVE_KECCAK_MIN_BYTES - 1, NATIVE_KECCAK_MIN_BYTES, 5 * 136 + 1000, 700_001]) {
      const input = randomBytesFrom(random, length);
      expect(bytesToHex(keccak256(input))).toBe(bytesToHex(keccak_256(input)));
      expect(bytesToHex(jsKeccak256(input))).toBe(bytesToHex(keccak_256(input)));
    }
  });

  it('hashes parts as their concatenation, on both sides of the native threshold', () => {
    const random = seededRandom(11);
    for (const [a, b, c] of [
      [0, 0, 0],
      [65, 190, 0],
      [1, 135, 1],
      [65, NATIVE_KECCAK_MIN_BYTES - 66, 0],
      [65, NATIVE_KECCAK_MIN_BYTES - 65, 0],
      [3000, 7, 500],
    ] as const) {
      const parts = [a, b, c].map((length) => randomBytesFrom(random, length));
      const whole = new Uint8Array(parts.flatMap((part) => [...part]));
      expect(bytesToHex(keccak256Concat(parts))).toBe(bytesToHex(keccak_256(whole)));
      expect(bytesToHex(keccak256Concat([whole.subarray(5, 40), whole.subarray(40)]))).toBe(
        bytesToHex(keccak_256(whole.subarray(5))),
      );
    }
  });

  it('uses the native binding on this platform (linux-x64 has a prebuild), which hashes as @noble does', () => {
    const native = loadNativeKeccak();
    expect(keccakBackendName).toBe('native');
    const input = randomBytesFrom(seededRandom(9), 4096).subarray(3, 4000);
    expect(bytesToHex(new Uint8Array(native!('keccak256').update(Buffer.from(input)).digest()))).toBe(
      bytesToHex(keccak_256(input)),
    );
  });
});
