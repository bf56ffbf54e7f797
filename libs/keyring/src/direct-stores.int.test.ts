import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  encodeRatchetState,
  generatePrivateKey,
  initiatorRatchetState,
  publicKeyFromPrivateKey,
  ratchetEncrypt,
  utf8ToBytes,
} from '@status-communities/crypto';
import type { PrismaClient } from '@status-communities/db';
import { createTestDatabase } from '@status-communities/db/testing';
import type { TestDatabase } from '@status-communities/db/testing';
import { ErrorCode, unwrap } from '@status-communities/errors';
import type { DirectSession } from '@status-communities/protocol';
import { BUNDLE_REFRESH_INTERVAL_MS } from '@status-communities/protocol';
import { DirectPreKeyStore, DirectSessionStore, Keyring, SecretBytes, createMasterKeyRing } from './index.js';
import type { MasterKey } from './index.js';

const masterKey = (id: string): MasterKey => ({ id, key: SecretBytes.of(randomBytes(32)) });
const PEER = `0x04${'11'.repeat(64)}`;
const NOW = 1_700_000_000_000;

const newSession = (installationId: string): DirectSession => {
  const spk = publicKeyFromPrivateKey(generatePrivateKey(), { compressed: true });
  return {
    theirInstallationId: installationId,
    bundleId: spk,
    ratchet: unwrap(initiatorRatchetState(randomBytes(32), spk)),
    pendingX3dh: {
      ephemeralKey: publicKeyFromPrivateKey(generatePrivateKey(), { compressed: true }),
      bundleId: spk,
    },
  };
};

describe('DirectSessionStore and DirectPreKeyStore on a real PostgreSQL', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let identityId: string;
  const k1 = masterKey('k1');
  const ring = unwrap(createMasterKeyRing(k1));
  const sessions = () => new DirectSessionStore(prisma, ring);

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = db.prisma;
    const tenant = await prisma.tenant.create({ data: { name: 'T', slug: 'direct-stores' } });
    const entry = unwrap(
      await new Keyring(prisma, ring).generate('IDENTITY_KEY', tenant.id, { actor: 'test' }),
    );
    identityId = (
      await prisma.identity.create({
        data: { tenantId: tenant.id, publicKey: entry.publicKey, displayName: 'Bot One', keyId: entry.id },
      })
    ).id;
  });
  afterAll(() => db.drop());

  it('round-trips a session, sealed (no key in the clear), and advances it by version', async () => {
    const store = sessions();
    const session = newSession('device-a');
    unwrap(await store.save(identityId, PEER, [{ session }]));
    const [loaded] = unwrap(await store.load(identityId, PEER));
    expect(loaded?.version).toBe(0);
    expect(loaded?.session.theirInstallationId).toBe('device-a');
    expect(encodeRatchetState(loaded!.session.ratchet)).toEqual(encodeRatchetState(session.ratchet));
    expect(loaded?.session.pendingX3dh).toEqual(session.pendingX3dh);
    const row = await prisma.directSession.findUniqueOrThrow({ where: { id: loaded!.id } });
    expect(Buffer.from(row.material).includes(Buffer.from(session.ratchet.rootKey))).toBe(false);

    const stepped = ratchetEncrypt(loaded!.session.ratchet, utf8ToBytes('hi')).state;
    unwrap(
      await store.save(identityId, PEER, [
        { stored: loaded!, session: { ...loaded!.session, ratchet: stepped } },
      ]),
    );
    const [again] = unwrap(await store.load(identityId, PEER));
    expect(again?.version).toBe(1);
    expect(again?.session.ratchet.sendN).toBe(stepped.sendN);
  });

  it('refuses material copied to another row, or an older state written back to its own row', async () => {
    const store = sessions();
    unwrap(await store.save(identityId, PEER, [{ session: newSession('device-b') }]));
    const rows = await prisma.directSession.findMany({
      where: { identityId, peerKey: PEER },
      orderBy: { createdAt: 'asc' },
    });
    const [first, second] = rows;
    const original = second!.material;
    await prisma.directSession.update({ where: { id: second!.id }, data: { material: first!.material } });
    expect((await store.load(identityId, PEER)).ok).toBe(false);
    await prisma.directSession.update({ where: { id: second!.id }, data: { material: original } });
    expect((await store.load(identityId, PEER)).ok).toBe(true);
    // The first row is at version 1: its version 0 state (same row, older version) must not open.
    await prisma.directSession.update({ where: { id: first!.id }, data: { version: 0 } });
    const rolledBack = await store.load(identityId, PEER);
    expect(rolledBack.ok ? undefined : rolledBack.error.code).toBe(ErrorCode.DECRYPTION_FAILED);
    await prisma.directSession.update({ where: { id: first!.id }, data: { version: 1 } });
  });

  it('lets one of two concurrent saves of the same session win; the other is a retryable CONFLICT', async () => {
    const store = sessions();
    const [loaded] = unwrap(await store.load(identityId, PEER));
    const advance = (text: string) =>
      store.save(identityId, PEER, [
        {
          stored: loaded!,
          session: {
            ...loaded!.session,
            ratchet: ratchetEncrypt(loaded!.session.ratchet, utf8ToBytes(text)).state,
          },
        },
      ]);
    const results = await Promise.all([advance('a'), advance('b')]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const lost = results.find((r) => !r.ok);
    expect(lost && !lost.ok && lost.error.code).toBe(ErrorCode.CONFLICT);
    expect(lost && !lost.ok && lost.error.details['retryable']).toBe(true);
    const [after] = unwrap(await store.load(identityId, PEER));
    expect(after?.version).toBe(loaded!.version + 1);
    // Two workers creating the same new session: one row.
    const fresh = newSession('device-c');
    const created = await Promise.all([
      store.save(identityId, PEER, [{ session: fresh }]),
      store.save(identityId, PEER, [{ session: fresh }]),
    ]);
    expect(created.filter((r) => r.ok)).toHaveLength(1);
  });

  it('keeps one pre-key for 24 h, then rotates to version + 1 and keeps the old one', async () => {
    const keys = new DirectPreKeyStore(prisma, ring);
    const [a, b] = await Promise.all([keys.current(identityId, NOW), keys.current(identityId, NOW)]);
    expect(unwrap(a).publicKey).toEqual(unwrap(b).publicKey);
    expect(unwrap(a).version).toBe(1);
    expect(unwrap(await keys.current(identityId, NOW + 1_000)).publicKey).toEqual(unwrap(a).publicKey);
    await prisma.directPreKey.updateMany({ where: { identityId }, data: { createdAt: new Date(NOW) } });
    const rotated = unwrap(await keys.current(identityId, NOW + BUNDLE_REFRESH_INTERVAL_MS + 1));
    expect(rotated.version).toBe(2);
    expect(rotated.publicKey).not.toEqual(unwrap(a).publicKey);
    const all = unwrap(await keys.all(identityId));
    expect(all.map((k) => k.version)).toEqual([2, 1]);
    expect(publicKeyFromPrivateKey(all[1]!.privateKey, { compressed: true })).toEqual(unwrap(a).publicKey);
    // Under another master key ring nothing opens.
    const other = new DirectPreKeyStore(prisma, unwrap(createMasterKeyRing(masterKey('k1'))));
    expect((await other.all(identityId)).ok).toBe(false);
  });
});
