import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Queue } from 'bullmq';
import { serializePublicKey } from '@status-communities/crypto';
import { unwrap } from '@status-communities/errors';
import type { ApiHarness } from '../testing/api-harness.js';
import { startApiHarness } from '../testing/api-harness.js';
import { newKeys, seedBot, seedCommunity } from '../testing/seed.js';

interface Payload {
  command: { id: string; queue: string; type: string } | null;
  userErrors: { code: string; message: string; field: string[] | null }[];
}

const mutation = (name: string, input: string) => `mutation ($input: ${input}!) {
  ${name}(input: $input) { command { id queue type } userErrors { code message field } }
}`;
const SEND = mutation('sendDirectMessage', 'SendDirectMessageInput');
const REQUEST = mutation('sendContactRequest', 'SendContactRequestInput');
const ACCEPT = mutation('acceptContactRequest', 'AcceptContactRequestInput');
const INVITE = mutation('inviteToCommunity', 'InviteToCommunityInput');

let api: ApiHarness;
let tenantId: string;
let writer: string;
let botKey: string;
let theirBotKey: string;
let communityId: string;
let theirCommunityId: string;
const peer = newKeys();

const run = async (query: string, input: Record<string, unknown>, key = writer) => {
  const response = await api.gql<Record<string, Payload>>(query, { input }, key);
  expect(response.body.errors).toBeUndefined();
  return Object.values(response.body.data ?? {})[0] as Payload;
};
const botQueue = () => api.server.services.queues.botMessages as unknown as Queue;
const jobOf = async (payload: Payload) => (await botQueue().getJob(payload.command?.id ?? ''))?.data;
const directJobs = async () =>
  (await botQueue().getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])).filter((job) =>
    String((job.data as { type: string }).type).startsWith('direct.'),
  );

beforeAll(async () => {
  api = await startApiHarness();
  tenantId = await api.createTenant('dm-writers');
  const theirs = await api.createTenant('dm-others');
  writer = await api.createKey(tenantId, ['MESSAGES_WRITE']);
  botKey = (await seedBot(api.prisma, tenantId)).publicKey;
  theirBotKey = (await seedBot(api.prisma, theirs)).publicKey;
  communityId = (await seedCommunity(api.prisma, { kind: 'HOSTED', tenantId, name: 'Ours' })).id;
  theirCommunityId = (await seedCommunity(api.prisma, { kind: 'HOSTED', tenantId: theirs, name: 'Theirs' }))
    .id;
});
afterAll(() => api.close());

describe('1:1 mutations', () => {
  it('queue each direct.* command on bot.messages for the bot and the peer, the peer key as 0x04…', async () => {
    const chatKey = unwrap(serializePublicKey(Buffer.from(peer.compressed.slice(2), 'hex')));
    const base = (payload: Payload) => ({
      correlationId: payload.command?.id,
      actor: expect.stringMatching(/^api-key:/),
      botKey,
      peerKey: peer.uncompressed,
    });

    const sent = await run(SEND, {
      botKey,
      peerKey: chatKey,
      text: 'hello',
      replyTo: `0x${'ab'.repeat(32)}`,
    });
    expect(sent).toEqual({
      command: { id: expect.any(String), queue: '{bot.messages}', type: 'direct.send' },
      userErrors: [],
    });
    expect(await jobOf(sent)).toEqual({
      type: 'direct.send',
      ...base(sent),
      text: 'hello',
      replyTo: `0x${'ab'.repeat(32)}`,
    });

    const requested = await run(REQUEST, { botKey, peerKey: peer.compressed });
    expect(await jobOf(requested)).toEqual({ type: 'direct.contact-request', ...base(requested) });

    const accepted = await run(ACCEPT, { botKey, peerKey: peer.uncompressed });
    expect(await jobOf(accepted)).toEqual({ type: 'direct.contact-accept', ...base(accepted) });

    const invited = await run(INVITE, { botKey, peerKey: peer.uncompressed, communityId, text: 'join us' });
    expect(await jobOf(invited)).toEqual({
      type: 'direct.invite',
      ...base(invited),
      communityId,
      text: 'join us',
    });

    const audit = await api.prisma.auditLogEntry.findMany({ where: { tenantId }, orderBy: { id: 'asc' } });
    expect(audit.map((entry) => [entry.action, entry.result])).toEqual([
      ['direct.send', 'SUCCESS'],
      ['direct.contact-request', 'SUCCESS'],
      ['direct.contact-accept', 'SUCCESS'],
      ['direct.invite', 'SUCCESS'],
    ]);
  });

  it('replay an idempotent request and queue one job', async () => {
    const input = { botKey, peerKey: peer.uncompressed, text: 'once', idempotencyKey: 'dm-once' };
    const before = (await directJobs()).length;
    const first = await run(SEND, input);
    expect(await run(SEND, input)).toEqual(first);
    expect(await directJobs()).toHaveLength(before + 1);
  });

  it("refuse another tenant's bot, a bad peer key, a blank text and an unseen community, queuing nothing", async () => {
    const before = (await directJobs()).length;
    const refusal = async (query: string, input: Record<string, unknown>) =>
      (await run(query, input)).userErrors.map((error) => [error.code, error.field]);

    expect(await refusal(SEND, { botKey: theirBotKey, peerKey: peer.uncompressed, text: 'hi' })).toEqual([
      ['NOT_FOUND', ['input', 'botKey']],
    ]);
    for (const peerKey of ['0x04', `0x02${'ff'.repeat(32)}`, 'zQ3notakey', theirBotKey.slice(0, 100)])
      expect(await refusal(ACCEPT, { botKey, peerKey })).toEqual([['BAD_USER_INPUT', ['input', 'peerKey']]]);
    expect(await refusal(SEND, { botKey, peerKey: peer.uncompressed, text: '   ' })).toEqual([
      ['BAD_USER_INPUT', ['input', 'text']],
    ]);
    expect(
      await refusal(INVITE, { botKey, peerKey: peer.uncompressed, communityId: theirCommunityId }),
    ).toEqual([['NOT_FOUND', ['input', 'communityId']]]);
    expect(await directJobs()).toHaveLength(before);
  });

  it('need messages:write from a key not bound to one community', async () => {
    const reader = await api.createKey(tenantId, ['MESSAGES_READ', 'COMMUNITY_READ']);
    const refused = await api.gql(SEND, { input: { botKey, peerKey: peer.uncompressed, text: 'x' } }, reader);
    expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    const bound = await api.createKey(tenantId, ['MESSAGES_WRITE'], { communityId });
    expect(await run(SEND, { botKey, peerKey: peer.uncompressed, text: 'x' }, bound)).toMatchObject({
      command: null,
      userErrors: [{ code: 'FORBIDDEN' }],
    });
  });
});
