import { describe, expect, it } from '@jest/globals';
import { base58 } from '@scure/base';
import { bytesToPrefixedHex, concatBytes } from './bytes.js';
import { hex, vectors } from './testing/vectors.js';
import { deserializePublicKey, serializePublicKey } from './zq3.js';

describe('zQ3 serialized keys', () => {
  it.each(vectors.serializedKeys.map((v) => [v.serialized, v] as const))(
    'serializes and parses %s',
    (_s, v) => {
      const serialized = serializePublicKey(hex(v.compressed));
      expect(serialized.ok && serialized.value).toBe(v.serialized);
      expect(v.serialized.startsWith('zQ3sh')).toBe(true);
      const parsed = deserializePublicKey(v.serialized);
      expect(parsed.ok && bytesToPrefixedHex(parsed.value)).toBe(v.compressed);
    },
  );

  it('serializes an uncompressed key to the same string', () => {
    const serialized = serializePublicKey(hex(vectors.keys.community.uncompressed));
    expect(serialized.ok && serialized.value).toBe(vectors.serializedKeys[0]?.serialized);
  });

  it('refuses to serialize something that is not a key', () => {
    const result = serializePublicKey(new Uint8Array(33));
    expect(!result.ok && result.error.code).toBe('INVALID_KEY');
  });

  const key = hex(vectors.keys.member.compressed);
  const encode = (bytes: Uint8Array): string => 'z' + base58.encode(bytes);
  const offCurve = new Uint8Array(33);
  offCurve[0] = 2;
  offCurve[32] = 5; // x = 5 is not on secp256k1

  it.each([
    ['another multibase prefix', 'f' + (vectors.serializedKeys[0]?.serialized ?? '').slice(1)],
    ['an empty string', ''],
    ['non-base58 characters (0, O, I, l)', 'zQ3sh0OIl'],
    ['the ed25519 multicodec', encode(concatBytes(Uint8Array.of(0xed, 0x01), key))],
    ['a missing multicodec', encode(key)],
    ['a truncated key', encode(concatBytes(Uint8Array.of(0xe7, 0x01), key.subarray(0, 32)))],
    ['a trailing byte', encode(concatBytes(Uint8Array.of(0xe7, 0x01), key, Uint8Array.of(0)))],
    [
      'an uncompressed key',
      encode(concatBytes(Uint8Array.of(0xe7, 0x01), hex(vectors.keys.member.uncompressed))),
    ],
    ['a point off the curve', encode(concatBytes(Uint8Array.of(0xe7, 0x01), offCurve))],
  ])('rejects %s with INVALID_KEY', (_what, text) => {
    const result = deserializePublicKey(text);
    expect(!result.ok && result.error.code).toBe('INVALID_KEY');
  });
});
