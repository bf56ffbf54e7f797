// The response cache on a real API server, Redis and PostgreSQL: a repeated query is served from it, an event
// of its community makes the next answer fresh, another community's event does not, and each key has its own.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { appendEvent, eventStream } from '@status-communities/queue';
import type { ApiHarness } from '../testing/api-harness.js';
import { startApiHarness } from '../testing/api-harness.js';
import type { SeededCommunity } from '../testing/seed.js';
import { hex, seedCommunity } from '../testing/seed.js';

let api: ApiHarness;
let key: string;
let community: SeededCommunity;
let other: SeededCommunity;

beforeAll(async () => {
  // No answer ages out during the test: only events retire them.
  api = await startApiHarness({ API_QUERY_CACHE_MAX_AGE_MS: '600000' });
  const tenant = await api.createTenant('acme');
  key = await api.createKey(tenant, ['COMMUNITY_READ', 'MESSAGES_READ']);
  community = await seedCommunity(api.prisma, { kind: 'WATCHED', name: 'Cached' });
  other = await seedCommunity(api.prisma, { kind: 'WATCHED', name: 'Elsewhere' });
});
afterAll(() => api.close());

const NEWEST = `query ($channel: String!) { messages(channelId: $channel, first: 1) { edges { node { messageId text } } } }`;

const newest = async (as = key) =>
  (
    await api.gql<{ messages: { edges: { node: { messageId: string; text: string } }[] } }>(
      NEWEST,
      { channel: community.channelId },
      as,
    )
  ).body;

const cacheCount = async (result: 'hit' | 'miss' | 'bypass'): Promise<number> => {
  const metrics = await (await fetch(`${api.server.healthUrl}/metrics`)).text();
  const line = metrics.split('\n').find((l) => l.startsWith(`api_query_cache_total{result="${result}"`));
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
};

/** A message the indexer stored: its row, and (unless `silently`) its event. */
const post = async (text: string, options: { silently?: boolean } = {}): Promise<string> => {
  const messageId = hex();
  await api.prisma.message.create({
    data: {
      id: messageId,
      communityId: community.id,
      channelId: community.channelId,
      authorKey: community.members[0] as string,
      clock: BigInt(Date.now()) * 1_000n,
      timestamp: new Date(),
      text,
      currentText: text,
      contentType: 1,
      raw: new Uint8Array(64),
    },
  });
  if (!options.silently)
    await appendEvent(
      api.redis,
      {
        type: 'message.added',
        communityId: community.id,
        occurredAt: Date.now(),
        channelId: community.channelId,
        messageId,
        authorKey: community.members[0] as string,
        clock: '1',
        text,
      },
      eventStream({ prefix: api.prefix }),
    );
  return messageId;
};

describe('the response cache', () => {
  it('answers a repeated query from the cache until an event of its community, then reads again', async () => {
    const first = await newest();
    const hits = await cacheCount('hit');
    expect(await newest()).toEqual(first);
    expect(await cacheCount('hit')).toBe(hits + 1);

    // Stored without an event: the cache still answers (so it is the event that moves it, below).
    await post('no event for me', { silently: true });
    expect(await newest()).toEqual(first);

    const messageId = await post('with its event');
    const fresh = await newest();
    expect(fresh.data?.messages.edges[0]?.node).toEqual({ messageId, text: 'with its event' });
    expect(await newest()).toEqual(fresh);
  });

  it('keeps its answer through an event of another community', async () => {
    const answer = await newest();
    await appendEvent(
      api.redis,
      {
        type: 'member.joined',
        communityId: other.id,
        occurredAt: Date.now(),
        memberKey: other.members[0] as string,
      },
      eventStream({ prefix: api.prefix }),
    );
    const hits = await cacheCount('hit');
    expect(await newest()).toEqual(answer);
    expect(await cacheCount('hit')).toBe(hits + 1);
  });

  it('answers each key with what it may see', async () => {
    expect((await newest()).data?.messages.edges).toHaveLength(1);
    const boundElsewhere = await api.createKey(await api.createTenant('other'), ['MESSAGES_READ'], {
      communityId: other.id,
    });
    expect((await newest(boundElsewhere)).data?.messages.edges).toEqual([]);
  });
});
