import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ApiHarness } from '../testing/api-harness.js';
import { startApiHarness } from '../testing/api-harness.js';
import type { SeededCommunity } from '../testing/seed.js';
import { seedCommunity } from '../testing/seed.js';

let api: ApiHarness;
let key: string;
let community: SeededCommunity;

beforeAll(async () => {
  api = await startApiHarness();
  key = await api.createKey(await api.createTenant('acme'), ['MESSAGES_READ']);
  community = await seedCommunity(api.prisma, { kind: 'WATCHED', name: 'Status Fans' });
});
afterAll(() => api.close());

interface MessageNode {
  messageId: string;
  text: string;
  originalText: string;
  edited: boolean;
  edits: { text: string }[];
  deleted: boolean;
  pinned: boolean;
  reactions: { emoji: string; count: number; memberKeys: string[] }[];
  replyTo: { messageId: string } | null;
  replies: { edges: { node: { messageId: string } }[] };
  clock: string;
}
interface Page {
  messages: {
    edges: { cursor: string; node: MessageNode }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string; startCursor: string };
  };
}

const MESSAGES = `query ($channelId: String!, $first: Int, $after: String, $last: Int, $before: String, $pinnedOnly: Boolean) {
  messages(channelId: $channelId, first: $first, after: $after, last: $last, before: $before, pinnedOnly: $pinnedOnly) {
    edges { cursor node {
      messageId text originalText edited edits { text } deleted pinned clock
      reactions { emoji count memberKeys } replyTo { messageId } replies { edges { node { messageId } } }
    } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

const page = async (variables: Record<string, unknown>) =>
  (await api.gql<Page>(MESSAGES, { channelId: community.channelId, ...variables }, key)).body.data?.messages;

describe('messages of a channel', () => {
  it('pages newest first, forward to the end and back again', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const current = await page({ first: 12, after });
      seen.push(...(current?.edges.map((edge) => edge.node.messageId) ?? []));
      if (!current?.pageInfo.hasNextPage) break;
      after = current.pageInfo.endCursor;
    }
    expect(seen).toEqual([...community.messages].reverse());

    const last = await page({ last: 5 });
    expect(last?.edges.map((edge) => edge.node.messageId)).toEqual(community.messages.slice(0, 5).reverse());
    expect(last?.pageInfo.hasPreviousPage).toBe(true);
    const before = await page({ last: 5, before: last?.pageInfo.startCursor });
    expect(before?.edges.map((edge) => edge.node.messageId)).toEqual(
      community.messages.slice(5, 10).reverse(),
    );
  });

  it('shows edits, deletion, pins, reactions and replies as stored', async () => {
    const nodes = new Map(
      (await page({ first: 100 }))?.edges.map((edge) => [edge.node.messageId, edge.node]),
    );
    const at = (index: number) => nodes.get(community.messages[index] as string);
    expect(at(3)).toMatchObject({
      text: 'message 3, edited',
      originalText: 'message 3',
      edited: true,
      edits: [{ text: 'message 3, edited' }],
    });
    expect(at(2)).toMatchObject({ deleted: true, text: '', originalText: '', edits: [] });
    expect(at(1)?.pinned).toBe(true);
    expect(at(0)?.reactions).toEqual([
      { emoji: 'LOVE', count: 2, memberKeys: [community.members[1], community.members[2]] },
    ]);
    expect(at(5)?.replyTo).toEqual({ messageId: community.messages[4] });
    expect(at(4)?.replies.edges.map((edge) => edge.node.messageId)).toEqual([community.messages[5]]);
    expect(at(0)?.clock).toBe('1000');

    const pinned = await page({ pinnedOnly: true });
    expect(pinned?.edges.map((edge) => edge.node.messageId)).toEqual([community.messages[1]]);
  });

  it('reads one message by id', async () => {
    const response = await api.gql<{ message: { messageId: string; channel: { chatId: string } } }>(
      'query ($id: String!) { message(messageId: $id) { messageId channel { chatId } } }',
      { id: community.messages[7] },
      key,
    );
    expect(response.body.data?.message).toEqual({
      messageId: community.messages[7],
      channel: { chatId: community.channelId },
    });
  });

  it('refuses pages above 100 and first with last', async () => {
    for (const variables of [{ first: 101 }, { last: 101 }, { first: 2, last: 2 }, { first: -1 }]) {
      const response = await api.gql(MESSAGES, { channelId: community.channelId, ...variables }, key);
      expect(response.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    }
  });
});
