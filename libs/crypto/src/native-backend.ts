import { createRequire } from 'node:module';
import { HASH_LENGTH, SIGNATURE_LENGTH, isRecoverableShape, isSec1Shape } from './signature-backend.js';
import type { SignatureBackend } from './signature-backend.js';

/** The part of the `secp256k1` 5.x package (libsecp256k1 N-API binding) this backend uses. */
export interface NativeSecp256k1 {
  ecdsaSign(msg32: Uint8Array, seckey: Uint8Array): { signature: Uint8Array; recid: number };
  ecdsaRecover(sig64: Uint8Array, recid: number, msg32: Uint8Array, compressed: boolean): Uint8Array;
  ecdsaVerify(sig64: Uint8Array, msg32: Uint8Array, pubkey: Uint8Array): boolean;
  publicKeyCreate(seckey: Uint8Array, compressed: boolean): Uint8Array;
  publicKeyConvert(pubkey: Uint8Array, compressed: boolean): Uint8Array;
  ecdh(
    pubkey: Uint8Array,
    seckey: Uint8Array,
    options: { hashfn: (x: Uint8Array, y: Uint8Array) => Uint8Array },
    output: Uint8Array,
  ): Uint8Array;
}

const isNativeSecp256k1 = (value: unknown): value is NativeSecp256k1 => {
  const candidate = value as Partial<Record<keyof NativeSecp256k1, unknown>> | null;
  return (
    typeof candidate?.ecdsaSign === 'function' &&
    typeof candidate.ecdsaRecover === 'function' &&
    typeof candidate.ecdsaVerify === 'function' &&
    typeof candidate.ecdh === 'function' &&
    typeof candidate.publicKeyCreate === 'function' &&
    typeof candidate.publicKeyConvert === 'function'
  );
};

/**
 * Loads the prebuilt binding, or returns null. It requires `secp256k1/bindings.js` rather than the
 * package main, because the main silently falls back to pure-JS `elliptic` (slower than noble).
 */
export const loadNativeSecp256k1 = (): NativeSecp256k1 | null => {
  try {
    const loaded: unknown = createRequire(import.meta.url)('secp256k1/bindings.js');
    return isNativeSecp256k1(loaded) ? loaded : null;
  } catch {
    return null; // optional dependency absent, or no prebuild for this platform
  }
};

/** Backend over libsecp256k1 (RFC6979 nonces, always low-S, as go-ethereum's crypto.Sign). */
export const createNativeBackend = (lib: NativeSecp256k1): SignatureBackend => ({
  name: 'native',

  sign(hash32, priv) {
    const { signature, recid } = lib.ecdsaSign(hash32, priv);
    const out = new Uint8Array(SIGNATURE_LENGTH);
    out.set(signature, 0);
    out[64] = recid;
    return out;
  },

  recover(hash32, sig65) {
    if (!isRecoverableShape(hash32, sig65)) return null;
    try {
      return lib.ecdsaRecover(sig65.subarray(0, 64), sig65[64] ?? 0, hash32, false);
    } catch {
      return null; // the binding throws for r/s overflow and for unrecoverable signatures
    }
  },

  sharedX(priv, pub) {
    if (pub.length !== 33 && pub.length !== 65) return null;
    try {
      // The hash function sees x and y; returning x gives the raw coordinate, as status-go's GenerateShared.
      return lib.ecdh(pub, priv, { hashfn: (x) => new Uint8Array(x) }, new Uint8Array(32));
    } catch {
      return null; // the binding throws for a key that does not parse
    }
  },

  publicKey(priv, compressed) {
    return lib.publicKeyCreate(priv, compressed);
  },

  convertPublicKey(pub, compressed) {
    if (!isSec1Shape(pub)) return null;
    try {
      return lib.publicKeyConvert(pub, compressed);
    } catch {
      return null; // not a point on the curve
    }
  },

  verify(hash32, sig65, pub) {
    if (hash32.length !== HASH_LENGTH || sig65.length < 64 || sig65.length > SIGNATURE_LENGTH) return false;
    try {
      return lib.ecdsaVerify(sig65.subarray(0, 64), hash32, pub);
    } catch {
      return false; // unparsable signature or public key
    }
  },
});
