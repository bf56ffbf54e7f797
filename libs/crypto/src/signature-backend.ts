/** Length of a recoverable signature `r(32) || s(32) || v(1)`, v ∈ {0, 1} (go-ethereum crypto.Sign). */
export const SIGNATURE_LENGTH = 65;
export const HASH_LENGTH = 32;

/**
 * The secp256k1 operations Status needs, behind one interface so the hot path (two recoveries per
 * received message) can use libsecp256k1 when it loads and @noble otherwise. Inputs are raw 32-byte
 * hashes (no prehashing); signatures are 65 bytes r||s||v with v 0/1, RFC6979 nonces, low-S.
 */
export interface SignatureBackend {
  readonly name: 'native' | 'noble';
  /** Signs a 32-byte hash. Invalid inputs are bugs and throw. */
  sign(hash32: Uint8Array, priv: Uint8Array): Uint8Array;
  /** Recovers the 65-byte uncompressed signer; null for any malformed or unrecoverable input. */
  recover(hash32: Uint8Array, sig65: Uint8Array): Uint8Array | null;
  /** Checks r||s (v ignored) against a 33/65-byte key; high-S is rejected, as libsecp256k1 does. */
  verify(hash32: Uint8Array, sig65: Uint8Array, pub: Uint8Array): boolean;
  /**
   * ECDH: the 32-byte x coordinate of priv·pub (status-go's shared key), null for a key that is not a curve
   * point. The caller checks the private key.
   */
  sharedX(priv: Uint8Array, pub: Uint8Array): Uint8Array | null;
  /** The public key of a valid private key, 65 bytes uncompressed or 33 compressed. Invalid keys are bugs and throw. */
  publicKey(priv: Uint8Array, compressed: boolean): Uint8Array;
  /**
   * A SEC1 public key in the other form (or the same), 33 bytes compressed or 65 uncompressed; null when the
   * bytes are not a point on the curve in the 0x02/0x03 (33) or 0x04 (65) encoding.
   */
  convertPublicKey(pub: Uint8Array, compressed: boolean): Uint8Array | null;
}

/** The encodings both backends accept: libsecp256k1 would also parse the hybrid 0x06/0x07 form, noble not. */
export const isSec1Shape = (pub: Uint8Array): boolean =>
  (pub.length === 33 && (pub[0] === 2 || pub[0] === 3)) || (pub.length === 65 && pub[0] === 4);

/** Shape checks both backends apply before recovery, so they reject exactly the same inputs. */
export const isRecoverableShape = (hash32: Uint8Array, sig65: Uint8Array): boolean =>
  hash32.length === HASH_LENGTH && sig65.length === SIGNATURE_LENGTH && (sig65[64] === 0 || sig65[64] === 1);
