import { describe, expect, it } from '@jest/globals';
import { aggregatePosts, retentionDeltas } from './rollups.js';
import type { Post } from './rollups.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-02T00:00:00Z');
const at = (days: number, hours = 0) => T0 + days * DAY + hours * 3_600_000;
const post = (authorKey: string, atMs: number, chatId = 'c1', communityId = 'A'): Post => ({
  communityId,
  chatId,
  authorKey,
  atMs,
});

describe('aggregatePosts', () => {
  it('buckets by community and UTC day, poster, channel and hour', () => {
    const deltas = aggregatePosts([
      post('alice', at(0, 9)),
      post('alice', at(0, 9) + 60_000),
      post('bob', at(0, 23), 'c2'),
      post('alice', at(1, 0)),
    ]);
    expect(deltas.communityDays).toEqual([
      { communityId: 'A', day: '2026-03-02', messages: 3 },
      { communityId: 'A', day: '2026-03-03', messages: 1 },
    ]);
    expect(deltas.posters).toEqual([
      { communityId: 'A', day: '2026-03-02', authorKey: 'alice', messages: 2 },
      { communityId: 'A', day: '2026-03-02', authorKey: 'bob', messages: 1 },
      { communityId: 'A', day: '2026-03-03', authorKey: 'alice', messages: 1 },
    ]);
    expect(deltas.channelDays).toEqual([
      { chatId: 'c1', communityId: 'A', day: '2026-03-02', messages: 2 },
      { chatId: 'c2', communityId: 'A', day: '2026-03-02', messages: 1 },
      { chatId: 'c1', communityId: 'A', day: '2026-03-03', messages: 1 },
    ]);
    expect(deltas.hours.map((row) => [row.hour, row.messages])).toEqual([
      ['2026-03-02T09:00:00.000Z', 2],
      ['2026-03-02T23:00:00.000Z', 1],
      ['2026-03-03T00:00:00.000Z', 1],
    ]);
  });
});

describe('retentionDeltas', () => {
  const join = { communityId: 'A', memberKey: 'dave', joinedAtMs: at(0, 15) };

  it('counts a first post within 7 days in both windows, within 30 days in the 30-day one only', () => {
    expect(retentionDeltas([post('dave', at(7, 23))], [join], [])).toEqual([
      { communityId: 'A', cohortDay: '2026-03-02', posted7d: 1, posted30d: 1 },
    ]);
    expect(retentionDeltas([post('dave', at(8))], [join], [])).toEqual([
      { communityId: 'A', cohortDay: '2026-03-02', posted7d: 0, posted30d: 1 },
    ]);
    expect(retentionDeltas([post('dave', at(31))], [join], [])).toEqual([]);
  });

  it('counts a member once per window, whatever the batch or order', () => {
    const twice = [post('dave', at(1)), post('dave', at(2))];
    expect(retentionDeltas(twice, [join], [])).toEqual([
      { communityId: 'A', cohortDay: '2026-03-02', posted7d: 1, posted30d: 1 },
    ]);
    // An earlier batch already had a post on day 3: nothing more.
    const earlier = [{ communityId: 'A', authorKey: 'dave', day: '2026-03-05' }];
    expect(retentionDeltas([post('dave', at(4))], [join], earlier)).toEqual([]);
    // The earlier post was after the first week: the week still counts now (a late, older message).
    const late = [{ communityId: 'A', authorKey: 'dave', day: '2026-03-20' }];
    expect(retentionDeltas([post('dave', at(2))], [join], late)).toEqual([
      { communityId: 'A', cohortDay: '2026-03-02', posted7d: 1, posted30d: 0 },
    ]);
  });

  it('ignores posts of others and posts before the join', () => {
    expect(retentionDeltas([post('erin', at(1)), post('dave', at(-1))], [join], [])).toEqual([]);
  });
});
