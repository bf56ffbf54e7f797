import { describe, expect, it } from '@jest/globals';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex, bytesToPrefixedHex, concatBytes } from './bytes.js';
import { keccak256 } from './keccak.js';
import { generatePrivateKey, publicKeyFromPrivateKey } from './keys.js';
import { createNativeBackend, loadNativeSecp256k1 } from './native-backend.js';
import { nobleBackend } from './noble-backend.js';
import type { SignatureBackend } from './signature-backend.js';
import {
  loadSignatureBackend,
  recoverPublicKey,
  sign,
  signatureBackend,
  verifySignature,
} from './signatures.js';
import { hex, vectors } from './testing/vectors.js';

const native = loadNativeSecp256k1();
const backends: SignatureBackend[] = native ? [nobleBackend, createNativeBackend(native)] : [nobleBackend];

const ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const memberPriv = hex(vectors.keys.member.private);
const amms = vectors.applicationMetadataMessages;

const toBigInt = (bytes: Uint8Array): bigint => BigInt('0x' + bytesToHex(bytes));
const toBytes32 = (value: bigint): Uint8Array => hex(value.toString(16).padStart(64, '0'));
const withV = (sig: Uint8Array, v: number): Uint8Array => {
  const copy = sig.slice();
  copy[64] = v;
  return copy;
};
/** The malleable twin (r, n − s, v ^ 1): same signer, but high-S. */
const highS = (sig: Uint8Array): Uint8Array =>
  concatBytes(
    sig.subarray(0, 32),
    toBytes32(ORDER - toBigInt(sig.subarray(32, 64))),
    Uint8Array.of((sig[64] ?? 0) ^ 1),
  );

describe('native binding', () => {
  it('loads on this platform (prebuilt libsecp256k1), so both backends are exercised below', () => {
    expect(native).not.toBeNull();
    expect(backends.map((b) => b.name)).toEqual(['noble', 'native']);
  });
});

describe.each(backends.map((b) => [b.name, b] as const))('%s backend', (_name, backend) => {
  it.each(amms.map((amm, i) => [i, amm] as const))(
    'signs AMM vector %i exactly (RFC6979, low-S, v 0/1)',
    (_i, amm) => {
      const sig = backend.sign(hex(amm.keccak256Payload), memberPriv);
      expect(bytesToHex(sig)).toBe(amm.signature);
      expect(bytesToHex(keccak256(hex(amm.payload)))).toBe(amm.keccak256Payload);
    },
  );

  it.each(amms.map((amm, i) => [i, amm] as const))('recovers the signer of AMM vector %i', (_i, amm) => {
    const pub = backend.recover(hex(amm.keccak256Payload), hex(amm.signature));
    expect(pub && bytesToPrefixedHex(pub)).toBe(amm.signer);
  });

  it('verifies against compressed and uncompressed keys, and only the right key', () => {
    const [amm] = amms;
    if (!amm) throw new Error('vector missing');
    const hash = hex(amm.keccak256Payload);
    const sig = hex(amm.signature);
    expect(backend.verify(hash, sig, hex(vectors.keys.member.uncompressed))).toBe(true);
    expect(backend.verify(hash, sig, hex(vectors.keys.member.compressed))).toBe(true);
    expect(backend.verify(hash, sig.subarray(0, 64), hex(vectors.keys.member.compressed))).toBe(true);
    expect(backend.verify(hash, sig, hex(vectors.keys.other.uncompressed))).toBe(false);
    expect(backend.verify(keccak256(hash), sig, hex(vectors.keys.member.uncompressed))).toBe(false);
    expect(backend.verify(hash, sig, new Uint8Array(33))).toBe(false);
    expect(backend.verify(hash, new Uint8Array(65), hex(vectors.keys.member.uncompressed))).toBe(false);
  });

  it('recovers high-S twins (as go-ethereum SigToPub does) but does not verify them', () => {
    const [amm] = amms;
    if (!amm) throw new Error('vector missing');
    const twin = highS(hex(amm.signature));
    const pub = backend.recover(hex(amm.keccak256Payload), twin);
    expect(pub && bytesToPrefixedHex(pub)).toBe(amm.signer);
    expect(backend.verify(hex(amm.keccak256Payload), twin, hex(amm.signer))).toBe(false);
  });

  it('returns null for malformed or unrecoverable signatures', () => {
    const [amm] = amms;
    if (!amm) throw new Error('vector missing');
    const hash = hex(amm.keccak256Payload);
    const sig = hex(amm.signature);
    const zeroR = concatBytes(new Uint8Array(32), sig.subarray(32));
    const zeroS = concatBytes(sig.subarray(0, 32), new Uint8Array(32), sig.subarray(64));
    const rOverflow = concatBytes(toBytes32(ORDER), sig.subarray(32));
    const sOverflow = concatBytes(sig.subarray(0, 32), toBytes32(ORDER + 1n), sig.subarray(64));
    // x = 5 is not the x-coordinate of any curve point, so no R exists.
    const noPoint = concatBytes(toBytes32(5n), sig.subarray(32));
    for (const bad of [
      sig.subarray(0, 64),
      concatBytes(sig, Uint8Array.of(0)),
      withV(sig, 2),
      withV(sig, 27),
      zeroR,
      zeroS,
      rOverflow,
      sOverflow,
      noPoint,
    ])
      expect(backend.recover(hash, bad)).toBeNull();
    expect(backend.recover(hash.subarray(0, 31), sig)).toBeNull();
  });

  it('round-trips random keys and hashes', () => {
    for (let i = 0; i < 10; i++) {
      const priv = generatePrivateKey();
      const hash = keccak256(Uint8Array.of(i));
      const sig = backend.sign(hash, priv);
      expect(sig).toHaveLength(65);
      expect([0, 1]).toContain(sig[64]);
      expect(backend.recover(hash, sig)).toEqual(publicKeyFromPrivateKey(priv));
      expect(backend.verify(hash, sig, publicKeyFromPrivateKey(priv, { compressed: true }))).toBe(true);
    }
  });
});

describe('backends agree', () => {
  it('produce byte-identical signatures and recoveries', () => {
    for (let i = 0; i < 25; i++) {
      const priv = generatePrivateKey();
      const hash = keccak256(priv);
      const sigs = backends.map((b) => bytesToHex(b.sign(hash, priv)));
      expect(new Set(sigs).size).toBe(1);
      const sig = hex(sigs[0] ?? '');
      const recovered = backends.map((b) => bytesToHex(b.recover(hash, sig) ?? new Uint8Array(0)));
      expect(new Set(recovered).size).toBe(1);
    }
  });
});

describe('backends agree on ECDH', () => {
  it("give the same x coordinate, status-go's shared key, both ways and for 33/65-byte keys", () => {
    for (let i = 0; i < 10; i++) {
      const a = generatePrivateKey();
      const b = generatePrivateKey();
      const results = backends.flatMap((backend) => [
        bytesToHex(backend.sharedX(a, publicKeyFromPrivateKey(b)) ?? new Uint8Array(0)),
        bytesToHex(backend.sharedX(a, publicKeyFromPrivateKey(b, { compressed: true })) ?? new Uint8Array(0)),
        bytesToHex(backend.sharedX(b, publicKeyFromPrivateKey(a)) ?? new Uint8Array(0)),
      ]);
      expect(new Set(results).size).toBe(1);
      expect(results[0]).toHaveLength(64);
    }
  });

  it('refuse a key that is not a curve point', () => {
    const offCurve = Uint8Array.of(4, ...new Uint8Array(64).fill(1));
    for (const backend of backends) {
      expect(backend.sharedX(memberPriv, offCurve)).toBeNull();
      expect(backend.sharedX(memberPriv, new Uint8Array(20))).toBeNull();
    }
  });
});

describe('loadSignatureBackend', () => {
  it('chooses native when the binding loads, once, for the module default', () => {
    expect(loadSignatureBackend().name).toBe(native ? 'native' : 'noble');
    expect(signatureBackend.name).toBe(native ? 'native' : 'noble');
  });

  it('falls back to noble when the native loader throws', () => {
    const backend = loadSignatureBackend({
      loadNative: () => {
        throw new Error('Cannot find module secp256k1');
      },
    });
    expect(backend).toBe(nobleBackend);
  });

  it('falls back to noble when the native loader finds nothing', () => {
    expect(loadSignatureBackend({ loadNative: () => null })).toBe(nobleBackend);
  });

  it('uses noble when native is not preferred, without calling the loader', () => {
    let called = false;
    const backend = loadSignatureBackend({
      preferNative: false,
      loadNative: () => {
        called = true;
        return native;
      },
    });
    expect(backend).toBe(nobleBackend);
    expect(called).toBe(false);
  });

  it('the fallback backend still recovers the vectors', () => {
    const backend = loadSignatureBackend({ loadNative: () => null });
    const [amm] = amms;
    if (!amm) throw new Error('vector missing');
    const pub = backend.recover(hex(amm.keccak256Payload), hex(amm.signature));
    expect(pub && bytesToPrefixedHex(pub)).toBe(amm.signer);
  });
});

describe('convenience functions (default backend)', () => {
  const [amm] = amms;
  if (!amm) throw new Error('vector missing');
  const hash = hex(amm.keccak256Payload);
  const sig = hex(amm.signature);

  it('sign / recoverPublicKey / verifySignature work on the vectors', () => {
    expect(bytesToHex(sign(hash, memberPriv))).toBe(amm.signature);
    const pub = recoverPublicKey(hash, sig);
    expect(pub.ok && bytesToPrefixedHex(pub.value)).toBe(amm.signer);
    expect(verifySignature(hash, sig, hex(amm.signer))).toBe(true);
  });

  it.each([
    ['wrong length', sig.subarray(0, 64), /65 bytes/],
    ['v = 27', withV(sig, 27), /recovery id/],
    ['v = 2', withV(sig, 2), /recovery id/],
    ['unrecoverable', concatBytes(new Uint8Array(32), sig.subarray(32)), /does not recover/],
  ])('returns INVALID_SIGNATURE for %s', (_what, bad, message) => {
    const result = recoverPublicKey(hash, bad);
    expect(!result.ok && result.error.code).toBe('INVALID_SIGNATURE');
    expect(!result.ok && result.error.message).toMatch(message);
  });
});

describe('backends agree on public keys', () => {
  it('derive the same 65- and 33-byte keys as @noble/curves', () => {
    for (let i = 0; i < 10; i++) {
      const priv = generatePrivateKey();
      for (const compressed of [false, true]) {
        const expected = bytesToHex(secp256k1.getPublicKey(priv, compressed));
        for (const backend of backends)
          expect(bytesToHex(backend.publicKey(priv, compressed))).toBe(expected);
      }
    }
  });
});

describe('backends agree on converting public keys', () => {
  it('give the same 33- and 65-byte forms of a key given in either form', () => {
    for (let i = 0; i < 10; i++) {
      const priv = generatePrivateKey();
      const forms = [secp256k1.getPublicKey(priv, true), secp256k1.getPublicKey(priv, false)];
      for (const backend of backends)
        for (const given of forms)
          for (const [index, compressed] of [true, false].entries())
            expect(bytesToHex(backend.convertPublicKey(given, compressed) ?? new Uint8Array(0))).toBe(
              bytesToHex(forms[index]!),
            );
    }
  });

  it('refuse what is not a point, and the hybrid 0x06/0x07 form libsecp256k1 alone would parse', () => {
    const key = secp256k1.getPublicKey(generatePrivateKey(), false);
    const hybrid = Uint8Array.of(6 + (key[64]! & 1), ...key.subarray(1));
    const offCurve = Uint8Array.of(4, ...new Uint8Array(64).fill(1));
    for (const backend of backends)
      for (const bad of [hybrid, offCurve, new Uint8Array(33), key.subarray(0, 64)])
        expect(backend.convertPublicKey(bad, true)).toBeNull();
  });
});
