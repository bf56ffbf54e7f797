import { describe, expect, it } from '@jest/globals';
import { bytesToPrefixedHex } from './bytes.js';
import {
  compressPublicKey,
  decompressPublicKey,
  ecdhSharedX,
  generatePrivateKey,
  isValidPrivateKey,
  isValidPublicKey,
  parsePrivateKey,
  parsePublicKeyHex,
  publicKeyFromPrivateKey,
  publicKeyToAddress,
  publicKeyToCompressedHex,
  publicKeyToHex,
} from './keys.js';
import { hex, vectors } from './testing/vectors.js';

const { community, member, other } = vectors.keys;
// n, the group order: the smallest 32-byte value that is not a valid private key.
const ORDER = hex('fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141');

describe('private keys', () => {
  it('derives the vector public keys, uncompressed by default', () => {
    expect(bytesToPrefixedHex(publicKeyFromPrivateKey(hex(community.private)))).toBe(community.uncompressed);
    expect(bytesToPrefixedHex(publicKeyFromPrivateKey(hex(member.private), { compressed: true }))).toBe(
      member.compressed,
    );
    expect(bytesToPrefixedHex(publicKeyFromPrivateKey(hex(other.private)))).toBe(other.uncompressed);
  });

  it('generates distinct valid keys', () => {
    const a = generatePrivateKey();
    const b = generatePrivateKey();
    expect(isValidPrivateKey(a)).toBe(true);
    expect(a).not.toEqual(b);
  });

  it('rejects zero, n and wrong lengths', () => {
    expect(isValidPrivateKey(new Uint8Array(32))).toBe(false);
    expect(isValidPrivateKey(ORDER)).toBe(false);
    expect(isValidPrivateKey(new Uint8Array(31).fill(1))).toBe(false);
    expect(isValidPrivateKey(new Uint8Array(33).fill(1))).toBe(false);
  });

  it('parses configuration hex and reports the failure kind', () => {
    const good = parsePrivateKey('0x' + member.private);
    expect(good.ok && bytesToPrefixedHex(good.value)).toBe('0x' + member.private);
    const badHex = parsePrivateKey('0xzz');
    expect(!badHex.ok && badHex.error.code).toBe('INVALID_HEX');
    const zero = parsePrivateKey('00'.repeat(32));
    expect(!zero.ok && zero.error.code).toBe('INVALID_KEY');
  });
});

describe('public key forms', () => {
  it('compresses and decompresses the vector keys', () => {
    const compressed = compressPublicKey(hex(community.uncompressed));
    expect(compressed.ok && bytesToPrefixedHex(compressed.value)).toBe(community.compressed);
    const uncompressed = decompressPublicKey(hex(member.compressed));
    expect(uncompressed.ok && bytesToPrefixedHex(uncompressed.value)).toBe(member.uncompressed);
    // Already in the target form: returned unchanged.
    const same = compressPublicKey(hex(member.compressed));
    expect(same.ok && bytesToPrefixedHex(same.value)).toBe(member.compressed);
  });

  it('returns INVALID_KEY for points off the curve', () => {
    // x = 5 has no y on secp256k1 (5^3 + 7 = 132 is a non-residue mod p).
    const offCurve = new Uint8Array(33);
    offCurve[0] = 2;
    offCurve[32] = 5;
    const badPrefix = hex(member.compressed);
    badPrefix[0] = 5;
    const tamperedY = hex(member.uncompressed);
    tamperedY[64] = (tamperedY[64] ?? 0) ^ 1;
    for (const key of [
      offCurve,
      badPrefix,
      tamperedY,
      new Uint8Array(33),
      new Uint8Array(64),
      Uint8Array.of(0),
    ]) {
      const result = decompressPublicKey(key);
      expect(!result.ok && result.error.code).toBe('INVALID_KEY');
      expect(isValidPublicKey(key)).toBe(false);
    }
  });

  it('renders member keys as 0x04… and community IDs as 0x02/03…', () => {
    expect(publicKeyToHex(hex(member.compressed))).toBe(member.uncompressed);
    expect(publicKeyToHex(hex(member.uncompressed))).toBe(member.uncompressed);
    expect(publicKeyToCompressedHex(hex(community.uncompressed))).toBe(community.compressed);
    expect(publicKeyToCompressedHex(hex(community.compressed))).toBe(community.compressed);
    expect(community.compressed).toHaveLength(68);
    expect(member.uncompressed).toHaveLength(132);
  });

  it('throws (a caller bug) when asked to render an invalid key', () => {
    expect(() => publicKeyToHex(new Uint8Array(33))).toThrow(
      expect.objectContaining({ code: 'INVALID_KEY' }),
    );
  });

  it('parses both string forms and rejects anything else', () => {
    const c = parsePublicKeyHex(community.compressed);
    expect(c.ok && c.value.length).toBe(33);
    const u = parsePublicKeyHex(member.uncompressed);
    expect(u.ok && u.value.length).toBe(65);
    const cases: [string, string][] = [
      [community.compressed.slice(2), 'INVALID_KEY'], // no 0x
      [community.compressed + '00', 'INVALID_KEY'], // wrong length
      [member.uncompressed.slice(0, -2), 'INVALID_KEY'],
      ['0x' + 'zz'.repeat(33), 'INVALID_HEX'],
      ['0x02' + '00'.repeat(32), 'INVALID_KEY'], // x = 0 is not on the curve
    ];
    for (const [text, code] of cases) {
      const result = parsePublicKeyHex(text);
      expect(!result.ok && result.error.code).toBe(code);
    }
  });
});

describe('addresses', () => {
  it('derives the wallet address of the requestToJoin vector', () => {
    const { wallet } = vectors.requestToJoin;
    const pub = publicKeyFromPrivateKey(hex(wallet.private));
    expect(publicKeyToAddress(pub)).toBe(wallet.address);
    expect(publicKeyToAddress(publicKeyFromPrivateKey(hex(wallet.private), { compressed: true }))).toBe(
      wallet.address,
    );
  });
});

describe('ecdhSharedX', () => {
  it('is symmetric and 32 bytes', () => {
    const ab = ecdhSharedX(hex(member.private), hex(community.uncompressed));
    const ba = ecdhSharedX(hex(community.private), hex(member.compressed));
    expect(ab.ok && ab.value.length).toBe(32);
    expect(ab.ok && ba.ok && ab.value).toEqual(ba.ok && ba.value);
  });

  it('reports invalid keys', () => {
    const badPub = ecdhSharedX(hex(member.private), new Uint8Array(33));
    expect(!badPub.ok && badPub.error.code).toBe('INVALID_KEY');
    const badPriv = ecdhSharedX(new Uint8Array(32), hex(member.compressed));
    expect(!badPriv.ok && badPriv.error.code).toBe('INVALID_KEY');
  });
});
