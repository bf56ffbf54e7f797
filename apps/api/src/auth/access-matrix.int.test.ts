import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ApiScope } from '@status-communities/db';
import { toGlobalId } from '../relay/global-id.js';
import type { ApiHarness } from '../testing/api-harness.js';
import { startApiHarness } from '../testing/api-harness.js';
import type { SeededCommunity } from '../testing/seed.js';
import { newKeys, seedCommunity } from '../testing/seed.js';

const SCOPES: ApiScope[] = [
  'COMMUNITY_READ',
  'MESSAGES_READ',
  'MESSAGES_WRITE',
  'MODERATION_WRITE',
  'OWNER_CONTROL',
  'ADMIN',
];

let api: ApiHarness;
let tenantA: string;
let tenantB: string;
let ownA: SeededCommunity;
let ownB: SeededCommunity;
let watched: SeededCommunity;
const keys = new Map<ApiScope, string>();
let adminB: string;
let botKey: string;

beforeAll(async () => {
  api = await startApiHarness();
  tenantA = await api.createTenant('tenant-a');
  tenantB = await api.createTenant('tenant-b');
  ownA = await seedCommunity(api.prisma, { kind: 'HOSTED', tenantId: tenantA, name: 'A hosted' });
  ownB = await seedCommunity(api.prisma, { kind: 'HOSTED', tenantId: tenantB, name: 'B hosted' });
  watched = await seedCommunity(api.prisma, { kind: 'WATCHED', name: 'Watched' });
  for (const scope of SCOPES) keys.set(scope, await api.createKey(tenantA, [scope]));
  adminB = await api.createKey(tenantB, ['ADMIN']);
  botKey = newKeys().uncompressed;
  const secret = await api.prisma.keyringSecret.create({
    data: {
      tenantId: tenantA,
      purpose: 'IDENTITY_KEY',
      publicKey: botKey,
      algorithm: 'aes-256-gcm',
      masterKeyId: 'k',
      material: Buffer.alloc(60),
    },
  });
  await api.prisma.identity.create({
    data: { tenantId: tenantA, publicKey: botKey, displayName: 'bot', keyId: secret.id },
  });
});
afterAll(() => api.close());

/** One operation per scope, each needing exactly that scope. */
const OPERATIONS: { scope: ApiScope; query: string; variables: () => Record<string, unknown> }[] = [
  {
    scope: 'COMMUNITY_READ',
    query: '{ communities { edges { node { communityId } } } }',
    variables: () => ({}),
  },
  {
    scope: 'MESSAGES_READ',
    query: 'query ($c: String!) { messages(channelId: $c, first: 1) { edges { node { messageId } } } }',
    variables: () => ({ c: watched.channelId }),
  },
  {
    scope: 'MESSAGES_WRITE',
    query:
      'mutation ($i: SendMessageInput!) { sendMessage(input: $i) { command { id } userErrors { code } } }',
    variables: () => ({
      i: { bot: { botKey, communityId: watched.id, channelId: watched.channelUuid }, text: 'hi' },
    }),
  },
  {
    scope: 'MODERATION_WRITE',
    query: 'mutation ($i: MemberInput!) { kickMember(input: $i) { command { id } userErrors { code } } }',
    variables: () => ({ i: { communityId: ownA.id, memberKey: ownA.members[1] } }),
  },
  {
    scope: 'OWNER_CONTROL',
    query:
      'mutation ($i: CreateChannelInput!) { createChannel(input: $i) { command { id } userErrors { code } } }',
    variables: () => ({ i: { communityId: ownA.id, name: 'x', color: '#000000' } }),
  },
  {
    scope: 'ADMIN',
    query: '{ apiKeys { prefix } auditLog(first: 1) { edges { node { action } } } }',
    variables: () => ({}),
  },
];

describe('the access matrix', () => {
  for (const keyScope of SCOPES)
    for (const operation of OPERATIONS) {
      const allowed = keyScope === operation.scope || keyScope === 'ADMIN';
      it(`a ${keyScope} key ${allowed ? 'may' : 'may not'} use what needs ${operation.scope}`, async () => {
        const response = await api.gql(operation.query, operation.variables(), keys.get(keyScope));
        expect(response.status).toBe(200);
        if (allowed) {
          expect(response.body.errors).toBeUndefined();
          const payload = Object.values(response.body.data ?? {})[0] as { userErrors?: unknown[] };
          expect(payload.userErrors ?? []).toEqual([]);
        } else {
          expect(response.body.errors?.map((error) => error.extensions?.['code'])).toContain('FORBIDDEN');
        }
      });
    }

  it('records a refused mutation in the audit log', async () => {
    await api.gql(OPERATIONS[4]?.query as string, OPERATIONS[4]?.variables(), keys.get('COMMUNITY_READ'));
    const row = await api.prisma.auditLogEntry.findFirst({
      where: { action: 'channel.create' },
      orderBy: { id: 'desc' },
    });
    expect(row).toMatchObject({ tenantId: tenantA, result: 'FAILURE', errorCode: 'FORBIDDEN' });
  });
});

describe('the tenant boundary', () => {
  const admin = () => keys.get('ADMIN') as string;

  it("lists watched communities and the own tenant's hosted ones only", async () => {
    const response = await api.gql<{ communities: { edges: { node: { communityId: string } }[] } }>(
      '{ communities(first: 100) { edges { node { communityId } } } }',
      {},
      admin(),
    );
    expect(response.body.data?.communities.edges.map((edge) => edge.node.communityId).sort()).toEqual(
      [ownA.id, watched.id].sort(),
    );
  });

  it("reads nothing of another tenant's hosted community", async () => {
    const response = await api.gql<Record<string, unknown>>(
      `query ($id: String!, $c: String!, $m: String!, $node: ID!) {
        community(ref: { id: $id }) { communityId }
        messages(channelId: $c) { edges { node { messageId } } }
        message(messageId: $m) { messageId }
        stats(communityId: $id, range: { from: "2026-11-01", to: "2026-11-05" }) { totalMessages }
        node(id: $node) { id }
      }`,
      { id: ownB.id, c: ownB.channelId, m: ownB.messages[0], node: toGlobalId('Community', ownB.id) },
      admin(),
    );
    expect(response.body).toEqual({
      data: { community: null, messages: { edges: [] }, message: null, stats: null, node: null },
    });
  });

  it('acts on nothing of another tenant: NOT_FOUND, and nothing queued', async () => {
    for (const [field, type, input] of [
      ['kickMember', 'MemberInput', { communityId: ownB.id, memberKey: ownB.members[1] }],
      ['createChannel', 'CreateChannelInput', { communityId: ownB.id, name: 'x', color: '#000000' }],
      ['updateCommunity', 'UpdateCommunityInput', { communityId: ownB.id, identity: { name: 'mine' } }],
    ] as const) {
      const response = await api.gql<Record<string, { command: unknown; userErrors: { code: string }[] }>>(
        `mutation ($i: ${type}!) { ${field}(input: $i) { command { id } userErrors { code } } }`,
        { i: input },
        admin(),
      );
      expect(response.body.data?.[field]).toEqual({ command: null, userErrors: [{ code: 'NOT_FOUND' }] });
    }
  });

  it("never shows or revokes another tenant's keys, nor its audit log", async () => {
    const bKeys = await api.prisma.apiKey.findMany({ where: { tenantId: tenantB } });
    const listed = await api.gql<{
      apiKeys: { prefix: string }[];
      auditLog: { edges: { node: { actor: string } }[] };
    }>('{ apiKeys { prefix } auditLog(first: 100) { edges { node { actor } } } }', {}, admin());
    const prefixes = listed.body.data?.apiKeys.map((key) => key.prefix);
    for (const key of bKeys) expect(prefixes).not.toContain(key.prefix);
    await api.gql('{ ping }', {}, adminB);
    const revoke = await api.gql<{ revokeApiKey: { userErrors: { code: string }[] } }>(
      'mutation ($id: ID!) { revokeApiKey(input: { id: $id }) { userErrors { code } } }',
      { id: toGlobalId('ApiKey', bKeys[0]?.id as string) },
      admin(),
    );
    expect(revoke.body.data?.revokeApiKey.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
    expect((await api.gql('{ ping }', {}, adminB)).status).toBe(200);
    const bAudit = await api.gql<{ auditLog: { edges: unknown[] } }>(
      '{ auditLog { edges { node { action } } } }',
      {},
      adminB,
    );
    expect(bAudit.body.data?.auditLog.edges).toEqual([]);
  });

  it('limits a key bound to a community to that community', async () => {
    const bound = await api.createKey(tenantA, ['ADMIN'], { communityId: ownA.id });
    const response = await api.gql<{
      communities: { edges: { node: { communityId: string } }[] };
      watched: unknown;
    }>(
      'query ($w: String!) { communities { edges { node { communityId } } } watched: community(ref: { id: $w }) { communityId } }',
      { w: watched.id },
      bound,
    );
    expect(response.body.data).toEqual({
      communities: { edges: [{ node: { communityId: ownA.id } }] },
      watched: null,
    });
    const create = await api.gql<{ createCommunity: { userErrors: { code: string }[] } }>(
      'mutation { createCommunity(input: { identity: { name: "x", description: "y", color: "#000000" } }) { userErrors { code } } }',
      {},
      bound,
    );
    expect(create.body.data?.createCommunity.userErrors).toEqual([{ code: 'FORBIDDEN' }]);
  });
});
