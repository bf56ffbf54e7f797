import { randomUUID } from 'node:crypto';
import {
  bytesToHex,
  equalBytes,
  generatePrivateKey,
  publicKeyFromPrivateKey,
} from '@status-communities/crypto';
import type { DirectPreKey, PrismaClient } from '@status-communities/db';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { bundleNeedsRotation } from '@status-communities/protocol';
import type { OurSignedPreKey } from '@status-communities/protocol';
import { masterKeyById } from './master-keys.js';
import type { MasterKeyRing } from './master-keys.js';
import { openSecret, sealSecret } from './sealing.js';
import type { SecretBinding } from './sealing.js';

const DIRECT_PRE_KEY_PURPOSE = 'DIRECT_PRE_KEY';

/** One of the bot's signed pre-keys, opened. */
export interface StoredPreKey extends OurSignedPreKey {
  /** Bundle SignedPreKey.version: 1 for the first, one more per rotation. */
  readonly version: number;
  readonly createdAtMs: number;
}

const bindingOf = (
  row: Pick<DirectPreKey, 'id' | 'identityId' | 'publicKey' | 'masterKeyId'>,
): SecretBinding => ({
  id: row.id,
  purpose: DIRECT_PRE_KEY_PURPOSE,
  tenantId: null,
  publicKey: `${row.identityId}/${bytesToHex(row.publicKey)}`,
  masterKeyId: row.masterKeyId,
});

/**
 * A bot's X3DH signed pre-keys (issue #15), sealed under the keyring's master key ring. The newest is the one
 * its bundle offers and is replaced once older than BUNDLE_REFRESH_INTERVAL_MS; the old ones are kept, as
 * status-go keeps them, because peers' late first messages still name them.
 */
export class DirectPreKeyStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly masterKeys: MasterKeyRing,
  ) {}

  /**
   * The pre-key to offer now: the newest, or a new one (version + 1) when there is none or it is due for
   * rotation. Workers rotating at once serialise on a transaction lock per identity, so one key is made.
   */
  async current(identityId: string, nowMs: number): Promise<Result<StoredPreKey>> {
    const newest = await this.newest(identityId);
    if (newest && !bundleNeedsRotation(newest.createdAt.getTime(), nowMs)) return this.open(newest);
    const row = await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`direct-pre-key/${identityId}`}))`;
      const latest = await tx.directPreKey.findFirst({
        where: { identityId },
        orderBy: { version: 'desc' },
      });
      if (latest && !bundleNeedsRotation(latest.createdAt.getTime(), nowMs)) return latest;
      const privateKey = generatePrivateKey();
      const current = this.masterKeys.current;
      const key = {
        id: randomUUID(),
        identityId,
        publicKey: new Uint8Array(publicKeyFromPrivateKey(privateKey, { compressed: true })),
        version: (latest?.version ?? 0) + 1,
        masterKeyId: current.id,
        createdAt: new Date(nowMs),
      };
      const material = sealSecret(privateKey, current, bindingOf(key));
      privateKey.fill(0);
      return tx.directPreKey.create({ data: { ...key, material } });
    });
    return this.open(row);
  }

  /** Every pre-key the bot ever offered, newest first: any of them may open a peer's first message. */
  async all(identityId: string): Promise<Result<StoredPreKey[]>> {
    const rows = await this.prisma.directPreKey.findMany({
      where: { identityId },
      orderBy: { version: 'desc' },
    });
    const keys: StoredPreKey[] = [];
    for (const row of rows) {
      const opened = this.open(row);
      if (!opened.ok) return opened;
      keys.push(opened.value);
    }
    return ok(keys);
  }

  private newest(identityId: string): Promise<DirectPreKey | null> {
    return this.prisma.directPreKey.findFirst({ where: { identityId }, orderBy: { version: 'desc' } });
  }

  private open(row: DirectPreKey): Result<StoredPreKey> {
    const masterKey = masterKeyById(this.masterKeys, row.masterKeyId);
    if (!masterKey.ok) return masterKey;
    const privateKey = openSecret(row.material, masterKey.value, bindingOf(row));
    if (!privateKey.ok) return privateKey;
    if (!equalBytes(publicKeyFromPrivateKey(privateKey.value, { compressed: true }), row.publicKey))
      return fail(ErrorCode.DECRYPTION_FAILED, `pre-key ${row.id} is not the key its row names`, {
        id: row.id,
      });
    return ok({
      publicKey: row.publicKey,
      privateKey: privateKey.value,
      version: row.version,
      createdAtMs: row.createdAt.getTime(),
    });
  }
}
