// Test-only: status-go's x3dh_test.go keys (ASCII "0"*32 … "3"*32) as used by shared/reference/one-to-one.md §4.
import { publicKeyFromPrivateKey } from '@status-communities/crypto';

const ascii = (digit: string): Uint8Array => new TextEncoder().encode(digit.repeat(32));

export const alicePrivateKey = ascii('0');
export const bobPrivateKey = ascii('2');
export const bobSignedPreKeyPrivateKey = ascii('3');
export const compressedPublicKey = (priv: Uint8Array): Uint8Array =>
  publicKeyFromPrivateKey(priv, { compressed: true });
