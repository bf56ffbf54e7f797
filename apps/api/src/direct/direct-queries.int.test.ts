import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DirectMessageKind } from '@status-communities/db';
import type { ApiHarness } from '../testing/api-harness.js';
import { startApiHarness } from '../testing/api-harness.js';
import { hex, newKeys, seedBot, seedCommunity } from '../testing/seed.js';

const MESSAGES = `query ($botKey: String!, $peerKey: String!, $first: Int, $after: String, $last: Int, $before: String) {
  directMessages(botKey: $botKey, peerKey: $peerKey, first: $first, after: $after, last: $last, before: $before) {
    edges { cursor node { id messageId botKey peerKey direction kind text clock acknowledgedAt } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;
const CONVERSATIONS = `query ($botKey: String!, $first: Int, $after: String, $last: Int, $before: String) {
  conversations(botKey: $botKey, first: $first, after: $after, last: $last, before: $before) {
    edges { node { peerKey contactState theyAddedUs lastMessage { messageId clock text } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}
interface Connection<N> {
  edges: { cursor: string; node: N }[];
  pageInfo: PageInfo;
}
type MessageNode = { id: string; messageId: string; clock: string; text: string | null };
type ConversationNode = {
  peerKey: string;
  contactState: string;
  theyAddedUs: boolean;
  lastMessage: { messageId: string; clock: string };
};

let api: ApiHarness;
let tenantId: string;
let reader: string;
let otherReader: string;
let bot: { id: string; publicKey: string };
const peer = newKeys();
/** Message ids of the bot with `peer`, by clock 1…7. */
const ids: string[] = [];

const seedMessage = (
  identityId: string,
  peerKey: string,
  clock: number,
  overrides: { kind?: DirectMessageKind; tenant?: string } = {},
) => {
  const id = hex();
  return api.prisma.directMessage
    .create({
      data: {
        id,
        identityId,
        tenantId: overrides.tenant ?? tenantId,
        peerKey,
        direction: clock % 2 === 0 ? 'OUTBOUND' : 'INBOUND',
        kind: overrides.kind ?? 'TEXT',
        contentType: 1,
        text: `message ${clock}`,
        clock: BigInt(clock),
        sentAt: new Date(1_764_000_000_000 + clock),
      },
    })
    .then(() => id);
};

const messages = async (variables: Record<string, unknown>, key = reader) => {
  const response = await api.gql<{ directMessages: Connection<MessageNode> }>(
    MESSAGES,
    { botKey: bot.publicKey, peerKey: peer.uncompressed, ...variables },
    key,
  );
  return response;
};
const page = async (variables: Record<string, unknown>) => {
  const response = await messages(variables);
  expect(response.body.errors).toBeUndefined();
  return response.body.data?.directMessages as Connection<MessageNode>;
};
const conversations = async (variables: Record<string, unknown>) => {
  const response = await api.gql<{ conversations: Connection<ConversationNode> }>(
    CONVERSATIONS,
    { botKey: bot.publicKey, ...variables },
    reader,
  );
  expect(response.body.errors).toBeUndefined();
  return response.body.data?.conversations as Connection<ConversationNode>;
};

beforeAll(async () => {
  api = await startApiHarness();
  tenantId = await api.createTenant('dm-readers');
  const theirs = await api.createTenant('dm-strangers');
  reader = await api.createKey(tenantId, ['MESSAGES_READ']);
  otherReader = await api.createKey(theirs, ['ADMIN']);
  bot = await seedBot(api.prisma, tenantId);
  for (const clock of [3, 1, 7, 5, 2, 6, 4])
    ids[clock - 1] = await seedMessage(bot.id, peer.uncompressed, clock);
  // Another bot of the tenant with the same peer, and another tenant's bot: never in this bot's pages.
  const sibling = await seedBot(api.prisma, tenantId, 'Sibling Bot');
  await seedMessage(sibling.id, peer.uncompressed, 100);
  const stranger = await seedBot(api.prisma, theirs, 'Stranger Bot');
  await seedMessage(stranger.id, peer.uncompressed, 200, { tenant: theirs });
});
afterAll(() => api.close());

describe('directMessages', () => {
  it('pages a conversation newest first, forward and backward, with cursors', async () => {
    const first = await page({ first: 3 });
    expect(first.edges.map((edge) => edge.node.clock)).toEqual(['7', '6', '5']);
    expect(first.edges[0]?.node).toMatchObject({
      messageId: ids[6],
      botKey: bot.publicKey,
      peerKey: peer.uncompressed,
      direction: 'INBOUND',
      kind: 'TEXT',
      text: 'message 7',
      acknowledgedAt: null,
    });
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });

    const second = await page({ first: 3, after: first.pageInfo.endCursor });
    expect(second.edges.map((edge) => edge.node.clock)).toEqual(['4', '3', '2']);
    const third = await page({ first: 3, after: second.pageInfo.endCursor });
    expect(third.edges.map((edge) => edge.node.clock)).toEqual(['1']);
    expect(third.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    const back = await page({ last: 2, before: second.pageInfo.startCursor });
    expect(back.edges.map((edge) => edge.node.clock)).toEqual(['6', '5']);
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it('finds a message again by its global id', async () => {
    const [edge] = (await page({ first: 1 })).edges;
    const node = await api.gql<{ node: { messageId: string } | null }>(
      'query ($id: ID!) { node(id: $id) { ... on DirectMessage { messageId } } }',
      { id: edge?.node.id },
      reader,
    );
    expect(node.body.data?.node).toEqual({ messageId: ids[6] });
    const foreign = await api.gql(
      'query ($id: ID!) { node(id: $id) { id } }',
      { id: edge?.node.id },
      otherReader,
    );
    expect(foreign.body.data).toEqual({ node: null });
  });

  it("refuses another tenant's bot, a bad peer key, a bound key and a key without messages:read", async () => {
    const code = (response: Awaited<ReturnType<typeof messages>>) =>
      response.body.errors?.[0]?.extensions?.['code'];
    expect(code(await messages({}, otherReader))).toBe('NOT_FOUND');
    expect(code(await messages({ peerKey: 'zQ3nope' }))).toBe('BAD_USER_INPUT');
    const community = await seedCommunity(api.prisma, { kind: 'HOSTED', tenantId, name: 'Bound' });
    expect(
      code(await messages({}, await api.createKey(tenantId, ['ADMIN'], { communityId: community.id }))),
    ).toBe('FORBIDDEN');
    expect(code(await messages({}, await api.createKey(tenantId, ['MESSAGES_WRITE'])))).toBe('FORBIDDEN');
  });
});

describe('conversations', () => {
  it("lists a bot's peers, most recently active first, with their newest message and contact state", async () => {
    const quiet = newKeys().uncompressed;
    const busy = newKeys().uncompressed;
    await seedMessage(bot.id, quiet, 2);
    await seedMessage(bot.id, busy, 50);
    const busyLast = await seedMessage(bot.id, busy, 60);
    await api.prisma.directContact.create({
      data: { identityId: bot.id, peerKey: busy, state: 'MUTUAL', theyAddedUs: true },
    });

    const first = await conversations({ first: 2 });
    expect(first.edges.map((edge) => edge.node)).toEqual([
      {
        peerKey: busy,
        contactState: 'MUTUAL',
        theyAddedUs: true,
        lastMessage: { messageId: busyLast, clock: '60', text: 'message 60' },
      },
      {
        peerKey: peer.uncompressed,
        contactState: 'NONE',
        theyAddedUs: false,
        lastMessage: { messageId: ids[6], clock: '7', text: 'message 7' },
      },
    ]);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });

    const rest = await conversations({ first: 2, after: first.pageInfo.endCursor });
    expect(rest.edges.map((edge) => edge.node.peerKey)).toEqual([quiet]);
    expect(rest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    const back = await conversations({ last: 1, before: rest.pageInfo.startCursor });
    expect(back.edges.map((edge) => edge.node.peerKey)).toEqual([peer.uncompressed]);
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it('refuses a cursor it did not make', async () => {
    for (const cursor of ['["x"]', '["99999999999999999999", "0x00"]', 'not json']) {
      const response = await api.gql(
        CONVERSATIONS,
        { botKey: bot.publicKey, after: Buffer.from(cursor).toString('base64url') },
        reader,
      );
      expect(response.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    }
  });
});
