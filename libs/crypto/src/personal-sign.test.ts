import { describe, expect, it } from '@jest/globals';
import { bytesToHex, utf8ToBytes } from './bytes.js';
import { keccak256 } from './keccak.js';
import { generatePrivateKey, publicKeyFromPrivateKey, publicKeyToAddress } from './keys.js';
import { personalSign, personalSignDigest, recoverPersonalSignAddress } from './personal-sign.js';
import { hex, vectors } from './testing/vectors.js';

const rtj = vectors.requestToJoin;
const message = hex(rtj.revealedAccountHash);
const walletPriv = hex(rtj.wallet.private);

describe('EIP-191 personal sign', () => {
  it('computes the vector digest over the 32 raw hash bytes', () => {
    expect(message).toHaveLength(32);
    expect(bytesToHex(personalSignDigest(message))).toBe(rtj.personalSignDigest);
  });

  it('puts the decimal length in the prefix for other lengths', () => {
    const msg = utf8ToBytes('hello');
    expect(personalSignDigest(msg)).toEqual(keccak256(utf8ToBytes('\x19Ethereum Signed Message:\n5hello')));
  });

  it('signs the vector exactly, with v = 27/28', () => {
    const sig = personalSign(message, walletPriv);
    expect(bytesToHex(sig)).toBe(rtj.personalSignature27);
    expect([27, 28]).toContain(sig[64]);
  });

  it('recovers the wallet address from v 27/28 and from v 0/1', () => {
    const sig = hex(rtj.personalSignature27);
    const recovered = recoverPersonalSignAddress(message, sig);
    expect(recovered.ok && recovered.value).toBe(rtj.wallet.address);
    const zeroOne = sig.slice();
    zeroOne[64] = (zeroOne[64] ?? 0) - 27;
    const recoveredZeroOne = recoverPersonalSignAddress(message, zeroOne);
    expect(recoveredZeroOne.ok && recoveredZeroOne.value).toBe(rtj.wallet.address);
    // The caller's signature is not modified.
    expect(bytesToHex(sig)).toBe(rtj.personalSignature27);
  });

  it('with strictV accepts only 27/28, like status-go personal_ecRecover', () => {
    const sig = hex(rtj.personalSignature27);
    const ok = recoverPersonalSignAddress(message, sig, { strictV: true });
    expect(ok.ok && ok.value).toBe(rtj.wallet.address);
    const zeroOne = sig.slice();
    zeroOne[64] = (zeroOne[64] ?? 0) - 27;
    const rejected = recoverPersonalSignAddress(message, zeroOne, { strictV: true });
    expect(!rejected.ok && rejected.error.code).toBe('INVALID_SIGNATURE');
  });

  it('recovers a different address for a different message (signature does not match)', () => {
    const other = recoverPersonalSignAddress(keccak256(message), hex(rtj.personalSignature27));
    expect(other.ok && other.value).not.toBe(rtj.wallet.address);
  });

  it('rejects wrong length and v outside {0, 1, 27, 28}', () => {
    const sig = hex(rtj.personalSignature27);
    const v29 = sig.slice();
    v29[64] = 29;
    for (const bad of [sig.subarray(0, 64), v29]) {
      const result = recoverPersonalSignAddress(message, bad);
      expect(!result.ok && result.error.code).toBe('INVALID_SIGNATURE');
    }
  });

  it('round-trips random wallets', () => {
    for (let i = 0; i < 5; i++) {
      const priv = generatePrivateKey();
      const msg = keccak256(priv);
      const recovered = recoverPersonalSignAddress(msg, personalSign(msg, priv));
      expect(recovered.ok && recovered.value).toBe(publicKeyToAddress(publicKeyFromPrivateKey(priv)));
    }
  });
});
