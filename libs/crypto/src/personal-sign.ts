import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { concatBytes, utf8ToBytes } from './bytes.js';
import { keccak256 } from './keccak.js';
import { publicKeyToAddress } from './keys.js';
import { SIGNATURE_LENGTH } from './signature-backend.js';
import { recoverPublicKey, sign } from './signatures.js';

/**
 * EIP-191 version 0x45 digest: keccak256("\x19Ethereum Signed Message:\n" + decimal length || msg).
 * Revealed-account signatures sign the 32 raw hash bytes, so the prefix ends in "32".
 * SG services/personal/service.go Recover (crypto.TextHash over the hex-decoded message).
 */
export const personalSignDigest = (message: Uint8Array): Uint8Array =>
  keccak256(concatBytes(utf8ToBytes(`\x19Ethereum Signed Message:\n${message.length}`), message));

/** Wallet-style signature: 65 bytes r||s||v with v 27/28. SG services/personal/service.go Sign. */
export const personalSign = (message: Uint8Array, walletPriv: Uint8Array): Uint8Array => {
  const sig = sign(personalSignDigest(message), walletPriv);
  sig[64] = (sig[64] ?? 0) + 27;
  return sig;
};

export interface RecoverPersonalSignOptions {
  /**
   * Accept only v 27/28, exactly as status-go's personal_ecRecover does (it rejects 0/1 with
   * "V is not 27 or 28"; SG services/personal/service.go Recover). Default false: 0/1 accepted too.
   */
  strictV?: boolean;
}

/** Address (lowercase `0x` hex) that personal-signed a message; v 27/28 (and 0/1 unless strictV). */
export const recoverPersonalSignAddress = (
  message: Uint8Array,
  signature: Uint8Array,
  { strictV = false }: RecoverPersonalSignOptions = {},
): Result<string> => {
  if (signature.length !== SIGNATURE_LENGTH)
    return fail(ErrorCode.INVALID_SIGNATURE, `signature must be ${SIGNATURE_LENGTH} bytes`, {
      length: signature.length,
    });
  const v = signature[64] ?? 0;
  let normalised = signature;
  if (v === 27 || v === 28) {
    normalised = signature.slice();
    normalised[64] = v - 27;
  } else if (strictV) {
    return fail(ErrorCode.INVALID_SIGNATURE, 'personal signature V must be 27 or 28', { v });
  }
  const pub = recoverPublicKey(personalSignDigest(message), normalised);
  return pub.ok ? ok(publicKeyToAddress(pub.value)) : pub;
};
