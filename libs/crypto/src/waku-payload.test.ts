import { describe, expect, it } from '@jest/globals';
import { decryptGcmNonceLast, encryptGcmNonceLast } from './aes-gcm.js';
import { bytesToHex, bytesToPrefixedHex, concatBytes } from './bytes.js';
import { eciesDecrypt, eciesEncrypt } from './ecies.js';
import { keccak256 } from './keccak.js';
import { generatePrivateKey, publicKeyFromPrivateKey } from './keys.js';
import { recoverPublicKey, sign } from './signatures.js';
import { hex, vectors } from './testing/vectors.js';
import { decodeAsymmetric, decodeSymmetric, encodeAsymmetric, encodeSymmetric } from './waku-payload.js';

const [symVector, eciesVector] = vectors.wakuPayloadV1;
if (!symVector?.symKey || !eciesVector) throw new Error('wakuPayloadV1 vectors missing');
const symKey = hex(symVector.symKey);
const senderPriv = hex(vectors.keys.member.private);
const senderPub = hex(vectors.keys.member.uncompressed);
const communityPriv = hex(vectors.keys.community.private);
const communityPub = hex(vectors.keys.community.uncompressed);

/** Signs and pads nothing: a hand-built plaintext to feed malformed layouts through a real cipher. */
const sealPlain = (plain: Uint8Array): Uint8Array => encryptGcmNonceLast(plain, symKey);
const signedPlain = (body: Uint8Array, priv = senderPriv): Uint8Array =>
  concatBytes(body, sign(keccak256(body), priv));

const openPlain = (payload: Uint8Array): Uint8Array => {
  const plain = decryptGcmNonceLast(payload, symKey);
  if (!plain.ok) throw plain.error;
  return plain.value;
};

describe('decoding the status-wire vectors', () => {
  it('decodes the symmetric vector (ChatMessage AMM, signed by member)', () => {
    const result = decodeSymmetric(hex(symVector.encryptedPayload), symKey);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(bytesToHex(result.value.data)).toBe(symVector.expectedData);
    expect(bytesToPrefixedHex(result.value.signer)).toBe(symVector.expectedSigner);
    expect(result.value.signature).toHaveLength(65);
  });

  it('decodes the ECIES vector with the community key (RequestToLeave AMM)', () => {
    const result = decodeAsymmetric(hex(eciesVector.encryptedPayload), communityPriv);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(bytesToHex(result.value.data)).toBe(eciesVector.expectedData);
    expect(bytesToPrefixedHex(result.value.signer)).toBe(eciesVector.expectedSigner);
  });

  it('fails to decode the vectors with the wrong keys', () => {
    const sym = decodeSymmetric(hex(symVector.encryptedPayload), new Uint8Array(32));
    expect(!sym.ok && sym.error.code).toBe('DECRYPTION_FAILED');
    const asym = decodeAsymmetric(hex(eciesVector.encryptedPayload), hex(vectors.keys.other.private));
    expect(!asym.ok && asym.error.code).toBe('DECRYPTION_FAILED');
  });
});

describe('encoding layout (go-waku payload v1)', () => {
  // Boundaries of the size field (1..4 bytes) and of the padding (unpadded size ≡ 0 mod 256 → 256 bytes).
  it.each([0, 1, 189, 190, 255, 256, 65535, 65536, 70000])('lays out %i data bytes correctly', (length) => {
    const data = Uint8Array.from({ length }, (_, i) => i % 251);
    const plain = openPlain(encodeSymmetric(data, symKey, senderPriv));
    const sizeLength = length < 256 ? 1 : length < 65536 ? 2 : 3;
    expect(plain.length % 256).toBe(0);
    expect(plain[0]).toBe(0x04 | sizeLength);
    let declared = 0;
    for (let i = sizeLength; i >= 1; i--) declared = declared * 256 + (plain[i] ?? 0);
    expect(declared).toBe(length);
    expect(plain.subarray(1 + sizeLength, 1 + sizeLength + length)).toEqual(data);
    const padding = plain.length - (1 + sizeLength + length + 65);
    expect(padding).toBeGreaterThanOrEqual(1);
    expect(padding).toBeLessThanOrEqual(256);
    const signer = recoverPublicKey(keccak256(plain.subarray(0, -65)), plain.subarray(-65));
    expect(signer.ok && signer.value).toEqual(senderPub);
  });

  it('pads 189 data bytes with a full 256 bytes (unpadded size is exactly 256)', () => {
    const plain = openPlain(encodeSymmetric(new Uint8Array(189), symKey, senderPriv));
    expect(plain.length).toBe(512);
  });

  it('round-trips symmetric payloads and reports the sender', () => {
    const data = Uint8Array.of(1, 2, 3);
    const result = decodeSymmetric(encodeSymmetric(data, symKey, senderPriv), symKey);
    expect(result.ok && result.value.data).toEqual(data);
    expect(result.ok && result.value.signer).toEqual(senderPub);
  });

  it('round-trips asymmetric payloads to compressed or uncompressed recipient keys', () => {
    const data = Uint8Array.of(9, 8, 7);
    for (const recipient of [communityPub, hex(vectors.keys.community.compressed)]) {
      const payload = encodeAsymmetric(data, recipient, senderPriv);
      expect(payload.ok).toBe(true);
      if (!payload.ok) return;
      const result = decodeAsymmetric(payload.value, communityPriv);
      expect(result.ok && result.value.data).toEqual(data);
      expect(result.ok && result.value.signer).toEqual(senderPub);
    }
  });

  it('refuses an invalid recipient key with INVALID_KEY', () => {
    const result = encodeAsymmetric(Uint8Array.of(1), new Uint8Array(65), senderPriv);
    expect(!result.ok && result.error.code).toBe('INVALID_KEY');
  });

  it('uses a fresh nonce and padding every time', () => {
    const a = encodeSymmetric(Uint8Array.of(1), symKey, senderPriv);
    const b = encodeSymmetric(Uint8Array.of(1), symKey, senderPriv);
    expect(a).not.toEqual(b);
  });
});

describe('decode failures', () => {
  it('refuses unsigned envelopes with UNSIGNED_ENVELOPE (status-go drops them)', () => {
    // flags = 1 (one size byte, not signed), size 3, data, padding to 256.
    const unsigned = new Uint8Array(256);
    unsigned.set([0x01, 3, 0xaa, 0xbb, 0xcc]);
    const sym = decodeSymmetric(sealPlain(unsigned), symKey);
    expect(!sym.ok && sym.error.code).toBe('UNSIGNED_ENVELOPE');
    const ecies = eciesEncrypt(unsigned, communityPub);
    if (!ecies.ok) throw ecies.error;
    const asym = decodeAsymmetric(ecies.value, communityPriv);
    expect(!asym.ok && asym.error.code).toBe('UNSIGNED_ENVELOPE');
  });

  it('reports MALFORMED_PAYLOAD for layouts that do not fit', () => {
    const cases: Uint8Array[] = [
      new Uint8Array(0), // empty plaintext
      signedPlain(Uint8Array.of(0x05)), // signed, nothing between flags and signature
      signedPlain(Uint8Array.of(0x07, 1, 2)), // 3-byte size field, only 2 bytes present
      signedPlain(Uint8Array.of(0x05, 10, 1, 2, 3)), // declares 10 data bytes, 3 present
      signedPlain(Uint8Array.of(0x06, 0xff, 0xff, 0)), // declares 65535
    ];
    for (const plain of cases) {
      const result = decodeSymmetric(sealPlain(plain), symKey);
      expect(!result.ok && result.error.code).toBe('MALFORMED_PAYLOAD');
    }
  });

  it('reports MALFORMED_PAYLOAD for ciphertexts too short to hold nonce and tag', () => {
    const result = decodeSymmetric(new Uint8Array(27), symKey);
    expect(!result.ok && result.error.code).toBe('MALFORMED_PAYLOAD');
  });

  it('reports INVALID_SIGNATURE when the signature cannot recover', () => {
    const body = Uint8Array.of(0x05, 1, 0x42, 0);
    const badV = concatBytes(body, new Uint8Array(64).fill(1), Uint8Array.of(7));
    const result = decodeSymmetric(sealPlain(badV), symKey);
    expect(!result.ok && result.error.code).toBe('INVALID_SIGNATURE');
  });

  it('accepts a signed payload with no size field as empty data, as go-waku does', () => {
    const result = decodeSymmetric(sealPlain(signedPlain(Uint8Array.of(0x04, 0xee, 0xee))), symKey);
    expect(result.ok && result.value.data).toEqual(new Uint8Array(0));
    expect(result.ok && result.value.signer).toEqual(senderPub);
  });

  it('attributes a payload whose body was altered to a different signer', () => {
    const plain = openPlain(encodeSymmetric(Uint8Array.of(1, 2, 3), symKey, senderPriv));
    plain[2] = 0x99;
    const result = decodeSymmetric(sealPlain(plain), symKey);
    expect(result.ok && result.value.signer).not.toEqual(senderPub);
  });

  it('signs with whichever key is given', () => {
    const priv = generatePrivateKey();
    const result = decodeSymmetric(encodeSymmetric(Uint8Array.of(5), symKey, priv), symKey);
    expect(result.ok && result.value.signer).toEqual(publicKeyFromPrivateKey(priv));
  });
});

describe('ECIES (go-ethereum layout)', () => {
  const plaintext = Uint8Array.of(1, 2, 3, 4, 5);

  it('is 0x04 || ephemeral(64) || IV(16) || ct || MAC(32)', () => {
    const sealed = eciesEncrypt(plaintext, communityPub);
    if (!sealed.ok) throw sealed.error;
    expect(sealed.value[0]).toBe(4);
    expect(sealed.value).toHaveLength(65 + 16 + plaintext.length + 32);
    const opened = eciesDecrypt(sealed.value, communityPriv);
    expect(opened.ok && opened.value).toEqual(plaintext);
  });

  it('authenticates IV and ciphertext: any flipped bit there is DECRYPTION_FAILED', () => {
    const sealed = eciesEncrypt(plaintext, communityPub);
    if (!sealed.ok) throw sealed.error;
    for (let index = 65; index < sealed.value.length; index++) {
      const tampered = sealed.value.slice();
      tampered[index] = (tampered[index] ?? 0) ^ 0x80;
      const result = eciesDecrypt(tampered, communityPriv);
      expect(!result.ok && result.error.code).toBe('DECRYPTION_FAILED');
    }
  });

  it('rejects short input, a compressed ephemeral key and an off-curve ephemeral key', () => {
    const sealed = eciesEncrypt(plaintext, communityPub);
    if (!sealed.ok) throw sealed.error;
    const compressedPrefix = sealed.value.slice();
    compressedPrefix[0] = 2;
    const offCurve = sealed.value.slice();
    offCurve.fill(0, 1, 65);
    for (const bad of [sealed.value.subarray(0, 112), compressedPrefix, offCurve]) {
      const result = eciesDecrypt(bad, communityPriv);
      expect(!result.ok && result.error.code).toBe('MALFORMED_PAYLOAD');
    }
  });

  it('rejects an invalid private key with INVALID_KEY', () => {
    const sealed = eciesEncrypt(plaintext, communityPub);
    if (!sealed.ok) throw sealed.error;
    const result = eciesDecrypt(sealed.value, new Uint8Array(32));
    expect(!result.ok && result.error.code).toBe('INVALID_KEY');
  });
});
