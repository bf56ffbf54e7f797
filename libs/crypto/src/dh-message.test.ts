import { describe, expect, it } from '@jest/globals';
import { ErrorCode, unwrap } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { bytesToHex, utf8ToBytes } from './bytes.js';
import { openWithDh, sealWithDh } from './dh-message.js';
import { generatePrivateKey, publicKeyFromPrivateKey } from './keys.js';
import { oneToOneVectors as v } from './testing/one-to-one-vectors.js';
import { hex } from './testing/vectors.js';

const codeOf = (result: Result<unknown>): string | undefined => (result.ok ? undefined : result.error.code);

describe('DH "none" messages (reference §4.2 DH-path vector)', () => {
  it('seals "hello" to Bob with ephemeral "5"*32 and nonce 01*12 into the vector bytes', () => {
    const sealed = unwrap(
      sealWithDh(utf8ToBytes('hello'), publicKeyFromPrivateKey(v.bob), {
        ephemeralPrivateKey: v.dhEphemeral,
        nonce: hex(v.dhPath.nonce),
      }),
    );
    expect(bytesToHex(sealed.ephemeralPublicKey)).toBe(v.dhPath.ephemeralCompressed);
    expect(bytesToHex(sealed.payload)).toBe(v.dhPath.helloSealed);
  });

  it('Bob opens the vector payload with his identity key', () => {
    const plain = unwrap(openWithDh(hex(v.dhPath.helloSealed), hex(v.dhPath.ephemeralCompressed), v.bob));
    expect(new TextDecoder().decode(plain)).toBe('hello');
  });

  it('round trip with random keys; another identity key cannot open it', () => {
    const recipient = generatePrivateKey();
    const sealed = unwrap(
      sealWithDh(utf8ToBytes('hi bot'), publicKeyFromPrivateKey(recipient, { compressed: true })),
    );
    expect(unwrap(openWithDh(sealed.payload, sealed.ephemeralPublicKey, recipient))).toEqual(
      utf8ToBytes('hi bot'),
    );
    expect(codeOf(openWithDh(sealed.payload, sealed.ephemeralPublicKey, generatePrivateKey()))).toBe(
      ErrorCode.DECRYPTION_FAILED,
    );
  });

  it('garbage header keys and short payloads are MALFORMED_PAYLOAD; a bad recipient is INVALID_KEY', () => {
    const sealed = unwrap(sealWithDh(utf8ToBytes('x'), publicKeyFromPrivateKey(v.bob)));
    expect(codeOf(openWithDh(sealed.payload, new Uint8Array(33).fill(5), v.bob))).toBe(
      ErrorCode.MALFORMED_PAYLOAD,
    );
    expect(codeOf(openWithDh(sealed.payload, publicKeyFromPrivateKey(v.alice), v.bob))).toBe(
      ErrorCode.MALFORMED_PAYLOAD,
    );
    expect(codeOf(openWithDh(new Uint8Array(27), sealed.ephemeralPublicKey, v.bob))).toBe(
      ErrorCode.MALFORMED_PAYLOAD,
    );
    expect(codeOf(sealWithDh(utf8ToBytes('x'), new Uint8Array(33)))).toBe(ErrorCode.INVALID_KEY);
  });
});
