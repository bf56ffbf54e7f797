import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Queue } from 'bullmq';
import type { ApiHarness } from '../testing/api-harness.js';
import { startApiHarness } from '../testing/api-harness.js';
import { newKeys, seedCommunity } from '../testing/seed.js';

let api: ApiHarness;
let tenantId: string;
let owner: string;

interface Payload {
  command: { id: string; queue: string; type: string } | null;
  userErrors: { code: string; message: string; field: string[] | null }[];
}

const CREATE = `mutation ($input: CreateBotIdentityInput!) {
  createBotIdentity(input: $input) { command { id queue type } userErrors { code message field } }
}`;

const create = (input: Record<string, unknown>, key = owner) =>
  api.gql<{ createBotIdentity: Payload }>(CREATE, { input }, key);

const created = async (input: Record<string, unknown>, key = owner): Promise<Payload> => {
  const response = await create(input, key);
  expect(response.body.errors).toBeUndefined();
  return response.body.data?.createBotIdentity as Payload;
};

const botQueue = () => api.server.services.queues.botMessages as unknown as Queue;
const queuedNamed = async (displayName: string) =>
  (await botQueue().getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])).filter(
    (job) => (job.data as { displayName?: string }).displayName === displayName,
  );

beforeAll(async () => {
  api = await startApiHarness();
  tenantId = await api.createTenant('bots');
  owner = await api.createKey(tenantId, ['OWNER_CONTROL', 'COMMUNITY_READ']);
});
afterAll(() => api.close());

describe('createBotIdentity', () => {
  it("queues identity.create on bot.messages for the caller's tenant", async () => {
    const result = await created({ displayName: 'Helper Bot' });
    expect(result).toEqual({
      command: { id: expect.any(String), queue: '{bot.messages}', type: 'identity.create' },
      userErrors: [],
    });
    const job = await botQueue().getJob(result.command?.id ?? '');
    expect(job?.data).toEqual({
      type: 'identity.create',
      correlationId: result.command?.id,
      actor: expect.stringMatching(/^api-key:/),
      tenantId,
      displayName: 'Helper Bot',
      withWallet: true,
    });
    const audit = await api.prisma.auditLogEntry.findFirst({ orderBy: { id: 'desc' } });
    expect(audit).toMatchObject({ tenantId, action: 'identity.create', result: 'SUCCESS', errorCode: null });
  });

  it('makes no wallet when asked not to', async () => {
    const result = await created({ displayName: 'No Wallet', withWallet: false });
    expect((await botQueue().getJob(result.command?.id ?? ''))?.data).toMatchObject({ withWallet: false });
  });

  it('replays an idempotent request and queues one job', async () => {
    const input = { displayName: 'Once Only', idempotencyKey: 'bot-once' };
    const first = await created(input);
    expect(await created(input)).toEqual(first);
    expect(await queuedNamed('Once Only')).toHaveLength(1);
    const other = await created({ ...input, displayName: 'Twice Now' });
    expect(other.userErrors[0]).toMatchObject({ code: 'CONFLICT', field: ['input', 'idempotencyKey'] });
  });

  it('refuses a name receivers would drop, naming the field, queuing nothing', async () => {
    const result = await created({ displayName: 'Bot!' });
    expect(result.command).toBeNull();
    expect(result.userErrors.map((error) => [error.code, error.field])).toEqual([
      ['BAD_USER_INPUT', ['input', 'displayName']],
    ]);
    expect(await queuedNamed('Bot!')).toEqual([]);
  });

  it('needs owner:control, from a key not bound to one community', async () => {
    const writer = await api.createKey(tenantId, ['MESSAGES_WRITE', 'COMMUNITY_READ']);
    const refused = await create({ displayName: 'Not Allowed' }, writer);
    expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    const community = await seedCommunity(api.prisma, { kind: 'HOSTED', tenantId, name: 'Bound' });
    const bound = await api.createKey(tenantId, ['OWNER_CONTROL'], { communityId: community.id });
    const result = await created({ displayName: 'Not Allowed' }, bound);
    expect(result).toMatchObject({ command: null, userErrors: [{ code: 'FORBIDDEN' }] });
    expect(await queuedNamed('Not Allowed')).toEqual([]);
  });
});

describe('botIdentities', () => {
  it('shows the address of the wallet made with an identity', async () => {
    const secret = (purpose: 'IDENTITY_KEY' | 'WALLET_KEY', publicKey: string) =>
      api.prisma.keyringSecret.create({
        data: {
          tenantId,
          purpose,
          publicKey,
          algorithm: 'aes-256-gcm',
          masterKeyId: 'k1',
          material: randomBytes(60),
        },
      });
    const address = `0x${randomBytes(20).toString('hex')}`;
    const wallet = await secret('WALLET_KEY', address);
    for (const [displayName, walletKeyId] of [
      ['With Wallet', wallet.id],
      ['Without Wallet', null],
    ] as const) {
      const publicKey = newKeys().uncompressed;
      const key = await secret('IDENTITY_KEY', publicKey);
      await api.prisma.identity.create({
        data: { tenantId, publicKey, displayName, keyId: key.id, walletKeyId },
      });
    }
    const response = await api.gql<{
      botIdentities: { displayName: string; walletAddress: string | null }[];
    }>('{ botIdentities { displayName walletAddress } }', {}, owner);
    // Compared as a set: both rows may share a creation millisecond, the list's order.
    expect(response.body.data?.botIdentities).toHaveLength(2);
    expect(response.body.data?.botIdentities).toEqual(
      expect.arrayContaining([
        { displayName: 'With Wallet', walletAddress: address },
        { displayName: 'Without Wallet', walletAddress: null },
      ]),
    );
  });
});
