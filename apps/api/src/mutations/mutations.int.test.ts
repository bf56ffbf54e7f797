import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Queue } from 'bullmq';
import type { ApiHarness } from '../testing/api-harness.js';
import { startApiHarness } from '../testing/api-harness.js';
import type { SeededCommunity } from '../testing/seed.js';
import { hex, newKeys, seedCommunity } from '../testing/seed.js';

let api: ApiHarness;
let admin: string;
let tenantId: string;
let hosted: SeededCommunity;
let watched: SeededCommunity;
let botKey: string;
/** A wallet address a bot reveals; the api passes it on, the publisher checks the keyring holds it. */
const WALLET = `0x${'ab'.repeat(20)}`;

beforeAll(async () => {
  api = await startApiHarness();
  tenantId = await api.createTenant('acme');
  admin = await api.createKey(tenantId, ['ADMIN']);
  hosted = await seedCommunity(api.prisma, { kind: 'HOSTED', tenantId, name: 'Acme Hub' });
  watched = await seedCommunity(api.prisma, { kind: 'WATCHED', name: 'Status Fans' });
  botKey = newKeys().uncompressed;
  const secret = await api.prisma.keyringSecret.create({
    data: {
      tenantId,
      purpose: 'IDENTITY_KEY',
      publicKey: botKey,
      algorithm: 'aes-256-gcm',
      masterKeyId: 'k1',
      material: randomBytes(60),
    },
  });
  await api.prisma.identity.create({
    data: { tenantId, publicKey: botKey, displayName: 'helper', keyId: secret.id },
  });
});
afterAll(() => api.close());

interface CommandResult {
  command: { id: string; queue: string; type: string } | null;
  userErrors: { code: string; message: string; field: string[] | null }[];
  channelId?: string | null;
  categoryId?: string | null;
}

const INPUT_TYPES: Record<string, string> = {
  kickMember: 'MemberInput',
  unbanMember: 'MemberInput',
  unwatchCommunity: 'WatchCommunityInput',
};
const inputTypeOf = (field: string) =>
  INPUT_TYPES[field] ?? `${field[0]?.toUpperCase()}${field.slice(1)}Input`;

const mutate = async (field: string, input: Record<string, unknown>, extra = '', key = admin) => {
  const response = await api.gql<Record<string, CommandResult>>(
    `mutation ($input: ${inputTypeOf(field)}!) { ${field}(input: $input) { command { id queue type } userErrors { code message field } ${extra} } }`,
    { input },
    key,
  );
  expect(response.body.errors).toBeUndefined();
  return response.body.data?.[field] as CommandResult;
};

const jobOf = async (queue: Queue, id: string | undefined) =>
  id ? (await queue.getJob(id))?.data : undefined;

describe('mutations queue validated commands', () => {
  const queues = () => api.server.services.queues as unknown as Record<string, Queue>;

  const cases: [string, string, () => Record<string, unknown>, () => Record<string, unknown>, string?][] = [
    [
      'createCommunity',
      'communityCommands',
      () => ({
        identity: { name: 'New', description: 'A new one', color: '#112233', tags: ['Art'] },
        access: 'AUTO_ACCEPT',
      }),
      () => ({
        type: 'community.create',
        tenantId,
        identity: expect.objectContaining({
          displayName: 'New',
          description: 'A new one',
          color: '#112233',
          tags: ['Art'],
        }),
        permissions: { access: 'AUTO_ACCEPT', ensOnly: false, encrypted: false },
      }),
    ],
    [
      'createCommunity',
      'communityCommands',
      () => ({ identity: { name: 'Members only', description: 'Gated', color: '#112233' }, encrypted: true }),
      () => ({
        type: 'community.create',
        permissions: { access: 'MANUAL_ACCEPT', ensOnly: false, encrypted: true },
      }),
    ],
    [
      'updateCommunity',
      'communityCommands',
      () => ({ communityId: hosted.id, identity: { name: 'Renamed' }, ensOnly: true }),
      () => ({
        type: 'community.update',
        communityId: hosted.id,
        identity: { displayName: 'Renamed' },
        permissions: { ensOnly: true },
      }),
    ],
    [
      'watchCommunity',
      'communityWatch',
      () => ({ community: { id: watched.id } }),
      () => ({ type: 'community.watch', communityId: watched.id }),
    ],
    [
      'unwatchCommunity',
      'communityWatch',
      () => ({ community: { id: watched.id } }),
      () => ({ type: 'community.unwatch', communityId: watched.id }),
    ],
    [
      'createChannel',
      'communityCommands',
      () => ({ communityId: hosted.id, name: 'random', color: '#445566', categoryId: 'cat-1' }),
      () => ({
        type: 'channel.upsert',
        communityId: hosted.id,
        name: 'random',
        color: '#445566',
        categoryId: 'cat-1',
        viewersCanPostReactions: true,
      }),
      'channelId',
    ],
    [
      'createChannel',
      'communityCommands',
      () => ({ communityId: hosted.id, name: 'vault', color: '#445566', encrypted: true }),
      () => ({ type: 'channel.upsert', communityId: hosted.id, name: 'vault', encrypted: true }),
      'channelId',
    ],
    [
      'deleteChannel',
      'communityCommands',
      () => ({ communityId: hosted.id, channelId: hosted.channelUuid }),
      () => ({ type: 'channel.delete', communityId: hosted.id, channelId: hosted.channelUuid }),
      'channelId',
    ],
    [
      'reorderChannel',
      'communityCommands',
      () => ({ communityId: hosted.id, channelId: hosted.channelUuid, position: 2 }),
      () => ({ type: 'channel.reorder', communityId: hosted.id, channelId: hosted.channelUuid, position: 2 }),
      'channelId',
    ],
    [
      'upsertCategory',
      'communityCommands',
      () => ({ communityId: hosted.id, name: 'Off topic' }),
      () => ({ type: 'category.upsert', communityId: hosted.id, name: 'Off topic' }),
      'categoryId',
    ],
    [
      'deleteCategory',
      'communityCommands',
      () => ({ communityId: hosted.id, categoryId: 'cat-1' }),
      () => ({ type: 'category.delete', communityId: hosted.id, categoryId: 'cat-1' }),
      'categoryId',
    ],
    [
      'reorderCategory',
      'communityCommands',
      () => ({ communityId: hosted.id, categoryId: 'cat-1', position: 1 }),
      () => ({ type: 'category.reorder', communityId: hosted.id, categoryId: 'cat-1', position: 1 }),
      'categoryId',
    ],
    [
      'setMemberRoles',
      'communityCommands',
      () => ({ communityId: hosted.id, memberKey: hosted.members[1], roles: ['ADMIN'] }),
      () => ({
        type: 'member.set-roles',
        communityId: hosted.id,
        memberKey: hosted.members[1],
        roles: ['ADMIN'],
      }),
    ],
    [
      'decideRequestToJoin',
      'communityRequests',
      () => ({ communityId: hosted.id, requestId: hosted.requestId, decision: 'ACCEPT' }),
      () => ({
        type: 'request.decide',
        communityId: hosted.id,
        requestId: hosted.requestId,
        decision: 'accept',
      }),
    ],
    [
      'kickMember',
      'communityRequests',
      () => ({ communityId: hosted.id, memberKey: hosted.members[2] }),
      () => ({ type: 'member.kick', communityId: hosted.id, memberKey: hosted.members[2] }),
    ],
    [
      'banMember',
      'communityRequests',
      () => ({ communityId: hosted.id, memberKey: hosted.members[2], deleteAllMessages: true }),
      () => ({
        type: 'member.ban',
        communityId: hosted.id,
        memberKey: hosted.members[2],
        deleteAllMessages: true,
      }),
    ],
    [
      'unbanMember',
      'communityRequests',
      () => ({ communityId: hosted.id, memberKey: hosted.members[2] }),
      () => ({ type: 'member.unban', communityId: hosted.id, memberKey: hosted.members[2] }),
    ],
    [
      'sendMessage',
      'botMessages',
      () => ({
        bot: { botKey, communityId: watched.id, channelId: watched.channelUuid },
        text: 'hello',
        replyTo: watched.messages[0],
      }),
      () => ({
        type: 'message.send',
        botKey,
        communityId: watched.id,
        channelId: watched.channelUuid,
        text: 'hello',
        replyTo: watched.messages[0],
      }),
    ],
    [
      'editMessage',
      'botMessages',
      () => ({
        bot: { botKey, communityId: watched.id, channelId: watched.channelUuid },
        messageId: watched.messages[0],
        text: 'fixed',
      }),
      () => ({ type: 'message.edit', botKey, messageId: watched.messages[0], text: 'fixed' }),
    ],
    [
      'deleteMessage',
      'botMessages',
      () => ({
        bot: { botKey, communityId: watched.id, channelId: watched.channelUuid },
        messageId: watched.messages[0],
      }),
      () => ({ type: 'message.delete', botKey, messageId: watched.messages[0] }),
    ],
    [
      'react',
      'botMessages',
      () => ({
        bot: { botKey, communityId: watched.id, channelId: watched.channelUuid },
        messageId: watched.messages[0],
        emoji: 'LAUGH',
      }),
      () => ({
        type: 'reaction.set',
        botKey,
        messageId: watched.messages[0],
        emoji: 'LAUGH',
        retracted: false,
      }),
    ],
    [
      'pinMessage',
      'botMessages',
      () => ({
        bot: { botKey, communityId: watched.id, channelId: watched.channelUuid },
        messageId: watched.messages[0],
      }),
      () => ({ type: 'message.pin', botKey, messageId: watched.messages[0], pinned: true }),
    ],
    [
      'botRequestToJoin',
      'botMessages',
      () => ({ botKey, communityId: watched.id, revealedAddresses: [WALLET] }),
      () => ({
        type: 'community.request-to-join',
        botKey,
        communityId: watched.id,
        revealedAddresses: [WALLET],
      }),
    ],
  ];

  // Rest parameters: Jest takes a test function with more parameters than the row has for a `done` callback.
  it.each(cases)('%s queues its command on %s', async (...row) => {
    const [field, queue, input, expected, idField] = row;
    const result = await mutate(field, input(), idField ?? '');
    expect(result.userErrors).toEqual([]);
    const data = await jobOf(queues()[queue] as Queue, result.command?.id);
    expect(data).toEqual(
      expect.objectContaining({
        ...expected(),
        correlationId: result.command?.id,
        actor: expect.stringMatching(/^api-key:/),
      }),
    );
    expect(result.command?.type).toBe((data as { type: string }).type);
    expect(api.logLines).toContainEqual(
      expect.objectContaining({
        msg: 'command queued',
        correlationId: result.command?.id,
        queue: result.command?.queue,
      }),
    );
    if (idField) expect((data as Record<string, unknown>)[idField]).toBe(result[idField as 'channelId']);
    const audit = await api.prisma.auditLogEntry.findFirst({ orderBy: { id: 'desc' } });
    expect(audit).toMatchObject({ tenantId, result: 'SUCCESS', errorCode: null });
  });

  it('refuses invalid input field by field, queuing nothing', async () => {
    const before = await (queues()['communityCommands'] as Queue).count();
    // Status's limits first (every field over one named), then the command schema (every field it refuses).
    const result = await mutate('createChannel', {
      communityId: hosted.id,
      name: '',
      description: 'd'.repeat(141),
      color: 'red',
    });
    expect(result.command).toBeNull();
    expect(result.userErrors.map((error) => [error.code, error.field])).toEqual([
      ['BAD_USER_INPUT', ['input', 'name']],
      ['BAD_USER_INPUT', ['input', 'description']],
    ]);
    const colours = await mutate('createChannel', { communityId: hosted.id, name: 'a', color: 'red' });
    expect(colours.userErrors.map((error) => [error.code, error.field])).toEqual([
      ['BAD_USER_INPUT', ['input', 'color']],
    ]);
    expect(await (queues()['communityCommands'] as Queue).count()).toBe(before);
    const audit = await api.prisma.auditLogEntry.findFirst({ orderBy: { id: 'desc' } });
    expect(audit).toMatchObject({ action: 'channel.create', result: 'FAILURE', errorCode: 'BAD_USER_INPUT' });

    // status-go refuses a request to join that reveals no address: refused here, not later by the publisher.
    const join = await mutate('botRequestToJoin', { botKey, communityId: watched.id, revealedAddresses: [] });
    expect(join.command).toBeNull();
    expect(join.userErrors.map((error) => [error.code, error.field])).toEqual([
      ['BAD_USER_INPUT', ['input', 'revealedAddresses']],
    ]);
  });

  it("answers NOT_FOUND for a watched community, an unknown request and another tenant's bot", async () => {
    expect(
      (await mutate('kickMember', { communityId: watched.id, memberKey: watched.members[1] })).userErrors[0]
        ?.code,
    ).toBe('NOT_FOUND');
    expect(
      (await mutate('decideRequestToJoin', { communityId: hosted.id, requestId: hex(), decision: 'DECLINE' }))
        .userErrors[0]?.code,
    ).toBe('NOT_FOUND');
    const stranger = newKeys().uncompressed;
    const result = await mutate('sendMessage', {
      bot: { botKey: stranger, communityId: watched.id, channelId: watched.channelUuid },
      text: 'hi',
    });
    expect(result.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'bot', 'botKey'] });
  });

  it('watches a community named by its status.app URL', async () => {
    const url = (
      await api.gql<{ community: { shareUrl: string } }>(
        'query ($id: String!) { community(ref: { id: $id }) { shareUrl } }',
        { id: watched.id },
        admin,
      )
    ).body.data?.community.shareUrl;
    const result = await mutate('watchCommunity', { community: { url } });
    expect(await jobOf(queues()['communityWatch'] as Queue, result.command?.id)).toMatchObject({
      communityId: watched.id,
    });
  });
});

describe('rotateCommunityKeys', () => {
  it('is refused for a community with nothing encrypted, queued once it is encrypted', async () => {
    const refused = await mutate('rotateCommunityKeys', { communityId: hosted.id });
    expect(refused).toEqual({
      command: null,
      userErrors: [expect.objectContaining({ code: 'BAD_USER_INPUT', field: ['input', 'communityId'] })],
    });
    await api.prisma.community.update({ where: { id: hosted.id }, data: { encrypted: true } });
    const rotated = await mutate('rotateCommunityKeys', { communityId: hosted.id });
    expect(rotated.userErrors).toEqual([]);
    const queue = (api.server.services.queues as unknown as Record<string, Queue>)[
      'communityCommands'
    ] as Queue;
    expect(await jobOf(queue, rotated.command?.id)).toMatchObject({
      type: 'community.rotate-keys',
      communityId: hosted.id,
    });
    const read = await api.gql<{ community: { encrypted: boolean; channels: { encrypted: boolean }[] } }>(
      'query ($id: String!) { community(ref: { id: $id }) { encrypted channels { encrypted } } }',
      { id: hosted.id },
      admin,
    );
    expect(read.body.data?.community.encrypted).toBe(true);
    expect(read.body.data?.community.channels.every((channel) => channel.encrypted === false)).toBe(true);
    await api.prisma.community.update({ where: { id: hosted.id }, data: { encrypted: false } });
  });
});

describe('idempotency keys', () => {
  it('replay the first payload and queue one job', async () => {
    const input = { communityId: hosted.id, name: 'once', color: '#101010', idempotencyKey: 'create-once' };
    const first = await mutate('createChannel', input, 'channelId');
    const second = await mutate('createChannel', input, 'channelId');
    expect(second).toEqual(first);
    const queue = api.server.services.queues.communityCommands as unknown as Queue;
    const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
    expect(jobs.filter((job) => (job.data as { name?: string }).name === 'once')).toHaveLength(1);
  });

  it('refuse the same key with another input (CONFLICT)', async () => {
    await mutate('kickMember', {
      communityId: hosted.id,
      memberKey: hosted.members[3],
      idempotencyKey: 'k-1',
    });
    const other = await mutate('kickMember', {
      communityId: hosted.id,
      memberKey: hosted.members[4],
      idempotencyKey: 'k-1',
    });
    expect(other.command).toBeNull();
    expect(other.userErrors[0]).toMatchObject({ code: 'CONFLICT', field: ['input', 'idempotencyKey'] });
  });

  it('replay an API key creation without its secret', async () => {
    const create = () =>
      api.gql<{ createApiKey: { apiKey: { id: string; scopes: string[] }; secret: string | null } }>(
        'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id scopes } secret userErrors { code } } }',
        { input: { name: 'reader', scopes: ['COMMUNITY_READ'], idempotencyKey: 'key-1' } },
        admin,
      );
    const first = (await create()).body.data?.createApiKey;
    const replay = (await create()).body.data?.createApiKey;
    expect(first?.secret).toMatch(/^sc_[0-9a-f]{12}_/);
    expect(replay).toEqual({ ...first, secret: null, userErrors: [] });
    const stored = await api.prisma.idempotencyKey.findMany();
    expect(JSON.stringify(stored.map((row) => row.response))).not.toContain(first?.secret);
  });
});
