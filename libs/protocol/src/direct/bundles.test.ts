import { describe, expect, it } from '@jest/globals';
import {
  bytesToHex,
  concatBytes,
  generatePrivateKey,
  keccak256,
  sign,
  utf8ToBytes,
} from '@status-communities/crypto';
import { ErrorCode } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { decodeProto, encodeProto, status } from '@status-communities/proto';
import {
  BUNDLE_REFRESH_INTERVAL_MS,
  CONTACT_CODE_PUBLISH_INTERVAL_MS,
  DEVICE_NOT_FOUND_ANSWER_INTERVAL_MS,
  bundleNeedsRotation,
  bundleSignatureMaterial,
  advertisementDue,
  negotiatesSharedSecret,
  signBundle,
  verifyBundle,
} from './bundles.js';
import type { BundleInstallation } from './bundles.js';
import { bobPrivateKey, bobSignedPreKeyPrivateKey, compressedPublicKey } from './testing/fixtures.js';

const codeOf = (result: Result<unknown>): string | undefined => (result.ok ? undefined : result.error.code);

const installation = (installationId: string, version = 1): BundleInstallation => ({
  installationId,
  signedPreKey: compressedPublicKey(generatePrivateKey()),
  version,
  protocolVersion: 1,
});

/** Through the wire and back, as a peer's bundle arrives. */
const overTheWire = (bundle: status.encryption.Bundle.$Properties): status.encryption.Bundle => {
  const decoded = decodeProto<status.encryption.Bundle>(
    status.encryption.Bundle,
    encodeProto(status.encryption.Bundle, status.encryption.Bundle.create(bundle)),
  );
  if (!decoded.ok) throw decoded.error;
  return decoded.value;
};

describe('bundle signature material', () => {
  it('matches the reference vector ("2" ‖ bob SPK ‖ "1" ‖ "1700000000000000000")', () => {
    const material = bundleSignatureMaterial(
      [
        {
          installationId: '2',
          signedPreKey: compressedPublicKey(bobSignedPreKeyPrivateKey),
          version: 1,
          protocolVersion: 1,
        },
      ],
      1_700_000_000_000_000_000n,
    );
    expect(bytesToHex(keccak256(material))).toBe(
      '08f6d68c1acc2e12ed81a6058e834eb3bbde13f544289b129e786a37300810af',
    );
  });

  it('sorts installations by ID, leaves out protocol_version and a zero timestamp (x3dh_test.go TestSignBundle)', () => {
    const spk1 = utf8ToBytes('spk1');
    const key = utf8ToBytes('key');
    const two = { installationId: '2', signedPreKey: key, version: 0, protocolVersion: 9 };
    const one = { installationId: '1', signedPreKey: spk1, version: 0, protocolVersion: 1 };
    expect(bundleSignatureMaterial([two, one], 42n)).toEqual(
      concatBytes(
        utf8ToBytes('1'),
        spk1,
        utf8ToBytes('0'),
        utf8ToBytes('2'),
        key,
        utf8ToBytes('0'),
        utf8ToBytes('42'),
      ),
    );
    expect(bundleSignatureMaterial([two, one], 0n)).toEqual(
      concatBytes(utf8ToBytes('1'), spk1, utf8ToBytes('0'), utf8ToBytes('2'), key, utf8ToBytes('0')),
    );
  });
});

describe('signBundle / verifyBundle', () => {
  const timestampNs = 1_765_000_000_123_456_789n;

  it('a signed bundle verifies after the wire, with its identity, installations and exact ns timestamp', () => {
    const installs = [installation('b-device', 2), installation('a-device')];
    const verified = verifyBundle(
      overTheWire(signBundle({ identityPrivateKey: bobPrivateKey, installations: installs, timestampNs })),
    );
    if (!verified.ok) throw verified.error;
    expect(verified.value.identity).toEqual(compressedPublicKey(bobPrivateKey));
    expect(verified.value.timestampNs).toBe(timestampNs);
    expect(verified.value.installations.map((i) => [i.installationId, i.version])).toEqual([
      ['a-device', 1],
      ['b-device', 2],
    ]);
    expect(verified.value.installations.every(negotiatesSharedSecret)).toBe(true);
  });

  it('a forged bundle is refused: changed pre-key or version, other signer, re-dated', () => {
    const bundle = signBundle({
      identityPrivateKey: bobPrivateKey,
      installations: [installation('dev')],
      timestampNs,
    });
    const other = compressedPublicKey(generatePrivateKey());
    expect(
      codeOf(
        verifyBundle({
          ...bundle,
          signedPreKeys: { dev: { signedPreKey: other, version: 1, protocolVersion: 1 } },
        }),
      ),
    ).toBe(ErrorCode.WRONG_SIGNER);
    expect(
      codeOf(
        verifyBundle({ ...bundle, signedPreKeys: { dev: { ...bundle.signedPreKeys!['dev'], version: 2 } } }),
      ),
    ).toBe(ErrorCode.WRONG_SIGNER);
    expect(codeOf(verifyBundle({ ...overTheWire(bundle), timestamp: 1 }))).toBe(ErrorCode.WRONG_SIGNER);
    const mallory = generatePrivateKey();
    const signedByMallory = signBundle({
      identityPrivateKey: mallory,
      installations: [installation('dev')],
      timestampNs,
    });
    expect(codeOf(verifyBundle({ ...signedByMallory, identity: compressedPublicKey(bobPrivateKey) }))).toBe(
      ErrorCode.WRONG_SIGNER,
    );
    // protocol_version is not signed: changing it keeps the signature valid, as in status-go.
    expect(
      verifyBundle({
        ...bundle,
        signedPreKeys: { dev: { ...bundle.signedPreKeys!['dev'], protocolVersion: 0 } },
      }).ok,
    ).toBe(true);
  });

  it('garbage keys are INVALID_KEY, a missing or broken signature INVALID_SIGNATURE', () => {
    const bundle = signBundle({
      identityPrivateKey: bobPrivateKey,
      installations: [installation('dev')],
      timestampNs,
    });
    expect(codeOf(verifyBundle({ ...bundle, identity: new Uint8Array(33).fill(3) }))).toBe(
      ErrorCode.INVALID_KEY,
    );
    expect(codeOf(verifyBundle({ ...bundle, identity: undefined }))).toBe(ErrorCode.INVALID_KEY);
    expect(
      codeOf(
        verifyBundle({ ...bundle, signedPreKeys: { dev: { signedPreKey: new Uint8Array(12), version: 1 } } }),
      ),
    ).toBe(ErrorCode.INVALID_KEY);
    expect(codeOf(verifyBundle({ ...bundle, signature: undefined }))).toBe(ErrorCode.INVALID_SIGNATURE);
    const badV = bundle.signature!.slice();
    badV[64] = 27;
    expect(codeOf(verifyBundle({ ...bundle, signature: badV }))).toBe(ErrorCode.INVALID_SIGNATURE);
    expect(
      codeOf(verifyBundle({ ...bundle, signature: sign(new Uint8Array(32), bobPrivateKey).subarray(1) })),
    ).toBe(ErrorCode.INVALID_SIGNATURE);
  });

  it('builds 1..3 installations only', () => {
    expect(() => signBundle({ identityPrivateKey: bobPrivateKey, installations: [], timestampNs })).toThrow(
      RangeError,
    );
    expect(() =>
      signBundle({
        identityPrivateKey: bobPrivateKey,
        installations: ['a', 'b', 'c', 'd'].map((id) => installation(id)),
        timestampNs,
      }),
    ).toThrow(RangeError);
  });
});

describe('advertisement intervals', () => {
  it('contact code every 6 h, device-not-found answers at most every 2 h, first time always', () => {
    expect(advertisementDue(null, 0, CONTACT_CODE_PUBLISH_INTERVAL_MS)).toBe(true);
    expect(advertisementDue(0, CONTACT_CODE_PUBLISH_INTERVAL_MS - 1, CONTACT_CODE_PUBLISH_INTERVAL_MS)).toBe(
      false,
    );
    expect(advertisementDue(0, 6 * 3_600_000, CONTACT_CODE_PUBLISH_INTERVAL_MS)).toBe(true);
    expect(advertisementDue(0, 2 * 3_600_000 - 1, DEVICE_NOT_FOUND_ANSWER_INTERVAL_MS)).toBe(false);
    expect(advertisementDue(0, 2 * 3_600_000, DEVICE_NOT_FOUND_ANSWER_INTERVAL_MS)).toBe(true);
  });
});

describe('bundle rotation (BundleRefreshInterval = 24 h)', () => {
  it('rotates only once the pre-key is strictly older than 24 h', () => {
    const created = 1_765_000_000_000;
    expect(bundleNeedsRotation(created, created)).toBe(false);
    expect(bundleNeedsRotation(created, created + BUNDLE_REFRESH_INTERVAL_MS)).toBe(false);
    expect(bundleNeedsRotation(created, created + BUNDLE_REFRESH_INTERVAL_MS + 1)).toBe(true);
  });
});
