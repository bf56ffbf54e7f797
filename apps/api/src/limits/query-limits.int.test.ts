import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ApiHarness } from '../testing/api-harness.js';
import { startApiHarness } from '../testing/api-harness.js';
import { seedCommunity } from '../testing/seed.js';

let api: ApiHarness;
let key: string;

beforeAll(async () => {
  // The default limits: depth 12, cost 50,000, 100 aliases.
  api = await startApiHarness();
  const tenant = await api.createTenant('acme');
  key = await api.createKey(tenant, ['ADMIN']);
  await seedCommunity(api.prisma, { kind: 'HOSTED', tenantId: tenant, name: 'Acme Hub' });
});
afterAll(() => api.close());

const aliasesOfViewer = (count: number) =>
  `{ ${Array.from({ length: count }, (_, i) => `v${i}: viewer { key { id } scopes }`).join(' ')} }`;

describe('query limits', () => {
  it('refuses 5,000 aliases of viewer before execution, though their cost is under the limit', async () => {
    const response = await api.gql(aliasesOfViewer(5_000), {}, key);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      aliases: 5_000,
      maxAliases: 100,
    });
    // Executed, even in part, it would answer data.
    expect(response.body.data).toBeUndefined();
  });

  it('takes 100 aliases and refuses 101', async () => {
    const hundred = await api.gql<Record<string, { scopes: string[] }>>(aliasesOfViewer(100), {}, key);
    expect(hundred.body.errors).toBeUndefined();
    expect(hundred.body.data?.['v99']?.scopes).toEqual(['ADMIN']);
    const more = await api.gql(aliasesOfViewer(101), {}, key);
    expect(more.body.errors?.[0]?.extensions?.['code']).toBe('QUERY_TOO_COMPLEX');
  });

  it('lets a reasonable query through: a few aliases, pages and nesting', async () => {
    const response = await api.gql<{ hosted: { edges: unknown[] }; me: { scopes: string[] } }>(
      `{
        me: viewer { scopes tenant { slug } rateLimit { remaining } }
        hosted: communities(first: 50, filter: { kind: HOSTED }) {
          edges { node { identity { name tags } channels { name } members(first: 20) { totalCount edges { node { memberKey roles } } } } }
        }
        watched: communities(first: 50, filter: { kind: WATCHED }) { edges { node { communityId } } }
      }`,
      {},
      key,
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.me.scopes).toEqual(['ADMIN']);
    expect(response.body.data?.hosted.edges).toHaveLength(1);
  });
});

describe('string arguments of queries', () => {
  const communities = 'query ($text: String) { communities(filter: { text: $text }) { edges { cursor } } }';

  it('refuses a NUL in a variable or a literal as BAD_USER_INPUT, not INTERNAL', async () => {
    for (const response of [
      await api.gql(communities, { text: 'a\u0000b' }, key),
      await api.gql('{ community(ref: { id: "0x\\u0000" }) { communityId } }', {}, key),
      await api.gql(communities, { text: 'lone \ud800 surrogate' }, key),
      await api.gql(communities, { text: 'x'.repeat(20_000) }, key),
    ]) {
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      expect(response.body.data).toBeUndefined();
    }
  });

  it('takes ordinary text', async () => {
    const response = await api.gql<{ communities: { edges: unknown[] } }>(communities, { text: 'acme' }, key);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.communities.edges).toHaveLength(1);
  });

  it('refuses a delivery log id or cursor of the wrong shape as BAD_USER_INPUT, not INTERNAL', async () => {
    const cursor = Buffer.from(JSON.stringify('not-a-number')).toString('base64url');
    for (const args of ['subscriptionId: "not-a-uuid"', `after: "${cursor}"`]) {
      const response = await api.gql(`{ webhookDeliveries(${args}) { edges { cursor } } }`, {}, key);
      expect(response.body.errors?.map((error) => error.extensions?.['code'])).toEqual(['BAD_USER_INPUT']);
    }
  });
});
