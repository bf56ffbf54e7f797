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
  key = await api.createKey(await api.createTenant('acme'), ['COMMUNITY_READ']);
  community = await seedCommunity(api.prisma, { kind: 'WATCHED', name: 'Status Fans' });
});
afterAll(() => api.close());

const STATS = `query ($id: String!, $from: Date!, $to: Date!) {
  stats(communityId: $id, range: { from: $from, to: $to }) {
    range { from to }
    membersOverTime { day memberCount joined left }
    messagesPerChannelPerDay { channelId day messages uniquePosters }
    uniquePosters { day daily weekly monthly }
    heatMap { weekday hour messages }
    retention { cohortDay joined posted7d posted30d }
    totalMessages privateMessages
  }
}`;

describe('stats', () => {
  it('reads every series from the roll-ups over the range', async () => {
    const response = await api.gql<{
      stats: Record<string, unknown> & { heatMap: { weekday: number; hour: number; messages: number }[] };
    }>(STATS, { id: community.id, from: '2026-11-01', to: '2026-11-04' }, key);
    const stats = response.body.data?.stats;
    expect(stats).toMatchObject({
      range: { from: '2026-11-01', to: '2026-11-04' },
      membersOverTime: [
        { day: '2026-11-02', memberCount: 5, joined: 5, left: 0 },
        { day: '2026-11-03', memberCount: 4, joined: 0, left: 1 },
      ],
      messagesPerChannelPerDay: [
        { channelId: community.channelId, day: '2026-11-02', messages: 20, uniquePosters: 3 },
        { channelId: community.channelId, day: '2026-11-03', messages: 10, uniquePosters: 2 },
      ],
      uniquePosters: [
        { day: '2026-11-01', daily: 0, weekly: 0, monthly: 0 },
        { day: '2026-11-02', daily: 3, weekly: 3, monthly: 3 },
        { day: '2026-11-03', daily: 2, weekly: 4, monthly: 4 },
        { day: '2026-11-04', daily: 0, weekly: 4, monthly: 4 },
      ],
      retention: [{ cohortDay: '2026-11-02', joined: 5, posted7d: 3, posted30d: 4 }],
      totalMessages: 30,
      privateMessages: 2,
    });
    expect(stats?.heatMap).toHaveLength(168);
    expect(stats?.heatMap.filter((cell) => cell.messages > 0)).toEqual([
      { weekday: 1, hour: 9, messages: 20 },
      { weekday: 2, hour: 14, messages: 10 },
    ]);
  });

  it('narrows to the range asked', async () => {
    const response = await api.gql<{ stats: { totalMessages: number; membersOverTime: unknown[] } }>(
      'query ($id: String!) { stats(communityId: $id, range: { from: "2026-11-03", to: "2026-11-03" }) { totalMessages membersOverTime { day } } }',
      { id: community.id },
      key,
    );
    expect(response.body.data?.stats).toEqual({
      totalMessages: 10,
      membersOverTime: [{ day: '2026-11-03' }],
    });
  });

  it('refuses a reversed range, one over 366 days and a malformed day', async () => {
    for (const [from, to, code] of [
      ['2026-11-04', '2026-11-01', 'BAD_USER_INPUT'],
      ['2024-01-01', '2026-01-01', 'BAD_USER_INPUT'],
      ['2026-13-01', '2026-11-01', 'BAD_USER_INPUT'],
    ]) {
      const response = await api.gql(STATS, { id: community.id, from, to }, key);
      expect(response.body.errors?.[0]?.extensions?.['code']).toBe(code);
    }
  });
});
