import { randomUUID } from 'node:crypto';
import { Prisma, writeAudit } from '@status-communities/db';
import type { KeyringSecret, PrismaClient, SecretPurpose } from '@status-communities/db';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result, StatusError } from '@status-communities/errors';
import { masterKeyById } from './master-keys.js';
import type { MasterKeyRing } from './master-keys.js';
import { KEYRING_ALGORITHM, openSecret, sealSecret } from './sealing.js';
import type { SecretBinding } from './sealing.js';
import { SecretKey } from './secret-bytes.js';

/** What the keyring holds secp256k1 keys for. */
export type KeyPurpose = Extract<SecretPurpose, 'COMMUNITY_KEY' | 'IDENTITY_KEY' | 'WALLET_KEY'>;

const KEY_PURPOSES: readonly string[] = [
  'COMMUNITY_KEY',
  'IDENTITY_KEY',
  'WALLET_KEY',
] satisfies KeyPurpose[];

/** A stored key as the rest of the system sees it: everything but the secret. */
export interface KeyringEntry {
  readonly id: string;
  readonly purpose: KeyPurpose;
  readonly tenantId: string | null;
  /** `0x04…` for community and identity keys, the `0x` address for wallet keys. */
  readonly publicKey: string;
  readonly masterKeyId: string;
  readonly createdAt: Date;
  readonly rotatedAt: Date | null;
}

/** Who acts, for the audit log. */
export interface AuditContext {
  /** API key name, tenant user, `system`… */
  readonly actor: string;
  readonly apiKeyId?: string;
  readonly communityId?: string;
}

export interface RotationReport {
  /** The master key every rotated secret is now sealed under. */
  readonly masterKeyId: string;
  readonly rotated: number;
  /** Secrets that could not be opened (their master key is not configured, or they do not open). */
  readonly failed: readonly { readonly id: string; readonly code: ErrorCode }[];
}

export interface RotateOptions {
  /** Rows read and re-sealed per round trip (default 100). */
  readonly batchSize?: number;
}

/** The public half the keyring indexes a key by. */
const publicHalf = (purpose: KeyPurpose, key: SecretKey): string =>
  purpose === 'WALLET_KEY' ? key.address : key.publicKeyHex;

const bindingOf = (row: Pick<KeyringSecret, 'id' | 'purpose' | 'tenantId' | 'publicKey' | 'masterKeyId'>) =>
  ({
    id: row.id,
    purpose: row.purpose,
    tenantId: row.tenantId,
    publicKey: row.publicKey,
    masterKeyId: row.masterKeyId,
  }) satisfies SecretBinding;

const isKeyPurpose = (purpose: string): purpose is KeyPurpose => KEY_PURPOSES.includes(purpose);

const entryOf = (row: KeyringSecret & { purpose: KeyPurpose; publicKey: string }): KeyringEntry => ({
  id: row.id,
  purpose: row.purpose,
  tenantId: row.tenantId,
  publicKey: row.publicKey,
  masterKeyId: row.masterKeyId,
  createdAt: row.createdAt,
  rotatedAt: row.rotatedAt,
});

/** A row with this unique key was written meanwhile (another worker, a retried job). */
export const isUniqueViolation = (error: unknown): boolean =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

/**
 * Community, identity and wallet keys in PostgreSQL (KeyringSecret), sealed with AES-256-GCM under the
 * current master key and bound to their row. Keys come out only as SecretKey (redacted in logs and JSON);
 * generating, importing, exporting and rotating are written to the audit log, opening a key to sign is not
 * (it happens on every publish and is no decision).
 */
export class Keyring {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly masterKeys: MasterKeyRing,
  ) {}

  /** The id new secrets are sealed under. */
  get currentMasterKeyId(): string {
    return this.masterKeys.current.id;
  }

  /** A new random key, stored and audited. */
  async generate(
    purpose: KeyPurpose,
    tenantId: string | null,
    audit: AuditContext,
  ): Promise<Result<KeyringEntry>> {
    const key = SecretKey.generate();
    try {
      return await this.store('keyring.generate', purpose, key, tenantId, audit);
    } finally {
      key.wipe();
    }
  }

  /** An existing key (a community moved here from the Status app, a bot's wallet); CONFLICT when already held. */
  async import(
    purpose: KeyPurpose,
    key: SecretKey,
    tenantId: string | null,
    audit: AuditContext,
  ): Promise<Result<KeyringEntry>> {
    return this.store('keyring.import', purpose, key, tenantId, audit);
  }

  /** The entry of a key id (NOT_FOUND when there is none, or the secret is not a key). */
  async entry(id: string): Promise<Result<KeyringEntry>> {
    return this.checkedEntry(await this.prisma.keyringSecret.findUnique({ where: { id } }), id);
  }

  /** The entry of a public key (`0x04…`) or wallet address. */
  async entryByPublicKey(publicKey: string): Promise<Result<KeyringEntry>> {
    const row = await this.prisma.keyringSecret.findUnique({ where: { publicKey: publicKey.toLowerCase() } });
    return this.checkedEntry(row, publicKey);
  }

  /** The key, to sign with. The caller wipes it when done. */
  async open(id: string): Promise<Result<SecretKey>> {
    const row = await this.prisma.keyringSecret.findUnique({ where: { id } });
    const entry = this.checkedEntry(row, id);
    if (!entry.ok || !row) return entry as Result<never>;
    return this.unseal(row, entry.value.purpose);
  }

  /**
   * The key handed out of the platform (an owner taking their community back to the Status app). Audited
   * whether it succeeds or not.
   */
  async export(id: string, audit: AuditContext): Promise<Result<SecretKey>> {
    const row = await this.prisma.keyringSecret.findUnique({ where: { id } });
    const entry = this.checkedEntry(row, id);
    const key = entry.ok && row ? this.unseal(row, entry.value.purpose) : (entry as Result<never>);
    await this.audit(
      'keyring.export',
      row?.tenantId ?? null,
      audit,
      { keyId: id, purpose: row?.purpose },
      key,
    );
    return key;
  }

  /**
   * Re-seals every secret not under the current master key with it, in batches; each row is updated only
   * if nobody rotated it meanwhile, so concurrent rotations are safe. Secrets that do not open are
   * reported and left as they are.
   */
  async rotate(audit: AuditContext, options: RotateOptions = {}): Promise<RotationReport> {
    const batchSize = options.batchSize ?? 100;
    const current = this.masterKeys.current;
    const failed: { id: string; code: ErrorCode }[] = [];
    let rotated = 0;
    let after: string | undefined;
    for (;;) {
      const rows = await this.prisma.keyringSecret.findMany({
        where: { masterKeyId: { not: current.id }, ...(after === undefined ? {} : { id: { gt: after } }) },
        orderBy: { id: 'asc' },
        take: batchSize,
      });
      for (const row of rows) {
        const resealed = this.reseal(row);
        if (!resealed.ok) {
          failed.push({ id: row.id, code: resealed.error.code });
          continue;
        }
        const { count } = await this.prisma.keyringSecret.updateMany({
          where: { id: row.id, masterKeyId: row.masterKeyId },
          data: { material: resealed.value, masterKeyId: current.id, rotatedAt: new Date() },
        });
        rotated += count;
      }
      const last = rows.at(-1);
      if (!last || rows.length < batchSize) break;
      after = last.id;
    }
    const report: RotationReport = { masterKeyId: current.id, rotated, failed };
    const outcome: Result<void> =
      failed[0] === undefined
        ? ok(undefined)
        : fail(failed[0].code, `${failed.length} secrets could not be re-sealed`);
    await this.audit(
      'keyring.rotate',
      null,
      audit,
      { masterKeyId: current.id, rotated, failed: failed.map((entry) => entry.id) },
      outcome,
    );
    return report;
  }

  private async store(
    action: string,
    purpose: KeyPurpose,
    key: SecretKey,
    tenantId: string | null,
    audit: AuditContext,
  ): Promise<Result<KeyringEntry>> {
    const current = this.masterKeys.current;
    const id = randomUUID();
    const publicKey = publicHalf(purpose, key);
    const material = sealSecret(key.reveal(), current, {
      id,
      purpose,
      tenantId,
      publicKey,
      masterKeyId: current.id,
    });
    let result: Result<KeyringEntry>;
    try {
      const row = await this.prisma.keyringSecret.create({
        data: {
          id,
          tenantId,
          purpose,
          publicKey,
          algorithm: KEYRING_ALGORITHM,
          masterKeyId: current.id,
          material,
        },
      });
      result = ok(entryOf({ ...row, purpose, publicKey }));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      result = fail(ErrorCode.CONFLICT, 'this key is already in the keyring', { publicKey });
    }
    await this.audit(action, tenantId, audit, { keyId: id, purpose, publicKey }, result);
    return result;
  }

  private checkedEntry(row: KeyringSecret | null, lookedUp: string): Result<KeyringEntry> {
    if (!row || !isKeyPurpose(row.purpose) || row.publicKey === null)
      return fail(ErrorCode.NOT_FOUND, `no key ${lookedUp} in the keyring`, { key: lookedUp });
    return ok(entryOf({ ...row, purpose: row.purpose, publicKey: row.publicKey }));
  }

  /** Opens a row and checks the key is the one its public half names. */
  private unseal(row: KeyringSecret, purpose: KeyPurpose): Result<SecretKey> {
    const masterKey = masterKeyById(this.masterKeys, row.masterKeyId);
    if (!masterKey.ok) return masterKey;
    const plaintext = openSecret(row.material, masterKey.value, bindingOf(row));
    if (!plaintext.ok) return plaintext;
    const key = SecretKey.fromBytes(plaintext.value);
    plaintext.value.fill(0);
    if (!key.ok || publicHalf(purpose, key.value) !== row.publicKey) {
      if (key.ok) key.value.wipe();
      return fail(ErrorCode.DECRYPTION_FAILED, `keyring secret ${row.id} is not the key its row names`, {
        secretId: row.id,
      });
    }
    return key;
  }

  private reseal(row: KeyringSecret): Result<Uint8Array<ArrayBuffer>> {
    const masterKey = masterKeyById(this.masterKeys, row.masterKeyId);
    if (!masterKey.ok) return masterKey;
    const plaintext = openSecret(row.material, masterKey.value, bindingOf(row));
    if (!plaintext.ok) return plaintext;
    const current = this.masterKeys.current;
    const material = sealSecret(plaintext.value, current, { ...bindingOf(row), masterKeyId: current.id });
    plaintext.value.fill(0);
    return ok(material);
  }

  private async audit(
    action: string,
    tenantId: string | null,
    context: AuditContext,
    input: Record<string, string | number | string[] | undefined>,
    result: Result<unknown, StatusError>,
  ): Promise<void> {
    await writeAudit(this.prisma, {
      tenantId,
      apiKeyId: context.apiKeyId ?? null,
      actor: context.actor,
      action,
      communityId: context.communityId ?? null,
      input: JSON.parse(JSON.stringify(input)) as Prisma.InputJsonObject,
      result,
    });
  }
}
