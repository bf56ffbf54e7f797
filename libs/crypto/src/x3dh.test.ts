import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@status-communities/errors';
import { bytesToHex } from './bytes.js';
import { ecdhSharedX, generatePrivateKey, publicKeyFromPrivateKey } from './keys.js';
import { oneToOneVectors as v } from './testing/one-to-one-vectors.js';
import { hex } from './testing/vectors.js';
import { performActiveX3dh, performPassiveX3dh } from './x3dh.js';

const pub = (priv: Uint8Array): Uint8Array => publicKeyFromPrivateKey(priv, { compressed: true });

const failureCode = (result: { ok: boolean; error?: { code: string } }): string | undefined =>
  result.ok ? undefined : result.error?.code;

describe('X3DH (status-go x3dh_test.go vector)', () => {
  it('derives the compressed keys of the ASCII test keys', () => {
    expect(bytesToHex(pub(v.alice))).toBe(v.aliceIdentityCompressed);
    expect(bytesToHex(pub(v.aliceEphemeral))).toBe(v.aliceEphemeralCompressed);
    expect(bytesToHex(pub(v.bob))).toBe(v.bobIdentityCompressed);
    expect(bytesToHex(pub(v.bobSignedPreKey))).toBe(v.bobSignedPreKeyCompressed);
  });

  it('uses the x-coordinates DH1, DH2, DH3 in that order', () => {
    const x = (a: Uint8Array, b: Uint8Array): string => {
      const r = ecdhSharedX(a, pub(b));
      if (!r.ok) throw r.error;
      return bytesToHex(r.value);
    };
    expect(x(v.alice, v.bobSignedPreKey)).toBe(v.dh1);
    expect(x(v.aliceEphemeral, v.bob)).toBe(v.dh2);
    expect(x(v.aliceEphemeral, v.bobSignedPreKey)).toBe(v.dh3);
  });

  it('active side gives status-go SK a4e923d0…133a (TestX3dhActive)', () => {
    const sk = performActiveX3dh({
      ourIdentityPrivateKey: v.alice,
      ourEphemeralPrivateKey: v.aliceEphemeral,
      theirIdentityPublicKey: pub(v.bob),
      theirSignedPreKey: pub(v.bobSignedPreKey),
    });
    expect(sk.ok && bytesToHex(sk.value)).toBe(v.sharedKey);
  });

  it('passive side gives the same SK (TestPerformPassiveX3DH), from uncompressed keys too', () => {
    const sk = performPassiveX3dh({
      ourIdentityPrivateKey: v.bob,
      ourSignedPreKeyPrivateKey: v.bobSignedPreKey,
      theirIdentityPublicKey: publicKeyFromPrivateKey(v.alice),
      theirEphemeralPublicKey: hex(v.aliceEphemeralCompressed),
    });
    expect(sk.ok && bytesToHex(sk.value)).toBe(v.sharedKey);
  });

  it('agrees on random keys and differs when any key differs', () => {
    const [ika, eka, ikb, spkb] = [1, 2, 3, 4].map(() => generatePrivateKey()) as [
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
    ];
    const active = performActiveX3dh({
      ourIdentityPrivateKey: ika,
      ourEphemeralPrivateKey: eka,
      theirIdentityPublicKey: pub(ikb),
      theirSignedPreKey: pub(spkb),
    });
    const passive = performPassiveX3dh({
      ourIdentityPrivateKey: ikb,
      ourSignedPreKeyPrivateKey: spkb,
      theirIdentityPublicKey: pub(ika),
      theirEphemeralPublicKey: pub(eka),
    });
    const otherSpk = performPassiveX3dh({
      ourIdentityPrivateKey: ikb,
      ourSignedPreKeyPrivateKey: generatePrivateKey(),
      theirIdentityPublicKey: pub(ika),
      theirEphemeralPublicKey: pub(eka),
    });
    if (!active.ok || !passive.ok || !otherSpk.ok) throw new Error('X3DH failed');
    expect(passive.value).toEqual(active.value);
    expect(otherSpk.value).not.toEqual(active.value);
  });

  it('refuses a garbage ephemeral key or a bad private key with INVALID_KEY', () => {
    const garbage = new Uint8Array(33).fill(7);
    expect(
      failureCode(
        performPassiveX3dh({
          ourIdentityPrivateKey: v.bob,
          ourSignedPreKeyPrivateKey: v.bobSignedPreKey,
          theirIdentityPublicKey: pub(v.alice),
          theirEphemeralPublicKey: garbage,
        }),
      ),
    ).toBe(ErrorCode.INVALID_KEY);
    expect(
      failureCode(
        performActiveX3dh({
          ourIdentityPrivateKey: new Uint8Array(32),
          ourEphemeralPrivateKey: v.aliceEphemeral,
          theirIdentityPublicKey: pub(v.bob),
          theirSignedPreKey: pub(v.bobSignedPreKey),
        }),
      ),
    ).toBe(ErrorCode.INVALID_KEY);
  });
});
