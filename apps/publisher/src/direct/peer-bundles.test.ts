// Which of a peer's bundles a bot keeps: the installations seen last, each from the newest bundle listing it.
import { describe, expect, it } from '@jest/globals';
import { generatePrivateKey, publicKeyFromPrivateKey } from '@status-communities/crypto';
import { unwrap } from '@status-communities/errors';
import { MAX_BUNDLE_INSTALLATIONS, signBundle, verifyBundle } from '@status-communities/protocol';
import type { PeerBundle } from './peer-bundles.js';
import { keepBundles } from './peer-bundles.js';

const identity = generatePrivateKey();
const installation = (installationId: string, version = 1) => ({
  installationId,
  signedPreKey: publicKeyFromPrivateKey(generatePrivateKey(), { compressed: true }),
  version,
  protocolVersion: 1,
});
const bundleOf = (timestampNs: bigint, ...installations: ReturnType<typeof installation>[]): PeerBundle => {
  const proto = signBundle({ identityPrivateKey: identity, installations, timestampNs });
  return { proto, verified: unwrap(verifyBundle(proto)) };
};
const ids = (kept: ReturnType<typeof keepBundles>) => kept.installations.map((i) => i.installationId);

describe('keepBundles', () => {
  it('keeps the installations of devices that are not paired, each from its own bundle', () => {
    const phone = bundleOf(1n, installation('phone'));
    const laptop = bundleOf(2n, installation('laptop'));
    const kept = keepBundles([phone, laptop]);
    expect(ids(kept)).toEqual(['laptop', 'phone']);
    expect(kept.bundles).toEqual([laptop, phone]);
  });

  it("takes an installation's newest bundle (a rotated pre-key) and drops the bundles it supersedes", () => {
    const first = installation('phone', 1);
    const rotated = installation('phone', 2);
    const old = bundleOf(1n, first);
    const paired = bundleOf(3n, rotated, installation('laptop'));
    const kept = keepBundles([paired, old]);
    // One bundle lists both: their order within it is the bundle's.
    expect(kept.installations.map((i) => [i.installationId, i.version]).sort()).toEqual([
      ['laptop', 1],
      ['phone', 2],
    ]);
    expect(kept.bundles).toEqual([paired]);
  });

  it(`writes to the ${MAX_BUNDLE_INSTALLATIONS} installations listed last`, () => {
    const bundles = ['a', 'b', 'c', 'd'].map((id, index) => bundleOf(BigInt(index + 1), installation(id)));
    const kept = keepBundles(bundles);
    expect(ids(kept)).toEqual(['d', 'c', 'b']);
    expect(kept.bundles).toEqual([bundles[3], bundles[2], bundles[1]]);
  });
});
