import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { createNativeBackend, loadNativeSecp256k1 } from './native-backend.js';
import type { NativeSecp256k1 } from './native-backend.js';
import { nobleBackend } from './noble-backend.js';
import { HASH_LENGTH, SIGNATURE_LENGTH } from './signature-backend.js';
import type { SignatureBackend } from './signature-backend.js';

export interface LoadSignatureBackendOptions {
  /** Use libsecp256k1 when it loads (default true). */
  preferNative?: boolean;
  /** How to obtain the binding; injectable so tests can simulate a platform without it. */
  loadNative?: () => NativeSecp256k1 | null;
}

/** Native backend when the binding loads, else noble. A loader that throws counts as "absent". */
export const loadSignatureBackend = ({
  preferNative = true,
  loadNative = loadNativeSecp256k1,
}: LoadSignatureBackendOptions = {}): SignatureBackend => {
  if (!preferNative) return nobleBackend;
  try {
    const lib = loadNative();
    return lib ? createNativeBackend(lib) : nobleBackend;
  } catch {
    return nobleBackend;
  }
};

/** The process-wide backend, chosen once at module load. */
export const signatureBackend: SignatureBackend = loadSignatureBackend();

/** Signs a 32-byte hash: 65 bytes r||s||v, v 0/1. SG eth-node/crypto/crypto.go Sign. */
export const sign = (hash32: Uint8Array, priv: Uint8Array): Uint8Array => signatureBackend.sign(hash32, priv);

/**
 * Recovers the 65-byte uncompressed signer of a 32-byte hash. SG eth-node/crypto SigToPub; status-go
 * signatures always carry v 0/1, so 27/28 (EIP-191 style) is rejected here.
 */
export const recoverPublicKey = (hash32: Uint8Array, sig65: Uint8Array): Result<Uint8Array> => {
  const pub = signatureBackend.recover(hash32, sig65);
  if (pub) return ok(pub);
  return fail(ErrorCode.INVALID_SIGNATURE, describeRecoveryFailure(hash32, sig65));
};

const describeRecoveryFailure = (hash32: Uint8Array, sig65: Uint8Array): string => {
  if (sig65.length !== SIGNATURE_LENGTH)
    return `signature must be ${SIGNATURE_LENGTH} bytes, got ${sig65.length}`;
  if (hash32.length !== HASH_LENGTH) return `hash must be ${HASH_LENGTH} bytes, got ${hash32.length}`;
  if (sig65[64] !== 0 && sig65[64] !== 1) return `recovery id must be 0 or 1, got ${sig65[64]}`;
  return 'signature does not recover to a public key';
};

/** Checks a signature against a 33/65-byte public key (recovery id ignored). */
export const verifySignature = (hash32: Uint8Array, sig65: Uint8Array, pub: Uint8Array): boolean =>
  signatureBackend.verify(hash32, sig65, pub);
