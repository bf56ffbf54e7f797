import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Queue } from 'bullmq';
import { getNamedType, isObjectType } from 'graphql';
import { MAX_INPUT_STRING_LENGTH } from '../limits/input-text.js';
import type { ApiHarness } from '../testing/api-harness.js';
import { startApiHarness } from '../testing/api-harness.js';
import type { SeededCommunity } from '../testing/seed.js';
import { hex, newKeys, seedCommunity } from '../testing/seed.js';
import { MAX_INPUT_LIST_LENGTH } from './input-checks.js';

let api: ApiHarness;
let admin: string;
let hosted: SeededCommunity;
let botKey: string;

beforeAll(async () => {
  api = await startApiHarness();
  const tenantId = await api.createTenant('acme');
  admin = await api.createKey(tenantId, ['ADMIN']);
  hosted = await seedCommunity(api.prisma, { kind: 'HOSTED', tenantId, name: 'Acme Hub' });
  botKey = newKeys().uncompressed;
});
afterAll(() => api.close());

interface Payload {
  command?: { id: string } | null;
  userErrors: { code: string; message: string; field: string[] | null }[];
}

/** Any mutation by name, its input type read from the schema, answering its user errors. */
const mutate = async (field: string, input: Record<string, unknown>) => {
  const definition = api.server.schema.getMutationType()?.getFields()[field];
  const argument = definition?.args[0];
  const payloadType = definition && getNamedType(definition.type);
  const hasCommand = isObjectType(payloadType) && 'command' in payloadType.getFields();
  const response = await api.gql<Record<string, Payload>>(
    `mutation ($input: ${String(argument?.type)}) { ${field}(input: $input) { ${hasCommand ? 'command { id }' : ''} userErrors { code message field } } }`,
    { input },
    admin,
  );
  expect(response.body.errors).toBeUndefined();
  return response.body.data?.[field] as Payload;
};

const queuedJobs = async () => {
  const queues = Object.values(api.server.services.queues) as unknown as Queue[];
  return (await Promise.all(queues.map((queue) => queue.count()))).reduce((sum, count) => sum + count, 0);
};

const lastAudit = () => api.prisma.auditLogEntry.findFirst({ orderBy: { id: 'desc' } });

const identity = (fields: Record<string, unknown> = {}) => ({
  name: 'Acme',
  description: 'A community',
  color: '#112233',
  ...fields,
});
const channel = (fields: Record<string, unknown> = {}) => ({
  communityId: hosted.id,
  name: 'general',
  color: '#445566',
  ...fields,
});
const inChannel = () => ({ botKey, communityId: hosted.id, channelId: hosted.channelUuid });

describe("status-go's limits, refused before queueing", () => {
  const refusals: [string, string, () => Record<string, unknown>, string[]][] = [
    [
      'community name over 30 bytes',
      'createCommunity',
      () => ({ identity: identity({ name: 'é'.repeat(16) }) }),
      ['input', 'identity', 'name'],
    ],
    [
      'community name of 200,000 characters',
      'createCommunity',
      () => ({ identity: identity({ name: 'n'.repeat(200_000) }) }),
      ['input', 'identity', 'name'],
    ],
    [
      'community description of 500,000 characters',
      'createCommunity',
      () => ({ identity: identity({ description: 'd'.repeat(500_000) }) }),
      ['input', 'identity', 'description'],
    ],
    [
      'community description over 140 bytes',
      'importCommunity',
      () => ({ keyId: crypto.randomUUID(), identity: identity({ description: 'd'.repeat(141) }) }),
      ['input', 'identity', 'description'],
    ],
    [
      'empty community name',
      'createCommunity',
      () => ({ identity: identity({ name: '' }) }),
      ['input', 'identity', 'name'],
    ],
    [
      'intro message over 1,400 bytes',
      'createCommunity',
      () => ({ identity: identity({ introMessage: 'i'.repeat(1_401) }) }),
      ['input', 'identity', 'introMessage'],
    ],
    [
      'outro message over 80 bytes',
      'updateCommunity',
      () => ({ communityId: hosted.id, identity: { outroMessage: 'o'.repeat(81) } }),
      ['input', 'identity', 'outroMessage'],
    ],
    [
      'community emoji that is text',
      'updateCommunity',
      () => ({ communityId: hosted.id, identity: { emoji: 'party' } }),
      ['input', 'identity', 'emoji'],
    ],
    [
      'two community emoji',
      'createCommunity',
      () => ({ identity: identity({ emoji: '🎉🎉' }) }),
      ['input', 'identity', 'emoji'],
    ],
    [
      'unknown tag',
      'createCommunity',
      () => ({ identity: identity({ tags: ['Cats'] }) }),
      ['input', 'identity', 'tags'],
    ],
    [
      'repeated tag',
      'updateCommunity',
      () => ({ communityId: hosted.id, identity: { tags: ['Art', 'Art'] } }),
      ['input', 'identity', 'tags'],
    ],
    [
      'community colour',
      'createCommunity',
      () => ({ identity: identity({ color: 'red' }) }),
      ['input', 'identity', 'color'],
    ],
    [
      'channel name of 100,000 characters',
      'createChannel',
      () => channel({ name: 'c'.repeat(100_000) }),
      ['input', 'name'],
    ],
    [
      'channel name over 24 characters',
      'updateChannel',
      () => channel({ channelId: hosted.channelUuid, name: 'c'.repeat(25) }),
      ['input', 'name'],
    ],
    [
      'channel description over 140 characters',
      'createChannel',
      () => channel({ description: 'd'.repeat(141) }),
      ['input', 'description'],
    ],
    ['channel emoji that is text', 'createChannel', () => channel({ emoji: 'x' }), ['input', 'emoji']],
    ['channel colour', 'createChannel', () => channel({ color: '#12345' }), ['input', 'color']],
    [
      'category name over 24 characters',
      'upsertCategory',
      () => ({ communityId: hosted.id, name: 'k'.repeat(25) }),
      ['input', 'name'],
    ],
    [
      'message text over 4,096 characters',
      'sendMessage',
      () => ({ bot: inChannel(), text: '🙂'.repeat(4_097) }),
      ['input', 'text'],
    ],
    [
      'direct message text over 4,096 characters',
      'sendDirectMessage',
      () => ({ botKey, peerKey: botKey, text: '🙂'.repeat(4_097) }),
      ['input', 'text'],
    ],
    [
      'blank message text',
      'editMessage',
      () => ({ bot: inChannel(), messageId: hex(), text: ' \n ' }),
      ['input', 'text'],
    ],
    [
      'an id of 20,000 characters',
      'deleteCategory',
      () => ({ communityId: hosted.id, categoryId: 'x'.repeat(MAX_INPUT_STRING_LENGTH + 1) }),
      ['input', 'categoryId'],
    ],
    [
      'a list of 101 addresses',
      'botRequestToJoin',
      () => ({
        botKey,
        communityId: hosted.id,
        revealedAddresses: Array.from({ length: MAX_INPUT_LIST_LENGTH + 1 }, () => `0x${'ab'.repeat(20)}`),
      }),
      ['input', 'revealedAddresses'],
    ],
  ];

  it.each(refusals)(
    '%s: a user error on the field, nothing queued, audited',
    async (_name, field, input, path) => {
      const audits = await api.prisma.auditLogEntry.count();
      const result = await mutate(field, input());
      expect(result.userErrors).toContainEqual(
        expect.objectContaining({ code: 'BAD_USER_INPUT', field: path }),
      );
      if ('command' in result) expect(result.command).toBeNull();
      expect(await queuedJobs()).toBe(0);
      expect(await api.prisma.auditLogEntry.count()).toBe(audits + 1);
      expect(await lastAudit()).toMatchObject({ result: 'FAILURE', errorCode: 'BAD_USER_INPUT' });
    },
  );

  it('takes every field at its limit (and queues it)', async () => {
    const community = await mutate('createCommunity', {
      identity: identity({
        name: 'é'.repeat(15),
        description: 'd'.repeat(140),
        emoji: '👩🏻‍❤️‍💋‍👨🏼',
        tags: ['Art', 'DeFi'],
        introMessage: 'i'.repeat(1_400),
        outroMessage: 'o'.repeat(80),
      }),
    });
    expect(community.userErrors).toEqual([]);
    const created = await mutate(
      'createChannel',
      channel({ name: 'c'.repeat(24), description: 'd'.repeat(140), emoji: '🇨🇭' }),
    );
    expect(created.userErrors).toEqual([]);
    expect(await queuedJobs()).toBe(2);
  });
});

describe('NUL and other text PostgreSQL cannot hold', () => {
  const nul = 'bad\u0000text';
  // One string field of every mutation carries a NUL.
  const cases: [string, () => Record<string, unknown>, string[]][] = [
    ['createCommunity', () => ({ identity: identity({ name: nul }) }), ['input', 'identity', 'name']],
    ['importCommunity', () => ({ keyId: nul, identity: identity() }), ['input', 'keyId']],
    [
      'updateCommunity',
      () => ({ communityId: hosted.id, identity: { description: nul } }),
      ['input', 'identity', 'description'],
    ],
    [
      'watchCommunity',
      () => ({ community: { url: `https://status.app/c#${nul}` } }),
      ['input', 'community', 'url'],
    ],
    ['unwatchCommunity', () => ({ community: { id: nul } }), ['input', 'community', 'id']],
    ['rotateCommunityKeys', () => ({ communityId: nul }), ['input', 'communityId']],
    ['createChannel', () => channel({ description: nul }), ['input', 'description']],
    ['updateChannel', () => channel({ channelId: nul }), ['input', 'channelId']],
    ['deleteChannel', () => ({ communityId: hosted.id, channelId: nul }), ['input', 'channelId']],
    [
      'reorderChannel',
      () => ({ communityId: hosted.id, channelId: hosted.channelUuid, categoryId: nul, position: 0 }),
      ['input', 'categoryId'],
    ],
    ['upsertCategory', () => ({ communityId: hosted.id, name: nul }), ['input', 'name']],
    ['deleteCategory', () => ({ communityId: nul, categoryId: 'cat-1' }), ['input', 'communityId']],
    [
      'reorderCategory',
      () => ({ communityId: hosted.id, categoryId: nul, position: 1 }),
      ['input', 'categoryId'],
    ],
    ['setMemberRoles', () => ({ communityId: hosted.id, memberKey: nul, roles: [] }), ['input', 'memberKey']],
    [
      'decideRequestToJoin',
      () => ({ communityId: hosted.id, requestId: nul, decision: 'ACCEPT' }),
      ['input', 'requestId'],
    ],
    [
      'createPermission',
      () => ({ communityId: hosted.id, type: 'BECOME_MEMBER', criteria: [], chatIds: [nul] }),
      ['input', 'chatIds', '0'],
    ],
    [
      'updatePermission',
      () => ({ communityId: hosted.id, permissionId: nul, type: 'BECOME_MEMBER', criteria: [] }),
      ['input', 'permissionId'],
    ],
    ['deletePermission', () => ({ communityId: hosted.id, permissionId: nul }), ['input', 'permissionId']],
    ['reevaluateMembers', () => ({ communityId: nul }), ['input', 'communityId']],
    ['kickMember', () => ({ communityId: hosted.id, memberKey: nul }), ['input', 'memberKey']],
    ['banMember', () => ({ communityId: hosted.id, memberKey: nul }), ['input', 'memberKey']],
    ['unbanMember', () => ({ communityId: hosted.id, memberKey: nul }), ['input', 'memberKey']],
    ['sendMessage', () => ({ bot: inChannel(), text: nul }), ['input', 'text']],
    ['editMessage', () => ({ bot: inChannel(), messageId: hex(), text: nul }), ['input', 'text']],
    ['deleteMessage', () => ({ bot: inChannel(), messageId: nul }), ['input', 'messageId']],
    [
      'react',
      () => ({ bot: { ...inChannel(), channelId: nul }, messageId: hex(), emoji: 'LOVE' }),
      ['input', 'bot', 'channelId'],
    ],
    ['pinMessage', () => ({ bot: inChannel(), messageId: nul }), ['input', 'messageId']],
    [
      'botRequestToJoin',
      () => ({ botKey, communityId: hosted.id, revealedAddresses: [nul] }),
      ['input', 'revealedAddresses', '0'],
    ],
    ['createBotIdentity', () => ({ displayName: nul }), ['input', 'displayName']],
    ['sendDirectMessage', () => ({ botKey, peerKey: botKey, text: nul }), ['input', 'text']],
    ['sendContactRequest', () => ({ botKey, peerKey: botKey, text: nul }), ['input', 'text']],
    ['acceptContactRequest', () => ({ botKey, peerKey: nul }), ['input', 'peerKey']],
    [
      'inviteToCommunity',
      () => ({ botKey, peerKey: botKey, communityId: hosted.id, text: nul }),
      ['input', 'text'],
    ],
    ['createApiKey', () => ({ name: nul, scopes: ['COMMUNITY_READ'] }), ['input', 'name']],
    ['revokeApiKey', () => ({ id: nul }), ['input', 'id']],
    ['createWebhookSubscription', () => ({ url: `https://example.com/${nul}` }), ['input', 'url']],
    ['deleteWebhookSubscription', () => ({ id: nul }), ['input', 'id']],
    ['testWebhook', () => ({ id: nul }), ['input', 'id']],
    [
      'createCommunity',
      () => ({ identity: identity({ description: 'lone \ud800 surrogate' }) }),
      ['input', 'identity', 'description'],
    ],
  ];

  it('covers every mutation of the schema that takes an input', () => {
    const fields = Object.values(api.server.schema.getMutationType()?.getFields() ?? {});
    const names = fields.filter((field) => field.args.length > 0).map((field) => field.name);
    expect(new Set(cases.map(([field]) => field))).toEqual(new Set(names));
  });

  it.each(cases)('%s: BAD_USER_INPUT on the field, not INTERNAL, and audited', async (field, input, path) => {
    const audits = await api.prisma.auditLogEntry.count();
    const result = await mutate(field, input());
    expect(result.userErrors).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', field: path })]);
    expect(await api.prisma.auditLogEntry.count()).toBe(audits + 1);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ result: 'FAILURE', errorCode: 'BAD_USER_INPUT' });
    expect(JSON.stringify(audit?.input)).not.toContain('\\u0000');
  });

  it('keeps what was asked in the audit row, the NUL replaced', async () => {
    await mutate('createChannel', channel({ name: 'a\u0000b' }));
    expect((await lastAudit())?.input).toMatchObject({ name: 'a\ufffdb', communityId: hosted.id });
  });
});

describe('ids of the wrong shape', () => {
  it.each([
    ['importCommunity', () => ({ keyId: 'not-a-uuid', identity: identity() })],
    ['revokeApiKey', () => ({ id: 'not-a-uuid' })],
    ['deleteWebhookSubscription', () => ({ id: 'not-a-uuid' })],
    ['testWebhook', () => ({ id: 'not-a-uuid' })],
    ['createApiKey', () => ({ name: 'k', scopes: ['COMMUNITY_READ'], communityId: 'not-an-id' })],
    ['createWebhookSubscription', () => ({ url: 'https://example.com/hook', communityId: 'not-an-id' })],
  ])('%s: a user error, not INTERNAL', async (field, input) => {
    const result = await mutate(field, input());
    expect(result.userErrors).toHaveLength(1);
  });
});
