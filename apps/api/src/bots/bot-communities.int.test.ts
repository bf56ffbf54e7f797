import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ApiHarness } from '../testing/api-harness.js';
import { startApiHarness } from '../testing/api-harness.js';
import { hex, newKeys, SEED_DAY, seedCommunity } from '../testing/seed.js';

let api: ApiHarness;
let tenantId: string;
let reader: string;
const communities: Record<string, string> = {};
const bots: Record<'helper' | 'quiet' | 'other', string> = {
  helper: newKeys().uncompressed,
  quiet: newKeys().uncompressed,
  other: newKeys().uncompressed,
};

const at = (minutes: number) => new Date(SEED_DAY.getTime() + minutes * 60_000);

const addBot = async (tenant: string, publicKey: string, displayName: string) => {
  const secret = await api.prisma.keyringSecret.create({
    data: {
      tenantId: tenant,
      purpose: 'IDENTITY_KEY',
      publicKey,
      algorithm: 'aes-256-gcm',
      masterKeyId: 'k1',
      material: randomBytes(60),
    },
  });
  await api.prisma.identity.create({ data: { tenantId: tenant, publicKey, displayName, keyId: secret.id } });
};

const request = (
  communityId: string,
  requesterKey: string,
  state: 'PENDING' | 'ACCEPTED' | 'DECLINED',
  minute: number,
) =>
  api.prisma.requestToJoin.create({
    data: { id: hex(), communityId, requesterKey, clock: BigInt(minute), state, receivedAt: at(minute) },
  });

const member = (
  communityId: string,
  memberKey: string,
  data: {
    state?: 'ACTIVE' | 'LEFT' | 'BANNED';
    roles?: ('ADMIN' | 'OWNER')[];
    joined: number;
    left?: number;
  },
) =>
  api.prisma.member.create({
    data: {
      communityId,
      memberKey,
      state: data.state ?? 'ACTIVE',
      roles: data.roles ?? [],
      joinedAt: at(data.joined),
      leftAt: data.left === undefined ? null : at(data.left),
    },
  });

beforeAll(async () => {
  api = await startApiHarness();
  tenantId = await api.createTenant('bots');
  const theirs = await api.createTenant('theirs');
  reader = await api.createKey(tenantId, ['COMMUNITY_READ']);
  for (const [name, kind] of [
    ['Alpha', 'HOSTED'],
    ['Beta', 'WATCHED'],
    ['Gamma', 'HOSTED'],
    ['Delta', 'HOSTED'],
    ['Epsilon', 'WATCHED'],
  ] as const)
    communities[name] = (
      await seedCommunity(api.prisma, { kind, tenantId: kind === 'HOSTED' ? tenantId : undefined, name })
    ).id;
  communities['Theirs'] = (
    await seedCommunity(api.prisma, { kind: 'HOSTED', tenantId: theirs, name: 'Theirs' })
  ).id;
  await addBot(tenantId, bots.helper, 'Helper Bot');
  await addBot(tenantId, bots.quiet, 'Quiet Bot');
  await addBot(theirs, bots.other, 'Other Bot');
  const c = (name: string) => communities[name] as string;
  // Helper: accepted into Alpha as an admin; asking Beta; left Gamma then asked again; banned from Delta
  // after its accepted request; declined by Epsilon; a member of another tenant's community.
  await request(c('Alpha'), bots.helper, 'ACCEPTED', 1);
  await member(c('Alpha'), bots.helper, { roles: ['ADMIN'], joined: 2 });
  await request(c('Beta'), bots.helper, 'PENDING', 3);
  await member(c('Gamma'), bots.helper, { state: 'LEFT', joined: 4, left: 5 });
  await request(c('Gamma'), bots.helper, 'PENDING', 6);
  await request(c('Delta'), bots.helper, 'ACCEPTED', 7);
  await member(c('Delta'), bots.helper, { state: 'BANNED', joined: 8, left: 9 });
  await request(c('Epsilon'), bots.helper, 'PENDING', 10);
  await request(c('Epsilon'), bots.helper, 'DECLINED', 11);
  await member(c('Theirs'), bots.helper, { joined: 12 });
  await member(c('Alpha'), bots.other, { joined: 13 });
});
afterAll(() => api.close());

interface BotAnswer {
  displayName: string;
  communities: {
    state: string;
    roles: string[];
    joinedAt: string | null;
    requestedAt: string | null;
    community: { communityId: string; identity: { name: string } };
  }[];
}

const BOTS = `{ botIdentities { displayName communities { state roles joinedAt requestedAt
  community { communityId identity { name } } } } }`;

const botsSeenBy = async (key: string) => {
  const response = await api.gql<{ botIdentities: BotAnswer[] }>(BOTS, {}, key);
  expect(response.body.errors).toBeUndefined();
  return new Map(response.body.data?.botIdentities.map((bot) => [bot.displayName, bot.communities]));
};

describe('BotIdentity.communities', () => {
  it("lists each bot's communities with its standing there, by name, within what the key sees", async () => {
    const seen = await botsSeenBy(reader);
    expect(seen.get('Quiet Bot')).toEqual([]);
    expect(
      seen.get('Helper Bot')?.map((entry) => [entry.community.identity.name, entry.state, entry.roles]),
    ).toEqual([
      ['Alpha', 'MEMBER', ['ADMIN']],
      ['Beta', 'PENDING', []],
      ['Delta', 'BANNED', []],
      ['Epsilon', 'DECLINED', []],
      ['Gamma', 'PENDING', []],
    ]);
    expect(seen.get('Helper Bot')?.[0]).toMatchObject({
      community: { communityId: communities['Alpha'] },
      joinedAt: at(2).toISOString(),
      requestedAt: at(1).toISOString(),
    });
    expect(seen.has('Other Bot')).toBe(false);
  });

  it('shows a key bound to one community that community only', async () => {
    const bound = await api.createKey(tenantId, ['COMMUNITY_READ'], { communityId: communities['Gamma'] });
    const seen = await botsSeenBy(bound);
    expect(seen.get('Helper Bot')?.map((entry) => [entry.community.identity.name, entry.state])).toEqual([
      ['Gamma', 'PENDING'],
    ]);
  });
});
