import { secp256k1 } from '@noble/curves/secp256k1.js';
import { HASH_LENGTH, SIGNATURE_LENGTH, isRecoverableShape, isSec1Shape } from './signature-backend.js';
import type { SignatureBackend } from './signature-backend.js';

const { Signature } = secp256k1;

/** Pure-JS reference backend (@noble/curves); always available. */
export const nobleBackend: SignatureBackend = {
  name: 'noble',

  sign(hash32, priv) {
    // noble's 'recovered' format puts the recovery byte first; the wire wants it last.
    const recovered = secp256k1.sign(hash32, priv, { prehash: false, format: 'recovered' });
    const out = new Uint8Array(SIGNATURE_LENGTH);
    out.set(recovered.subarray(1), 0);
    out[64] = recovered[0] ?? 0;
    return out;
  },

  recover(hash32, sig65) {
    if (!isRecoverableShape(hash32, sig65)) return null;
    try {
      return Signature.fromBytes(sig65.subarray(0, 64), 'compact')
        .addRecoveryBit(sig65[64] ?? 0)
        .recoverPublicKey(hash32)
        .toBytes(false);
    } catch {
      return null; // r or s out of range, or no curve point for r
    }
  },

  sharedX(priv, pub) {
    try {
      return secp256k1.getSharedSecret(priv, pub, true).subarray(1);
    } catch {
      return null; // not a point on the curve
    }
  },

  publicKey(priv, compressed) {
    return secp256k1.getPublicKey(priv, compressed);
  },

  convertPublicKey(pub, compressed) {
    if (!isSec1Shape(pub)) return null;
    try {
      return secp256k1.Point.fromBytes(pub).toBytes(compressed);
    } catch {
      return null; // not a point on the curve
    }
  },

  verify(hash32, sig65, pub) {
    if (hash32.length !== HASH_LENGTH || sig65.length < 64 || sig65.length > SIGNATURE_LENGTH) return false;
    try {
      return secp256k1.verify(sig65.subarray(0, 64), hash32, pub, { prehash: false, lowS: true });
    } catch {
      return false;
    }
  },
};
