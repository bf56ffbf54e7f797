import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, unwrap } from '@status-communities/errors';
import { SecretBytes, openSecret, sealSecret } from './index.js';
import type { MasterKey, SecretBinding } from './index.js';

const masterKey = (id: string): MasterKey => ({ id, key: SecretBytes.of(randomBytes(32)) });
const k1 = masterKey('k1');
const binding: SecretBinding = {
  id: '0195b3c4-0000-7000-8000-000000000001',
  purpose: 'COMMUNITY_KEY',
  tenantId: '0195b3c4-0000-7000-8000-0000000000aa',
  publicKey: `0x04${'11'.repeat(64)}`,
  masterKeyId: 'k1',
};
const secret = randomBytes(32);

const expectDecryptionFailed = (result: ReturnType<typeof openSecret>): void => {
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.error.code).toBe(ErrorCode.DECRYPTION_FAILED);
    expect(result.error.details).toEqual({ secretId: binding.id, masterKeyId: 'k1' });
  }
};

describe('sealing a secret to its row', () => {
  it('opens what it sealed, and seals the same secret differently each time', () => {
    const a = sealSecret(secret, k1, binding);
    const b = sealSecret(secret, k1, binding);
    expect(a).toHaveLength(12 + 32 + 16);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(Buffer.from(unwrap(openSecret(a, k1, binding))).equals(secret)).toBe(true);
    expect(Buffer.from(a).includes(secret)).toBe(false);
  });

  it('fails typed under a wrong master key, even one with the same id', () => {
    const sealed = sealSecret(secret, k1, binding);
    expectDecryptionFailed(openSecret(sealed, { id: 'k1', key: SecretBytes.of(randomBytes(32)) }, binding));
  });

  it.each([
    ['id', { id: '0195b3c4-0000-7000-8000-000000000002' }],
    ['purpose', { purpose: 'IDENTITY_KEY' }],
    ['tenant', { tenantId: null }],
    ['public key', { publicKey: `0x04${'22'.repeat(64)}` }],
    ['master key id', { masterKeyId: 'k0' }],
  ])('fails when the row has another %s', (_field, change) => {
    const sealed = sealSecret(secret, k1, binding);
    const result = openSecret(sealed, k1, { ...binding, ...change });
    expect(!result.ok && result.error.code).toBe(ErrorCode.DECRYPTION_FAILED);
  });

  it('fails on any altered or truncated byte', () => {
    const sealed = sealSecret(secret, k1, binding);
    for (const index of [0, 11, 12, 43, 44, sealed.length - 1]) {
      const altered = Uint8Array.from(sealed);
      altered[index] = (altered[index] ?? 0) ^ 0x01;
      expectDecryptionFailed(openSecret(altered, k1, binding));
    }
    expectDecryptionFailed(openSecret(sealed.subarray(0, 27), k1, binding));
    expectDecryptionFailed(openSecret(sealed.subarray(0, sealed.length - 1), k1, binding));
  });

  it('refuses to seal under a key the binding does not name (a bug)', () => {
    expect(() => sealSecret(secret, masterKey('k2'), binding)).toThrow(/names master key k1/);
  });
});
