import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  decryptGcmNonceFirst,
  decryptGcmNonceLast,
  encryptGcmNonceFirst,
  encryptGcmNonceLast,
} from './aes-gcm.js';
import { utf8ToBytes } from './bytes.js';

const key = new Uint8Array(32).fill(7);
const nonce = Uint8Array.from({ length: 12 }, (_, i) => i);
const plaintext = utf8ToBytes('hash ratchet message');

/** Independent reference: OpenSSL AES-256-GCM ct and tag for the fixed key and nonce. */
const reference = (): { ct: Buffer; tag: Buffer } => {
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ct, tag: cipher.getAuthTag() };
};

describe('AES-256-GCM, nonce last (ct || tag || nonce)', () => {
  it('lays out ciphertext, tag, then nonce', () => {
    const { ct, tag } = reference();
    expect(encryptGcmNonceLast(plaintext, key, nonce)).toEqual(
      new Uint8Array(Buffer.concat([ct, tag, nonce])),
    );
  });

  it('round-trips with a random nonce', () => {
    const sealed = encryptGcmNonceLast(plaintext, key);
    expect(sealed).toHaveLength(plaintext.length + 28);
    const opened = decryptGcmNonceLast(sealed, key);
    expect(opened.ok && opened.value).toEqual(plaintext);
  });

  it('opens into a plain Uint8Array of its own memory, empty plaintext included', () => {
    for (const bytes of [plaintext, new Uint8Array(0), new Uint8Array(5000).fill(3)]) {
      const opened = decryptGcmNonceLast(encryptGcmNonceLast(bytes, key), key);
      if (!opened.ok) throw opened.error;
      expect(Object.getPrototypeOf(opened.value)).toBe(Uint8Array.prototype);
      expect(opened.value.buffer.byteLength).toBe(bytes.length);
      expect(opened.value).toEqual(bytes);
    }
  });

  it('fails with DECRYPTION_FAILED on a wrong key or a flipped bit', () => {
    const sealed = encryptGcmNonceLast(plaintext, key);
    const wrongKey = decryptGcmNonceLast(sealed, new Uint8Array(32).fill(8));
    expect(!wrongKey.ok && wrongKey.error.code).toBe('DECRYPTION_FAILED');
    for (const index of [0, sealed.length - 13, sealed.length - 1]) {
      const tampered = sealed.slice();
      tampered[index] = (tampered[index] ?? 0) ^ 1;
      const result = decryptGcmNonceLast(tampered, key);
      expect(!result.ok && result.error.code).toBe('DECRYPTION_FAILED');
    }
  });

  it('reports short input as MALFORMED_PAYLOAD and a bad key as INVALID_KEY', () => {
    const short = decryptGcmNonceLast(new Uint8Array(27), key);
    expect(!short.ok && short.error.code).toBe('MALFORMED_PAYLOAD');
    const badKey = decryptGcmNonceLast(new Uint8Array(40), new Uint8Array(16));
    expect(!badKey.ok && badKey.error.code).toBe('INVALID_KEY');
  });

  it('treats a wrong key length on encrypt as a bug', () => {
    expect(() => encryptGcmNonceLast(plaintext, new Uint8Array(16))).toThrow(RangeError);
  });
});

describe('AES-256-GCM, nonce first (nonce || ct || tag)', () => {
  it('lays out nonce, ciphertext, then tag; a 32-byte key gives a 60-byte blob', () => {
    const { ct, tag } = reference();
    expect(encryptGcmNonceFirst(plaintext, key, nonce)).toEqual(
      new Uint8Array(Buffer.concat([nonce, ct, tag])),
    );
    expect(encryptGcmNonceFirst(new Uint8Array(32), key)).toHaveLength(60);
  });

  it('round-trips and rejects tampering', () => {
    const sealed = encryptGcmNonceFirst(plaintext, key);
    const opened = decryptGcmNonceFirst(sealed, key);
    expect(opened.ok && opened.value).toEqual(plaintext);
    const tampered = sealed.slice();
    tampered[0] = (tampered[0] ?? 0) ^ 1;
    const result = decryptGcmNonceFirst(tampered, key);
    expect(!result.ok && result.error.code).toBe('DECRYPTION_FAILED');
  });

  it('does not open a nonce-last blob (the layouts are not interchangeable)', () => {
    const result = decryptGcmNonceFirst(encryptGcmNonceLast(plaintext, key), key);
    expect(!result.ok && result.error.code).toBe('DECRYPTION_FAILED');
  });
});
