// A hosted community as the request handler decides on it: its settings, clock and last published description.
import type { Prisma, PrismaClient } from '@status-communities/db';
import { lockHostedCommunityRow } from '@status-communities/db';
import { bug } from '@status-communities/errors';
import type { ShardRef } from '@status-communities/protocol';

export type Db = PrismaClient | Prisma.TransactionClient;

export interface HostedCommunity {
  /** `0x02…`/`0x03…`, the compressed community key. */
  readonly id: string;
  readonly tenantId: string | null;
  /** Keyring entry of the community key. */
  readonly keyId: string;
  /** Clock of the stored state (ms); the publisher publishes every state above lastPublishedClock. */
  readonly clock: number;
  readonly access: 'AUTO_ACCEPT' | 'MANUAL_ACCEPT';
  readonly ensOnly: boolean;
  /** Members-only: hash-ratchet group keys (the publisher's) go with an accepted answer. */
  readonly encrypted: boolean;
  readonly shard: ShardRef | null;
  /** Its description's bytes are read apart (PublishedDescriptions): they grow to 700 KB. */
  readonly lastPublishedClock: number | null;
}

const hostedCommunityOf = (
  row: Prisma.CommunityGetPayload<{ omit: { descriptionRaw: true } }> | null,
): HostedCommunity | null => {
  if (!row || row.kind !== 'HOSTED' || row.keyId === null) return null;
  if (row.access !== 'AUTO_ACCEPT' && row.access !== 'MANUAL_ACCEPT')
    bug(`hosted community ${row.id} has access ${row.access}`);
  return {
    id: row.id,
    tenantId: row.tenantId,
    keyId: row.keyId,
    clock: Number(row.clock),
    access: row.access,
    ensOnly: row.ensOnly,
    encrypted: row.encrypted,
    shard:
      row.shardCluster === null || row.shardIndex === null
        ? null
        : { cluster: row.shardCluster, index: row.shardIndex },
    lastPublishedClock: row.lastPublishedClock === null ? null : Number(row.lastPublishedClock),
  };
};

/** A hosted community's settings and clocks; null when there is none with this id (watched ones are not ours). */
export const readHostedCommunity = async (db: Db, communityId: string): Promise<HostedCommunity | null> =>
  hostedCommunityOf(
    await db.community.findUnique({ where: { id: communityId }, omit: { descriptionRaw: true } }),
  );

/** Locks the community row for the rest of the transaction (lockHostedCommunityRow), then reads it. */
export const lockHostedCommunity = async (
  tx: Prisma.TransactionClient,
  communityId: string,
): Promise<HostedCommunity | null> =>
  (await lockHostedCommunityRow(tx, communityId)) ? readHostedCommunity(tx, communityId) : null;
