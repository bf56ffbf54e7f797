import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { encodeCommunityUrl } from '@status-communities/protocol';
import type { ApiHarness } from '../testing/api-harness.js';
import { startApiHarness } from '../testing/api-harness.js';
import type { SeededCommunity } from '../testing/seed.js';
import { seedCommunity } from '../testing/seed.js';

let api: ApiHarness;
let key: string;
let hosted: SeededCommunity;
let watched: SeededCommunity;

beforeAll(async () => {
  api = await startApiHarness();
  const tenant = await api.createTenant('acme');
  key = await api.createKey(tenant, ['COMMUNITY_READ', 'MODERATION_WRITE']);
  hosted = await seedCommunity(api.prisma, {
    kind: 'HOSTED',
    tenantId: tenant,
    name: 'Acme Hub',
    tags: ['Art'],
  });
  watched = await seedCommunity(api.prisma, { kind: 'WATCHED', name: 'Status Fans', tags: ['Ethereum'] });
});
afterAll(() => api.close());

const COMMUNITY_FIELDS = `
  communityId kind chatKey shareUrl memberCount clock access
  identity { name description color tags images { kind } }
  channels { chatId uuid name categoryId community { communityId } }
  categories { categoryId name position }
  bans { memberKey deleteAllMessages }
  requestsToJoin { edges { node { requestId displayName state clock } } }
  descriptionHistory { edges { node { clock memberCount } } }
`;

describe('community queries', () => {
  it('lists hosted and watched communities, newest first, filtered by kind, tag, text and access', async () => {
    const names = async (filter: Record<string, unknown>) => {
      const response = await api.gql<{ communities: { edges: { node: { identity: { name: string } } }[] } }>(
        'query ($filter: CommunityFilter) { communities(filter: $filter) { edges { node { identity { name } } } } }',
        { filter },
        key,
      );
      return response.body.data?.communities.edges.map((edge) => edge.node.identity.name);
    };
    expect(await names({})).toEqual(['Status Fans', 'Acme Hub']);
    expect(await names({ kind: 'HOSTED' })).toEqual(['Acme Hub']);
    expect(await names({ tag: 'Ethereum' })).toEqual(['Status Fans']);
    expect(await names({ text: 'fans' })).toEqual(['Status Fans']);
    expect(await names({ text: 'about acme' })).toEqual(['Acme Hub']);
    expect(await names({ access: 'AUTO_ACCEPT' })).toEqual([]);
  });

  it('matches %, _ and \\ in the text filter literally, not as LIKE wildcards', async () => {
    const tenant = await api.prisma.tenant.create({ data: { slug: 'wild', name: 'wild' } });
    const wildKey = await api.createKey(tenant.id, ['COMMUNITY_READ']);
    for (const name of ['100% real', '100x real', 'snake_case', 'snakeXcase', 'back\\slash', 'backslash'])
      await seedCommunity(api.prisma, { kind: 'HOSTED', tenantId: tenant.id, name });
    const names = async (text: string) => {
      const response = await api.gql<{ communities: { edges: { node: { identity: { name: string } } }[] } }>(
        'query ($text: String) { communities(filter: { kind: HOSTED, text: $text }) { edges { node { identity { name } } } } }',
        { text },
        wildKey,
      );
      expect(response.body.errors).toBeUndefined();
      return response.body.data?.communities.edges.map((edge) => edge.node.identity.name).sort();
    };
    expect(await names('100%')).toEqual(['100% real']);
    expect(await names('%')).toEqual(['100% real']);
    expect(await names('snake_')).toEqual(['snake_case']);
    expect(await names('_')).toEqual(['snake_case']);
    expect(await names('k\\s')).toEqual(['back\\slash']);
    expect(await names('real')).toEqual(['100% real', '100x real']);
  });

  it('pages communities with first/after and last/before', async () => {
    const page = (args: string) =>
      api.gql<{
        communities: {
          edges: { cursor: string; node: { identity: { name: string } } }[];
          pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string };
        };
      }>(
        `{ communities(${args}) { edges { cursor node { identity { name } } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`,
        {},
        key,
      );
    const first = (await page('first: 1')).body.data?.communities;
    expect(first?.edges.map((edge) => edge.node.identity.name)).toEqual(['Status Fans']);
    expect(first?.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = (await page(`first: 1, after: "${first?.pageInfo.endCursor}"`)).body.data?.communities;
    expect(second?.edges.map((edge) => edge.node.identity.name)).toEqual(['Acme Hub']);
    expect(second?.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const back = (await page(`last: 1, before: "${second?.edges[0]?.cursor}"`)).body.data?.communities;
    expect(back?.edges.map((edge) => edge.node.identity.name)).toEqual(['Status Fans']);
  });

  it('finds a community by id, by zQ3 chat key and by status.app URL, with all it holds', async () => {
    const byId = await api.gql<{ community: Record<string, unknown> }>(
      `query ($ref: CommunityRef!) { community(ref: $ref) { ${COMMUNITY_FIELDS} } }`,
      { ref: { id: hosted.id } },
      key,
    );
    const community = byId.body.data?.community as Record<string, unknown>;
    expect(community).toMatchObject({
      communityId: hosted.id,
      kind: 'HOSTED',
      memberCount: 5,
      clock: '1700000000',
      access: 'MANUAL_ACCEPT',
      identity: {
        name: 'Acme Hub',
        description: 'About Acme Hub',
        color: '#887af9',
        tags: ['Art'],
        images: [],
      },
      channels: [
        {
          chatId: hosted.channelId,
          uuid: hosted.channelUuid,
          name: 'general',
          categoryId: 'cat-1',
          community: { communityId: hosted.id },
        },
      ],
      categories: [{ categoryId: 'cat-1', name: 'General', position: 0 }],
      bans: [{ deleteAllMessages: false }],
      requestsToJoin: {
        edges: [
          { node: { requestId: hosted.requestId, displayName: 'newcomer', state: 'PENDING', clock: '5' } },
        ],
      },
      descriptionHistory: { edges: [{ node: { clock: '1700000000', memberCount: 5 } }] },
    });
    const expectedUrl = encodeCommunityUrl({ communityKey: hosted.id });
    expect(expectedUrl.ok && community['shareUrl']).toBe(expectedUrl.ok && expectedUrl.value);
    expect(community['chatKey']).toMatch(/^zQ3sh/);

    const byKey = await api.gql<{ community: { communityId: string } }>(
      'query ($ref: CommunityRef!) { community(ref: $ref) { communityId } }',
      { ref: { chatKey: community['chatKey'] } },
      key,
    );
    expect(byKey.body.data?.community.communityId).toBe(hosted.id);
    const byUrl = await api.gql<{ community: { communityId: string } }>(
      'query ($ref: CommunityRef!) { community(ref: $ref) { communityId } }',
      { ref: { url: community['shareUrl'] } },
      key,
    );
    expect(byUrl.body.data?.community.communityId).toBe(hosted.id);
  });

  it('pages members with their roles and join time, and counts them', async () => {
    const response = await api.gql<{
      community: {
        members: {
          totalCount: number;
          edges: { node: { memberKey: string; roles: string[]; joinedAt: string } }[];
        };
      };
    }>(
      'query ($ref: CommunityRef!) { community(ref: $ref) { members(first: 2) { totalCount edges { node { memberKey roles joinedAt state } } } } }',
      { ref: { id: watched.id } },
      key,
    );
    const members = response.body.data?.community.members;
    expect(members?.totalCount).toBe(5);
    expect(members?.edges).toHaveLength(2);
    expect(members?.edges.map((edge) => edge.node.memberKey)).toEqual(
      [...watched.members].sort().slice(0, 2),
    );
  });

  it('answers null for a community nobody stored, and refuses a ref naming two things', async () => {
    const missing = await api.gql(
      '{ community(ref: { id: "0x02' + '11'.repeat(32) + '" }) { communityId } }',
      {},
      key,
    );
    expect(missing.body).toEqual({ data: { community: null } });
    const both = await api.gql(
      `{ community(ref: { id: "${hosted.id}", url: "https://status.app/c#x" }) { communityId } }`,
      {},
      key,
    );
    expect(both.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('fetches a community and a channel by global id with node(id:)', async () => {
    const ids = await api.gql<{ community: { id: string; channels: { id: string }[] } }>(
      'query ($ref: CommunityRef!) { community(ref: $ref) { id channels { id } } }',
      { ref: { id: watched.id } },
      key,
    );
    const community = ids.body.data?.community;
    const response = await api.gql<{ a: unknown; b: unknown }>(
      `query ($a: ID!, $b: ID!) {
        a: node(id: $a) { id ... on Community { communityId } }
        b: node(id: $b) { id ... on Channel { chatId } }
      }`,
      { a: community?.id, b: community?.channels[0]?.id },
      key,
    );
    expect(response.body.data).toEqual({
      a: { id: community?.id, communityId: watched.id },
      b: { id: community?.channels[0]?.id, chatId: watched.channelId },
    });
  });
});
