// Peers' installations as the bots learn them from the bundles they receive. A user's devices need not be
// paired, so one device's bundle may list only itself: a bot keeps, per peer, the newest bundle that listed
// each installation and writes to the MAX_BUNDLE_INSTALLATIONS seen last, as the app sends "to any
// installation-id that they have seen, capped to 3, ordered by last activity" (status-im/specs
// status-session-management, "Sending messages to a paired group"; SG encryption/persistence.go keeps
// bundles per installation). Stored as signed, the bundles in one row as the `bundles` field of a
// ProtocolMessage encodes them, and verified again when read, so a row changed in the database is not trusted.
import { bytesToPrefixedHex, decompressPublicKey } from '@status-communities/crypto';
import type { DbClient } from '@status-communities/db';
import { Prisma } from '@status-communities/db';
import { decodeProto, encodeProto, status } from '@status-communities/proto';
import type { BundleInstallation, VerifiedBundle } from '@status-communities/protocol';
import { MAX_BUNDLE_INSTALLATIONS, verifyBundle } from '@status-communities/protocol';

/** A bundle as signed, and what verifying it gave. */
export interface PeerBundle {
  readonly proto: status.encryption.Bundle.$Properties;
  readonly verified: VerifiedBundle;
}

/** The `0x04…` key a verified bundle belongs to. */
export const bundleOwner = (bundle: VerifiedBundle): string | undefined => {
  const key = decompressPublicKey(bundle.identity);
  return key.ok ? bytesToPrefixedHex(key.value) : undefined;
};

export interface KeptBundles {
  /** The bundles that give a kept installation; the rest are superseded. */
  readonly bundles: readonly PeerBundle[];
  /** Whom the bot writes to: each from the newest bundle listing it, the most recently listed first. */
  readonly installations: readonly BundleInstallation[];
}

/** Of a peer's bundles, the installations seen last and the bundles that carry them. */
export const keepBundles = (bundles: readonly PeerBundle[]): KeptBundles => {
  const newestFirst = [...bundles].sort((a, b) =>
    a.verified.timestampNs === b.verified.timestampNs
      ? 0
      : a.verified.timestampNs > b.verified.timestampNs
        ? -1
        : 1,
  );
  const seen = new Map<string, { installation: BundleInstallation; bundle: PeerBundle }>();
  for (const bundle of newestFirst)
    for (const installation of bundle.verified.installations)
      if (!seen.has(installation.installationId))
        seen.set(installation.installationId, { installation, bundle });
  const kept = [...seen.values()].slice(0, MAX_BUNDLE_INSTALLATIONS);
  return {
    bundles: newestFirst.filter((bundle) => kept.some((k) => k.bundle === bundle)),
    installations: kept.map((k) => k.installation),
  };
};

const decodeStored = (bytes: Uint8Array, peerKey: string): PeerBundle[] => {
  const list = decodeProto<status.encryption.ProtocolMessage>(status.encryption.ProtocolMessage, bytes);
  if (!list.ok) return [];
  return list.value.bundles.flatMap((proto) => {
    const verified = verifyBundle(proto);
    return verified.ok && bundleOwner(verified.value) === peerKey
      ? [{ proto, verified: verified.value }]
      : [];
  });
};

const encodeStored = (bundles: readonly PeerBundle[]): Uint8Array =>
  new Uint8Array(
    encodeProto(
      status.encryption.ProtocolMessage,
      status.encryption.ProtocolMessage.create({
        bundles: bundles.map((bundle) => status.encryption.Bundle.create(bundle.proto)),
      }),
    ),
  );

/** The peer's stored bundles that verify as theirs. */
export const loadPeerBundles = async (db: DbClient, peerKey: string): Promise<PeerBundle[]> => {
  const row = await db.directPeerBundle.findUnique({ where: { peerKey } });
  return row ? decodeStored(row.bundle, peerKey) : [];
};

/** The installations a bot writes to: those of the stored bundles, with `incoming` when given. */
export const peerInstallations = async (
  db: DbClient,
  peerKey: string,
  incoming?: PeerBundle,
): Promise<readonly BundleInstallation[]> =>
  keepBundles([...(await loadPeerBundles(db, peerKey)), ...(incoming ? [incoming] : [])]).installations;

/**
 * Adds a received bundle to the peer's. Run in the transaction of the message that carried it: the row is
 * locked from the read to the write, so two workers storing bundles of one peer both count.
 */
export const storePeerBundle = async (db: DbClient, peerKey: string, bundle: PeerBundle): Promise<void> => {
  const inserted = await db.$executeRaw(Prisma.sql`
    INSERT INTO direct_peer_bundles (peer_key, bundle, timestamp, updated_at)
    VALUES (${peerKey}, ${encodeStored([bundle])}, ${bundle.verified.timestampNs}, now())
    ON CONFLICT (peer_key) DO NOTHING`);
  if (inserted > 0) return;
  const [row] = await db.$queryRaw<{ bundle: Uint8Array }[]>(Prisma.sql`
    SELECT bundle FROM direct_peer_bundles WHERE peer_key = ${peerKey} FOR UPDATE`);
  const stored = row ? decodeStored(row.bundle, peerKey) : [];
  const kept = keepBundles([...stored, bundle]).bundles;
  if (!kept.includes(bundle)) return;
  await db.$executeRaw(Prisma.sql`
    UPDATE direct_peer_bundles
    SET bundle = ${encodeStored(kept)}, timestamp = ${kept[0]!.verified.timestampNs}, updated_at = now()
    WHERE peer_key = ${peerKey}`);
};
