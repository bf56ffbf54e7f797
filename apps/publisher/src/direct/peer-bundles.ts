// Peers' bundles as the bots learn them from the messages they receive: the newest signed one per peer
// identity (status-go keeps the installations of the latest bundle). Stored as signed and verified again
// when read, so a row changed in the database is not trusted.
import { bytesToPrefixedHex, decompressPublicKey } from '@status-communities/crypto';
import type { DbClient } from '@status-communities/db';
import { Prisma } from '@status-communities/db';
import { decodeProto, encodeProto, status } from '@status-communities/proto';
import type { BundleInstallation, VerifiedBundle } from '@status-communities/protocol';
import { MAX_BUNDLE_INSTALLATIONS, verifyBundle } from '@status-communities/protocol';

/** The `0x04…` key a verified bundle belongs to. */
export const bundleOwner = (bundle: VerifiedBundle): string | undefined => {
  const key = decompressPublicKey(bundle.identity);
  return key.ok ? bytesToPrefixedHex(key.value) : undefined;
};

/** Stores the bundle unless a bundle of the same peer at least as new is stored already. */
export const storePeerBundle = async (
  db: DbClient,
  peerKey: string,
  bundle: status.encryption.Bundle.$Properties,
  verified: VerifiedBundle,
): Promise<void> => {
  const bytes = new Uint8Array(
    encodeProto(status.encryption.Bundle, status.encryption.Bundle.create(bundle)),
  );
  const timestamp = verified.timestampNs;
  // One statement: of two workers storing bundles of one peer, the newer stays whatever the order.
  await db.$executeRaw(Prisma.sql`
    INSERT INTO direct_peer_bundles (peer_key, bundle, timestamp, updated_at)
    VALUES (${peerKey}, ${bytes}, ${timestamp}, now())
    ON CONFLICT (peer_key) DO UPDATE SET bundle = EXCLUDED.bundle, timestamp = EXCLUDED.timestamp, updated_at = now()
    WHERE direct_peer_bundles.timestamp < EXCLUDED.timestamp`);
};

/** The installations of the peer's stored bundle (newest MAX_BUNDLE_INSTALLATIONS), or none. */
export const peerInstallations = async (db: DbClient, peerKey: string): Promise<BundleInstallation[]> => {
  const row = await db.directPeerBundle.findUnique({ where: { peerKey } });
  if (!row) return [];
  const decoded = decodeProto(status.encryption.Bundle, row.bundle);
  if (!decoded.ok) return [];
  const verified = verifyBundle(decoded.value);
  if (!verified.ok || bundleOwner(verified.value) !== peerKey) return [];
  return [...verified.value.installations]
    .sort((a, b) => b.version - a.version)
    .slice(0, MAX_BUNDLE_INSTALLATIONS);
};
