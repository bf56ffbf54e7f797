import { randomUUID } from 'node:crypto';
import {
  bytesToHex,
  equalBytes,
  generateHashRatchetKey,
  keyIdOf,
  MAX_HASH_RATCHET_SEQ_NO_DELTA,
  type HashRatchetKey,
} from '@status-communities/crypto';
import type { GroupKey, PrismaClient } from '@status-communities/db';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { isUniqueViolation } from './keyring.js';
import { masterKeyById } from './master-keys.js';
import type { MasterKeyRing } from './master-keys.js';
import { openSecret, sealSecret } from './sealing.js';
import type { SecretBinding } from './sealing.js';

/** The purpose a group key's sealing is bound to: a signing key's material never opens as one. */
const GROUP_KEY_PURPOSE = 'GROUP_KEY';

/** A stored group key, opened. */
export interface StoredGroupKey {
  /** Row id, for nextSeqNo. */
  readonly id: string;
  readonly communityId: string;
  readonly key: HashRatchetKey;
  readonly keyId: Uint8Array;
  /** Highest seq_no sent under it so far, or seen from a member (raiseLastSeqNos). */
  readonly lastSeqNo: number;
}

const bindingOf = (row: Pick<GroupKey, 'id' | 'communityId' | 'keyId' | 'masterKeyId'>): SecretBinding => ({
  id: row.id,
  purpose: GROUP_KEY_PURPOSE,
  tenantId: null,
  // The key id and community bind the material to its group: copied to another row, it does not open.
  publicKey: `${row.communityId}/${bytesToHex(row.keyId)}`,
  masterKeyId: row.masterKeyId,
});

/**
 * Hash-ratchet group keys (issue #13), sealed under their own master key ring (GROUP_KEYS_MASTER_KEY), apart
 * from the keyring's signing keys: whoever holds it reads encrypted communities and can sign nothing. Every
 * key of a group is kept; the current one has the greatest timestamp. Keys come out only opened in memory,
 * never in logs, jobs or responses.
 */
export class GroupKeyStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly masterKeys: MasterKeyRing,
  ) {}

  /** A new current key for the group, timestamped after the group's previous one (status-go GenerateNext). */
  async generate(communityId: string, groupId: Uint8Array, nowMs: number): Promise<StoredGroupKey> {
    const previous = await this.prisma.groupKey.findFirst({
      where: { communityId, groupId: new Uint8Array(groupId) },
      orderBy: { timestampMs: 'desc' },
      select: { timestampMs: true },
    });
    const key = generateHashRatchetKey(groupId, BigInt(nowMs), previous?.timestampMs ?? 0n);
    return this.insert(communityId, key);
  }

  /**
   * Stores a key received or made elsewhere; a key id already stored is returned as it is, also when another
   * worker stores the same key at the same time (a description arrives on two shards).
   */
  async store(communityId: string, key: HashRatchetKey): Promise<StoredGroupKey> {
    const existing = await this.stored(key);
    if (existing) return existing;
    try {
      return await this.insert(communityId, key);
    } catch (error) {
      const raced = isUniqueViolation(error) ? await this.stored(key) : undefined;
      if (!raced) throw error;
      return raced;
    }
  }

  private async stored(key: HashRatchetKey): Promise<StoredGroupKey | undefined> {
    const row = await this.prisma.groupKey.findUnique({ where: { keyId: new Uint8Array(keyIdOf(key)) } });
    const opened = row && this.open(row);
    return opened?.ok ? opened.value : undefined;
  }

  /** The group's current key (greatest timestamp), or undefined when it has none. */
  async current(communityId: string, groupId: Uint8Array): Promise<Result<StoredGroupKey | undefined>> {
    const row = await this.prisma.groupKey.findFirst({
      where: { communityId, groupId: new Uint8Array(groupId) },
      orderBy: { timestampMs: 'desc' },
    });
    return row ? this.open(row) : ok(undefined);
  }

  /** Every key of a group, oldest first (a key exchange that "reuses" sends them all). */
  async ofGroup(communityId: string, groupId: Uint8Array): Promise<Result<StoredGroupKey[]>> {
    const rows = await this.prisma.groupKey.findMany({
      where: { communityId, groupId: new Uint8Array(groupId) },
      orderBy: { timestampMs: 'asc' },
    });
    return this.openAll(rows);
  }

  /** Every key of every group of a community (a reader's lookup). */
  async ofCommunity(communityId: string): Promise<Result<StoredGroupKey[]>> {
    const rows = await this.prisma.groupKey.findMany({
      where: { communityId },
      orderBy: { timestampMs: 'asc' },
    });
    return this.openAll(rows);
  }

  /**
   * The seq_no for the next message under a key: one above the highest used, taken atomically, so two
   * publishers never send the same one. HASH_RATCHET_SEQ_NO_TOO_HIGH past 100000 (rekey instead).
   */
  async nextSeqNo(id: string): Promise<Result<number>> {
    const rows = await this.prisma.$queryRaw<{ last_seq_no: number }[]>`
      UPDATE group_keys SET last_seq_no = last_seq_no + 1
      WHERE id = ${id}::uuid AND last_seq_no < ${MAX_HASH_RATCHET_SEQ_NO_DELTA}
      RETURNING last_seq_no`;
    const row = rows[0];
    if (row) return ok(row.last_seq_no);
    const exists = await this.prisma.groupKey.count({ where: { id } });
    return exists === 0
      ? fail(ErrorCode.HASH_RATCHET_KEY_NOT_FOUND, 'no such group key', { id })
      : fail(ErrorCode.HASH_RATCHET_SEQ_NO_TOO_HIGH, 'the group key has used every seq_no', { id });
  }

  /**
   * Members' messages seen under our keys: the next seq_no we send under each continues above the highest a member
   * used, as status-go's sender continues from the ratchet's highest seq_no. Only ever raises it.
   */
  async raiseLastSeqNos(
    seen: readonly { readonly key: HashRatchetKey; readonly seqNo: number }[],
  ): Promise<void> {
    for (const { key, seqNo } of seen)
      await this.prisma.$executeRaw`
        UPDATE group_keys SET last_seq_no = ${seqNo}
        WHERE key_id = ${new Uint8Array(keyIdOf(key))} AND last_seq_no < ${seqNo}`;
  }

  private async insert(communityId: string, key: HashRatchetKey): Promise<StoredGroupKey> {
    const current = this.masterKeys.current;
    const id = randomUUID();
    const keyId = keyIdOf(key);
    const material = sealSecret(
      key.key,
      current,
      bindingOf({ id, communityId, keyId: new Uint8Array(keyId), masterKeyId: current.id }),
    );
    await this.prisma.groupKey.create({
      data: {
        id,
        communityId,
        groupId: new Uint8Array(key.groupId),
        keyId: new Uint8Array(keyId),
        timestampMs: key.timestampMs,
        masterKeyId: current.id,
        material,
      },
    });
    return { id, communityId, key, keyId, lastSeqNo: 0 };
  }

  private openAll(rows: readonly GroupKey[]): Result<StoredGroupKey[]> {
    const keys: StoredGroupKey[] = [];
    for (const row of rows) {
      const opened = this.open(row);
      if (!opened.ok) return opened;
      keys.push(opened.value);
    }
    return ok(keys);
  }

  private open(row: GroupKey): Result<StoredGroupKey> {
    const masterKey = masterKeyById(this.masterKeys, row.masterKeyId);
    if (!masterKey.ok) return masterKey;
    const key = openSecret(row.material, masterKey.value, bindingOf(row));
    if (!key.ok) return key;
    const groupKey: HashRatchetKey = { groupId: row.groupId, key: key.value, timestampMs: row.timestampMs };
    // The material is bound to the key id; a row whose group or timestamp was changed names another key.
    if (!equalBytes(keyIdOf(groupKey), row.keyId))
      return fail(ErrorCode.DECRYPTION_FAILED, `group key ${row.id} is not the key its row names`, {
        id: row.id,
      });
    return ok({
      id: row.id,
      communityId: row.communityId,
      key: groupKey,
      keyId: row.keyId,
      lastSeqNo: row.lastSeqNo,
    });
  }
}
