import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PrismaClient } from '@status-communities/db';
import { createTestDatabase } from '@status-communities/db/testing';
import type { TestDatabase } from '@status-communities/db/testing';
import { ErrorCode, unwrap } from '@status-communities/errors';
import { Keyring, SecretBytes, SecretKey, createMasterKeyRing } from './index.js';
import type { MasterKey } from './index.js';

const masterKey = (id: string): MasterKey => ({ id, key: SecretBytes.of(randomBytes(32)) });
const actor = { actor: 'keyring-test' };

describe('Keyring on a real PostgreSQL', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let tenantId: string;
  const k1 = masterKey('k1');
  const keyring = (current: MasterKey, previous: MasterKey[] = []) =>
    new Keyring(prisma, unwrap(createMasterKeyRing(current, previous)));

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = db.prisma;
    tenantId = (await prisma.tenant.create({ data: { name: 'Tenant', slug: 'tenant' } })).id;
  });
  afterAll(() => db.drop());

  const auditOf = (keyId: string) =>
    prisma.auditLogEntry.findMany({
      where: { input: { path: ['keyId'], equals: keyId } },
      orderBy: { id: 'asc' },
    });

  it('generates a key, stores only ciphertext, and opens it again', async () => {
    const ring = keyring(k1);
    const entry = unwrap(await ring.generate('COMMUNITY_KEY', tenantId, actor));
    expect(entry).toMatchObject({ purpose: 'COMMUNITY_KEY', tenantId, masterKeyId: 'k1', rotatedAt: null });
    expect(entry.publicKey).toMatch(/^0x04[0-9a-f]{128}$/);

    const key = unwrap(await ring.open(entry.id));
    expect(key.publicKeyHex).toBe(entry.publicKey);
    const row = await prisma.keyringSecret.findUniqueOrThrow({ where: { id: entry.id } });
    expect(row.algorithm).toBe('aes-256-gcm');
    expect(row.material).toHaveLength(60);
    expect(Buffer.from(row.material).includes(Buffer.from(key.reveal()))).toBe(false);
    expect(unwrap(await ring.entryByPublicKey(entry.publicKey)).id).toBe(entry.id);

    const audit = await auditOf(entry.id);
    expect(audit.map((line) => [line.action, line.result, line.tenantId])).toEqual([
      ['keyring.generate', 'SUCCESS', tenantId],
    ]);
    expect(JSON.stringify(audit.map((line) => line.input))).not.toContain(key.revealHex());
  });

  it('imports a key once, indexes wallets by address, and refuses the same key twice', async () => {
    const ring = keyring(k1);
    const identity = SecretKey.generate();
    const entry = unwrap(await ring.import('IDENTITY_KEY', identity, tenantId, actor));
    expect(entry.publicKey).toBe(identity.publicKeyHex);
    expect(unwrap(await ring.open(entry.id)).revealHex()).toBe(identity.revealHex());

    const again = await ring.import('IDENTITY_KEY', identity, tenantId, actor);
    expect(!again.ok && again.error.code).toBe(ErrorCode.CONFLICT);
    expect(JSON.stringify(again)).not.toContain(identity.revealHex());
    const audit = await prisma.auditLogEntry.findMany({
      where: { action: 'keyring.import', input: { path: ['publicKey'], equals: identity.publicKeyHex } },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((line) => [line.result, line.errorCode])).toEqual([
      ['SUCCESS', null],
      ['FAILURE', 'CONFLICT'],
    ]);

    const wallet = SecretKey.generate();
    const walletEntry = unwrap(await ring.import('WALLET_KEY', wallet, tenantId, actor));
    expect(walletEntry.publicKey).toBe(wallet.address);
    expect(unwrap(await ring.open(walletEntry.id)).address).toBe(wallet.address);
  });

  it('reports a missing key as NOT_FOUND', async () => {
    const missing = await keyring(k1).open('00000000-0000-4000-8000-000000000000');
    expect(!missing.ok && missing.error.code).toBe(ErrorCode.NOT_FOUND);
    const byKey = await keyring(k1).entryByPublicKey(`0x04${'ab'.repeat(64)}`);
    expect(!byKey.ok && byKey.error.code).toBe(ErrorCode.NOT_FOUND);
  });

  it('fails typed under a wrong master key and under an unknown master key id', async () => {
    const entry = unwrap(await keyring(k1).generate('IDENTITY_KEY', null, actor));
    const wrong = await keyring({ id: 'k1', key: SecretBytes.of(randomBytes(32)) }).open(entry.id);
    expect(!wrong.ok && wrong.error.code).toBe(ErrorCode.DECRYPTION_FAILED);
    const unknown = await keyring(masterKey('k9')).open(entry.id);
    expect(!unknown.ok && unknown.error.code).toBe(ErrorCode.UNKNOWN_MASTER_KEY);
    expect(!unknown.ok && unknown.error.details).toEqual({ masterKeyId: 'k1' });
  });

  it('refuses a tampered row', async () => {
    const ring = keyring(k1);
    const entry = unwrap(await ring.generate('COMMUNITY_KEY', tenantId, actor));
    const row = await prisma.keyringSecret.findUniqueOrThrow({ where: { id: entry.id } });
    const material = Uint8Array.from(row.material);
    material[20] = (material[20] ?? 0) ^ 0x80;
    await prisma.keyringSecret.update({ where: { id: entry.id }, data: { material } });
    const opened = await ring.open(entry.id);
    expect(!opened.ok && opened.error.code).toBe(ErrorCode.DECRYPTION_FAILED);
  });

  it('refuses rows whose material, tenant or public key were swapped', async () => {
    const ring = keyring(k1);
    const a = unwrap(await ring.generate('COMMUNITY_KEY', tenantId, actor));
    const b = unwrap(await ring.generate('COMMUNITY_KEY', tenantId, actor));
    const [rowA, rowB] = await Promise.all(
      [a, b].map((entry) => prisma.keyringSecret.findUniqueOrThrow({ where: { id: entry.id } })),
    );
    if (!rowA || !rowB) throw new Error('rows missing');
    await prisma.keyringSecret.update({ where: { id: a.id }, data: { material: rowB.material } });
    await prisma.keyringSecret.update({ where: { id: b.id }, data: { material: rowA.material } });
    for (const entry of [a, b]) {
      const opened = await ring.open(entry.id);
      expect(!opened.ok && opened.error.code).toBe(ErrorCode.DECRYPTION_FAILED);
    }

    const other = await prisma.tenant.create({ data: { name: 'Other', slug: 'other' } });
    const c = unwrap(await ring.generate('COMMUNITY_KEY', tenantId, actor));
    await prisma.keyringSecret.update({ where: { id: c.id }, data: { tenantId: other.id } });
    const moved = await ring.open(c.id);
    expect(!moved.ok && moved.error.code).toBe(ErrorCode.DECRYPTION_FAILED);
  });

  it('rotates every secret to the current master key and still opens them', async () => {
    const k0 = masterKey('k0');
    const old = keyring(k0);
    const entries = [];
    for (let i = 0; i < 5; i++) entries.push(unwrap(await old.generate('IDENTITY_KEY', tenantId, actor)));
    const before = await Promise.all(
      entries.map(async (entry) => unwrap(await old.open(entry.id)).revealHex()),
    );

    const k2 = masterKey('k2');
    // Every key this suite has used so far: rows under k1 (and the tampered ones) move to k2 too.
    const rotating = keyring(k2, [k1, k0]);
    const report = await rotating.rotate(actor, { batchSize: 2 });
    expect(report.masterKeyId).toBe('k2');
    const failedIds = report.failed.map((entry) => entry.id);
    expect(report.failed.every((entry) => entry.code === ErrorCode.DECRYPTION_FAILED)).toBe(true);
    expect(
      await prisma.keyringSecret.count({ where: { masterKeyId: { not: 'k2' }, id: { notIn: failedIds } } }),
    ).toBe(0);
    expect(report.rotated).toBe(await prisma.keyringSecret.count({ where: { masterKeyId: 'k2' } }));

    // Without the old keys: what was sealed under k0 opens under k2 alone.
    const onlyNew = keyring(k2);
    const after = await Promise.all(
      entries.map(async (entry) => unwrap(await onlyNew.open(entry.id)).revealHex()),
    );
    expect(after).toEqual(before);
    const rotatedRow = await prisma.keyringSecret.findUniqueOrThrow({ where: { id: entries[0]?.id ?? '' } });
    expect(rotatedRow.rotatedAt).not.toBeNull();
    const stale = await keyring(k0).open(entries[0]?.id ?? '');
    expect(!stale.ok && stale.error.code).toBe(ErrorCode.UNKNOWN_MASTER_KEY);

    const again = await rotating.rotate(actor);
    expect(again.rotated).toBe(0);
    const audit = await prisma.auditLogEntry.findMany({
      where: { action: 'keyring.rotate' },
      orderBy: { id: 'asc' },
    });
    expect(audit).toHaveLength(2);
    expect(audit[0]?.input).toMatchObject({ masterKeyId: 'k2', rotated: report.rotated });
  });

  it('exports a key only as an audited operation', async () => {
    const ring = keyring(masterKey('k3'));
    const entry = unwrap(
      await ring.generate('COMMUNITY_KEY', tenantId, { actor: 'owner', communityId: '0x02ab' }),
    );
    const exported = unwrap(await ring.export(entry.id, { actor: 'owner', communityId: '0x02ab' }));
    expect(exported.publicKeyHex).toBe(entry.publicKey);
    const missing = await ring.export('00000000-0000-4000-8000-000000000001', { actor: 'owner' });
    expect(!missing.ok && missing.error.code).toBe(ErrorCode.NOT_FOUND);

    const exports = await prisma.auditLogEntry.findMany({
      where: { action: 'keyring.export' },
      orderBy: { id: 'asc' },
    });
    expect(exports.map((line) => [line.actor, line.result, line.errorCode, line.communityId])).toEqual([
      ['owner', 'SUCCESS', null, '0x02ab'],
      ['owner', 'FAILURE', 'NOT_FOUND', null],
    ]);
    expect(JSON.stringify(exports.map((line) => line.input))).not.toContain(exported.revealHex());
  });
});
