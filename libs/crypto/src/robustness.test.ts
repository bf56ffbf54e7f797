import { describe, expect, it } from '@jest/globals';
import { isStatusError } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { encryptGcmNonceLast } from './aes-gcm.js';
import { hexToBytes } from './bytes.js';
import { eciesEncrypt } from './ecies.js';
import { compressPublicKey, decompressPublicKey, parsePublicKeyHex } from './keys.js';
import { recoverPersonalSignAddress } from './personal-sign.js';
import { recoverPublicKey } from './signatures.js';
import { hex, randomBytesFrom, seededRandom, vectors } from './testing/vectors.js';
import { decodeAsymmetric, decodeSymmetric } from './waku-payload.js';
import { deserializePublicKey } from './zq3.js';

// Property-style: every decoder fed random, truncated or bit-flipped input returns a Result, and a
// failure always carries a StatusError with a code. A throw fails the test. Seeded, so reproducible.
const random = seededRandom(0x5eed);
const symKey = hex(vectors.wakuPayloadV1[0]?.symKey ?? '');
const communityPriv = hex(vectors.keys.community.private);
const communityPub = hex(vectors.keys.community.uncompressed);
const validSym = hex(vectors.wakuPayloadV1[0]?.encryptedPayload ?? '');
const validEcies = hex(vectors.wakuPayloadV1[1]?.encryptedPayload ?? '');
const validSig = hex(vectors.applicationMetadataMessages[0]?.signature ?? '');
const validHash = hex(vectors.applicationMetadataMessages[0]?.keccak256Payload ?? '');

const expectTyped = <T>(run: () => Result<T>, allowed: readonly string[]): void => {
  let result: Result<T> | undefined;
  expect(() => {
    result = run();
  }).not.toThrow();
  if (result && !result.ok) {
    expect(isStatusError(result.error)).toBe(true);
    expect(allowed).toContain(result.error.code);
  }
};

const randomInputs = (count: number, maxLength: number): Uint8Array[] =>
  Array.from({ length: count }, () => randomBytesFrom(random, random(maxLength + 1)));

const truncations = (bytes: Uint8Array): Uint8Array[] =>
  Array.from({ length: bytes.length }, (_, i) => bytes.subarray(0, i));

const bitFlips = (bytes: Uint8Array, count: number): Uint8Array[] =>
  Array.from({ length: count }, () => {
    const copy = bytes.slice();
    const index = random(copy.length);
    copy[index] = (copy[index] ?? 0) ^ (1 << random(8));
    return copy;
  });

const PAYLOAD_CODES = ['MALFORMED_PAYLOAD', 'DECRYPTION_FAILED', 'UNSIGNED_ENVELOPE', 'INVALID_SIGNATURE'];

describe('decoders never throw on hostile input', () => {
  it('decodeSymmetric: random bytes, truncations, bit flips, random plaintexts under the right key', () => {
    const inputs = [...randomInputs(300, 600), ...truncations(validSym), ...bitFlips(validSym, 100)];
    // Random plaintexts sealed with the real key reach the layout parser rather than the cipher.
    for (let i = 0; i < 300; i++)
      inputs.push(encryptGcmNonceLast(randomBytesFrom(random, random(400)), symKey));
    for (const input of inputs) expectTyped(() => decodeSymmetric(input, symKey), PAYLOAD_CODES);
    expectTyped(() => decodeSymmetric(validSym, new Uint8Array(5)), ['INVALID_KEY']);
  });

  it('decodeAsymmetric: random bytes, truncations, bit flips, random plaintexts to the right key', () => {
    const inputs = [...randomInputs(150, 400), ...truncations(validEcies), ...bitFlips(validEcies, 100)];
    for (let i = 0; i < 150; i++) {
      const sealed = eciesEncrypt(randomBytesFrom(random, random(400)), communityPub);
      if (sealed.ok) inputs.push(sealed.value);
    }
    // A random prefix byte 4 followed by random bytes exercises the ephemeral-key check.
    for (const input of randomInputs(50, 200)) inputs.push(Uint8Array.of(4, ...input));
    for (const input of inputs) expectTyped(() => decodeAsymmetric(input, communityPriv), PAYLOAD_CODES);
    expectTyped(() => decodeAsymmetric(validEcies, new Uint8Array(32)), ['INVALID_KEY']);
  });

  it('recoverPublicKey and recoverPersonalSignAddress: random signatures and hashes of any length', () => {
    const sigs = [...randomInputs(200, 70), ...truncations(validSig), ...bitFlips(validSig, 100)];
    // Random 65-byte signatures with v forced to 0/1 reach the curve math.
    for (let i = 0; i < 100; i++) {
      const sig = randomBytesFrom(random, 65);
      sig[64] = random(2);
      sigs.push(sig);
    }
    for (const sig of sigs) {
      expectTyped(() => recoverPublicKey(validHash, sig), ['INVALID_SIGNATURE']);
      expectTyped(() => recoverPersonalSignAddress(validHash, sig), ['INVALID_SIGNATURE']);
    }
    for (const hash of randomInputs(50, 40))
      expectTyped(() => recoverPublicKey(hash, validSig), ['INVALID_SIGNATURE']);
  });

  it('deserializePublicKey: random strings, truncations and character swaps', () => {
    const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0OIl+/=é ';
    const valid = vectors.serializedKeys[0]?.serialized ?? '';
    const inputs: string[] = [];
    for (let i = 0; i < 300; i++)
      inputs.push(Array.from({ length: random(60) }, () => alphabet[random(alphabet.length)]).join(''));
    for (let i = 0; i < valid.length; i++) inputs.push(valid.slice(0, i));
    for (let i = 0; i < 100; i++) {
      const at = random(valid.length);
      inputs.push(valid.slice(0, at) + alphabet[random(58)] + valid.slice(at + 1));
    }
    for (const input of inputs) expectTyped(() => deserializePublicKey(input), ['INVALID_KEY']);
  });

  it('hexToBytes and parsePublicKeyHex: random strings', () => {
    const alphabet = '0123456789abcdefABCDEFxXg \u0000é';
    for (let i = 0; i < 500; i++) {
      const text = Array.from({ length: random(140) }, () => alphabet[random(alphabet.length)]).join('');
      expectTyped(() => hexToBytes(text), ['INVALID_HEX']);
      expectTyped(() => parsePublicKeyHex(text), ['INVALID_HEX', 'INVALID_KEY']);
      expectTyped(() => parsePublicKeyHex('0x04' + text), ['INVALID_HEX', 'INVALID_KEY']);
    }
  });

  it('decompressPublicKey and compressPublicKey: random bytes with valid-looking prefixes', () => {
    const inputs = randomInputs(200, 70);
    for (let i = 0; i < 200; i++) {
      const key = randomBytesFrom(random, i % 2 ? 33 : 65);
      key[0] = i % 2 ? 2 + random(2) : 4;
      inputs.push(key);
    }
    inputs.push(...truncations(communityPub));
    for (const input of inputs) {
      expectTyped(() => decompressPublicKey(input), ['INVALID_KEY']);
      expectTyped(() => compressPublicKey(input), ['INVALID_KEY']);
    }
  });
});
