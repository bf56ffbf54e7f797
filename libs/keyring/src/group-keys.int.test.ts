import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { keyIdOf, utf8ToBytes } from '@status-communities/crypto';
import type { PrismaClient } from '@status-communities/db';
import { createTestDatabase } from '@status-communities/db/testing';
import type { TestDatabase } from '@status-communities/db/testing';
import { ErrorCode, unwrap } from '@status-communities/errors';
import { GroupKeyStore, SecretBytes, createMasterKeyRing } from './index.js';
import type { MasterKey } from './index.js';

const masterKey = (id: string): MasterKey => ({ id, key: SecretBytes.of(randomBytes(32)) });
const COMMUNITY = '0x031b84c5567b126440995d3ed5aaba0565d71e1834604819ff9c17f5e9d5dd078f';
const communityGroup = Uint8Array.from(Buffer.from(COMMUNITY.slice(2), 'hex'));
const channelGroup = utf8ToBytes(`${COMMUNITY}c0ffee00-0000-4000-8000-000000000001`);
const NOW = 1_700_000_000_000;

describe('GroupKeyStore on a real PostgreSQL', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  const g1 = masterKey('g1');
  const store = (current: MasterKey = g1, previous: MasterKey[] = []) =>
    new GroupKeyStore(prisma, unwrap(createMasterKeyRing(current, previous)));

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = db.prisma;
  });
  afterAll(() => db.drop());

  it('generates keys in timestamp order, stores only ciphertext, and the newest is current', async () => {
    const keys = store();
    const first = await keys.generate(COMMUNITY, communityGroup, NOW);
    const second = await keys.generate(COMMUNITY, communityGroup, NOW);
    // status-go: now + 10 for the first, previous + 1 when the clock has not moved past it.
    expect(first.key.timestampMs).toBe(BigInt(NOW) + 10n);
    expect(second.key.timestampMs).toBe(BigInt(NOW) + 11n);

    const current = unwrap(await keys.current(COMMUNITY, communityGroup));
    expect(current?.key.key).toEqual(second.key.key);
    expect(current?.keyId).toEqual(keyIdOf(second.key));
    expect(unwrap(await keys.ofGroup(COMMUNITY, communityGroup)).map((k) => k.id)).toEqual([
      first.id,
      second.id,
    ]);

    const row = await prisma.groupKey.findUniqueOrThrow({ where: { id: second.id } });
    expect(Buffer.from(row.material).includes(Buffer.from(second.key.key))).toBe(false);
  });

  it('keeps groups apart and gives a community all of its groups', async () => {
    const keys = store();
    expect(unwrap(await keys.current(COMMUNITY, channelGroup))).toBeUndefined();
    const channelKey = await keys.generate(COMMUNITY, channelGroup, NOW);
    expect(unwrap(await keys.current(COMMUNITY, channelGroup))?.id).toBe(channelKey.id);
    expect(unwrap(await keys.ofCommunity(COMMUNITY)).map((k) => k.key.groupId)).toContainEqual(channelGroup);
  });

  it('hands out each seq_no once, even to concurrent senders', async () => {
    const keys = store();
    const key = await keys.generate(COMMUNITY, communityGroup, NOW + 1000);
    const taken = await Promise.all(Array.from({ length: 20 }, () => keys.nextSeqNo(key.id)));
    expect(taken.map(unwrap).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('refuses a seq_no past 100000 (a rekey is due), and an unknown key', async () => {
    const keys = store();
    const key = await keys.generate(COMMUNITY, communityGroup, NOW + 2000);
    await prisma.groupKey.update({ where: { id: key.id }, data: { lastSeqNo: 100_000 } });
    const tooHigh = await keys.nextSeqNo(key.id);
    expect(!tooHigh.ok && tooHigh.error.code).toBe(ErrorCode.HASH_RATCHET_SEQ_NO_TOO_HIGH);
    const missing = await keys.nextSeqNo('0190f1c2-0000-7000-8000-000000000000');
    expect(!missing.ok && missing.error.code).toBe(ErrorCode.HASH_RATCHET_KEY_NOT_FOUND);
  });

  it('stores a received key once', async () => {
    const keys = store();
    const key = { groupId: channelGroup, key: new Uint8Array(32).fill(4), timestampMs: 1_600_000_000_000n };
    const once = await keys.store(COMMUNITY, key);
    const twice = await keys.store(COMMUNITY, key);
    expect(twice.id).toBe(once.id);
  });

  it('opens nothing under another master key, nor a row whose material was copied from another', async () => {
    const sealed = await store().generate(COMMUNITY, communityGroup, NOW + 3000);
    const other = await store().generate(COMMUNITY, communityGroup, NOW + 4000);
    const wrongMaster = await store(masterKey('g1')).ofGroup(COMMUNITY, communityGroup);
    expect(!wrongMaster.ok && wrongMaster.error.code).toBe(ErrorCode.DECRYPTION_FAILED);

    const donor = await prisma.groupKey.findUniqueOrThrow({ where: { id: sealed.id } });
    await prisma.groupKey.update({ where: { id: other.id }, data: { material: donor.material } });
    const swapped = await store().current(COMMUNITY, communityGroup);
    expect(!swapped.ok && swapped.error.code).toBe(ErrorCode.DECRYPTION_FAILED);
  });
});
