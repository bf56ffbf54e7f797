import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { serializePublicKey } from '@status-communities/crypto';
import type { MemberRole } from '@status-communities/db';
import { unwrap } from '@status-communities/errors';
import type { ApiHarness } from '../testing/api-harness.js';
import { startApiHarness } from '../testing/api-harness.js';
import { newKeys, seedCommunity, SEED_DAY } from '../testing/seed.js';

let api: ApiHarness;
let key: string;
let communityId: string;
const people: { name: string; keys: ReturnType<typeof newKeys>; roles: MemberRole[] }[] = [];

interface MemberPage {
  totalCount: number;
  edges: { cursor: string; node: { memberKey: string; displayName: string | null; roles: string[] } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
}

const MEMBERS = `query ($id: String!, $search: String, $role: MemberRole, $state: MemberState, $first: Int,
  $after: String, $last: Int, $before: String) { community(ref: { id: $id }) {
  members(search: $search, role: $role, state: $state, first: $first, after: $after, last: $last,
    before: $before) {
    totalCount edges { cursor node { memberKey displayName roles } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`;

const membersAnswer = (variables: Record<string, unknown>) =>
  api.gql<{ community: { members: MemberPage } }>(MEMBERS, { id: communityId, ...variables }, key);

const members = async (variables: Record<string, unknown>): Promise<MemberPage> => {
  const response = await membersAnswer(variables);
  expect(response.body.errors).toBeUndefined();
  return response.body.data?.community.members as MemberPage;
};

const names = (page: MemberPage) => page.edges.map((edge) => edge.node.displayName);
const byKey = (a: { keys: { uncompressed: string } }, b: { keys: { uncompressed: string } }) =>
  a.keys.uncompressed < b.keys.uncompressed ? -1 : 1;

beforeAll(async () => {
  api = await startApiHarness();
  const tenant = await api.createTenant('members');
  key = await api.createKey(tenant, ['COMMUNITY_READ']);
  communityId = (await seedCommunity(api.prisma, { kind: 'HOSTED', tenantId: tenant, name: 'Search Hub' }))
    .id;
  const seeded: [string, MemberRole[]][] = [
    ['Alice One', ['ADMIN']],
    ['alice two', []],
    ['ALICE three', ['ADMIN']],
    ['Alice Four', []],
    ['Alice Five', []],
    ['Bob', ['ADMIN']],
    ['100% club', []],
    ['100x club', []],
  ];
  for (const [name, roles] of seeded) people.push({ name, keys: newKeys(), roles });
  await api.prisma.member.createMany({
    data: people.map((person) => ({
      communityId,
      memberKey: person.keys.uncompressed,
      displayName: person.name,
      roles: person.roles,
      joinedAt: SEED_DAY,
    })),
  });
  const gone = newKeys().uncompressed;
  await api.prisma.member.create({
    data: { communityId, memberKey: gone, displayName: 'Alice Gone', state: 'LEFT', joinedAt: SEED_DAY },
  });
});
afterAll(() => api.close());

describe('Community.members search and role', () => {
  it('matches part of the display name in any case, %, _ literally, and only active members by default', async () => {
    const alices = people.filter((person) => person.name.toLowerCase().startsWith('alice')).sort(byKey);
    const page = await members({ search: 'aLiCe', first: 20 });
    expect(names(page)).toEqual(alices.map((person) => person.name));
    expect(page.totalCount).toBe(5);
    expect(names(await members({ search: '%' }))).toEqual(['100% club']);
    expect(names(await members({ search: '0_' }))).toEqual([]);
    expect(names(await members({ search: ' bob ' }))).toEqual(['Bob']);
    expect(names(await members({ search: 'alice', state: 'LEFT' }))).toEqual(['Alice Gone']);
    expect((await members({ search: '   ' })).totalCount).toBe(5 + people.length);
  });

  it('matches the start of the key with or without 0x, and a whole key as zQ3… or compressed', async () => {
    const bob = people.find((person) => person.name === 'Bob');
    if (!bob) throw new Error('seeded Bob');
    const hex = bob.keys.uncompressed.slice(2);
    const only = async (search: string) => names(await members({ search }));
    expect(await only(`0x${hex.slice(0, 12)}`)).toEqual(['Bob']);
    expect(await only(hex.slice(0, 12).toUpperCase())).toEqual(['Bob']);
    expect(await only(bob.keys.uncompressed)).toEqual(['Bob']);
    expect(await only(bob.keys.compressed)).toEqual(['Bob']);
    expect(await only(unwrap(serializePublicKey(Buffer.from(bob.keys.compressed.slice(2), 'hex'))))).toEqual([
      'Bob',
    ]);
    // Every key starts 0x04: a short prefix finds all active members, the ones seeded with the community too.
    expect((await members({ search: '04' })).totalCount).toBe(5 + people.length);
  });

  it('filters by role, alone and with a search', async () => {
    const admins = people.filter((person) => person.roles.includes('ADMIN')).sort(byKey);
    expect(names(await members({ role: 'ADMIN' }))).toEqual(admins.map((person) => person.name));
    const page = await members({ role: 'ADMIN', search: 'alice' });
    expect(page.totalCount).toBe(2);
    expect(page.edges.every((edge) => edge.node.roles.includes('ADMIN'))).toBe(true);
    expect((await members({ role: 'TOKEN_MASTER' })).edges).toEqual([]);
  });

  it('pages a search forward and back by key, each member once, the count unchanged', async () => {
    const alices = people.filter((person) => person.name.toLowerCase().startsWith('alice')).sort(byKey);
    const first = await members({ search: 'alice', first: 2 });
    const second = await members({ search: 'alice', first: 2, after: first.pageInfo.endCursor });
    const third = await members({ search: 'alice', first: 2, after: second.pageInfo.endCursor });
    expect([...names(first), ...names(second), ...names(third)]).toEqual(alices.map((person) => person.name));
    expect([first.totalCount, second.totalCount, third.totalCount]).toEqual([5, 5, 5]);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(third.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const back = await members({ search: 'alice', last: 2, before: third.pageInfo.startCursor });
    expect(names(back)).toEqual(names(second));
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });

  it('keeps a cursor valid when its member no longer matches the search or is gone', async () => {
    const alices = people.filter((person) => person.name.toLowerCase().startsWith('alice')).sort(byKey);
    const first = await members({ search: 'alice', first: 2 });
    const atCursor = alices[1];
    if (!atCursor) throw new Error('seeded Alices');
    const where = { communityId_memberKey: { communityId, memberKey: atCursor.keys.uncompressed } };
    await api.prisma.member.update({ where, data: { displayName: 'Renamed' } });
    try {
      const next = await members({ search: 'alice', first: 2, after: first.pageInfo.endCursor });
      expect(names(next)).toEqual(alices.slice(2, 4).map((person) => person.name));
      await api.prisma.member.delete({ where });
      const again = await members({ search: 'alice', first: 2, after: first.pageInfo.endCursor });
      expect(names(again)).toEqual(alices.slice(2, 4).map((person) => person.name));
    } finally {
      await api.prisma.member.upsert({
        where,
        create: {
          communityId,
          memberKey: atCursor.keys.uncompressed,
          displayName: atCursor.name,
          joinedAt: SEED_DAY,
        },
        update: { displayName: atCursor.name },
      });
    }
  });

  it('refuses a search over 140 characters and a cursor that is not a member key as BAD_USER_INPUT', async () => {
    const long = await membersAnswer({ search: 'a'.repeat(141) });
    expect(long.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(long.body.errors?.[0]?.extensions?.['field']).toEqual(['search']);
    expect((await members({ search: 'a'.repeat(140) })).edges).toEqual([]);
    const cursor = Buffer.from(JSON.stringify({ id: 1 })).toString('base64url');
    const badCursor = await membersAnswer({ after: cursor });
    expect(badCursor.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});
