import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase } from '@status-communities/db/testing';
import type { TestDatabase } from '@status-communities/db/testing';
import { DEV_BOT_NAME, ensureDevBot } from './dev-bot.js';

const keyring = { KEYRING_MASTER_KEY: 'ab'.repeat(32), KEYRING_MASTER_KEY_ID: 'dev-1' };

describe('the development bot', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('waits for the tenant the api creates', async () => {
    expect(await ensureDevBot(database.prisma, keyring, 'nobody')).toBeUndefined();
  });

  it('is an identity and a wallet in the keyring of the tenant, made once', async () => {
    const tenant = await database.prisma.tenant.create({ data: { name: 'Platform', slug: 'platform' } });
    const bot = await ensureDevBot(database.prisma, keyring, 'platform');
    expect(bot).toEqual({
      publicKey: expect.stringMatching(/^0x04[0-9a-f]{128}$/),
      walletAddress: expect.stringMatching(/^0x[0-9a-f]{40}$/),
      created: true,
    });
    const identity = await database.prisma.identity.findFirstOrThrow({ where: { tenantId: tenant.id } });
    expect(identity).toMatchObject({ displayName: DEV_BOT_NAME, publicKey: bot?.publicKey });
    const secrets = await database.prisma.keyringSecret.findMany({ where: { tenantId: tenant.id } });
    expect(secrets.map((secret) => [secret.purpose, secret.masterKeyId]).sort()).toEqual([
      ['IDENTITY_KEY', 'dev-1'],
      ['WALLET_KEY', 'dev-1'],
    ]);
    expect(await ensureDevBot(database.prisma, keyring, 'platform')).toEqual({ ...bot, created: false });
  });
});
