import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestDatabase } from '@status-communities/db/testing';
import { createTestDatabase } from '@status-communities/db/testing';
import { channelChatId, contentTopicForChatId, memberUpdateChatId } from '@status-communities/protocol';
import { newCommunityId } from './testing/fixtures.js';
import { buildWatchList, readWatchList } from './watch-list.js';

const EXTRA_TOPIC = '/waku/1/0x01020304/rfc26';
const CHANNEL = '5f9c0b2e-1b7d-4c8a-9d51-6a3e2f0c7b14';

describe('buildWatchList', () => {
  const communityId = newCommunityId();

  it('watches every content topic of each community and its channels, plus the configured ones', () => {
    const list = buildWatchList(
      [{ communityId, hosted: false, channelUuids: [CHANNEL], shard: null }],
      [EXTRA_TOPIC],
    );
    const community = list.communities.get(communityId);
    expect(community?.contentTopics).toHaveLength(7);
    expect(community?.contentTopics).toEqual(
      expect.arrayContaining([
        contentTopicForChatId(communityId),
        contentTopicForChatId(memberUpdateChatId(communityId)),
        contentTopicForChatId(channelChatId(communityId, CHANNEL)),
      ]),
    );
    expect(list.contentTopics).toEqual(new Set([...(community?.contentTopics ?? []), EXTRA_TOPIC]));
    expect(list.shards).toEqual([]);
    expect(list.rejected).toEqual([]);
  });

  it('relays the own shard of a community on cluster 16, and only there', () => {
    const other = newCommunityId();
    const list = buildWatchList(
      [
        { communityId, hosted: false, channelUuids: [], shard: { cluster: 16, index: 517 } },
        { communityId: other, hosted: false, channelUuids: [], shard: { cluster: 1, index: 3 } },
      ],
      [],
    );
    expect(list.shards).toEqual([517]);
    expect(list.communities.get(communityId)?.shard).toBe(517);
    expect(list.communities.get(other)?.shard).toBeNull();
  });

  it('keeps a community whose channel list has a bad UUID, and rejects a row that is no community', () => {
    const list = buildWatchList(
      [
        { communityId, hosted: false, channelUuids: ['', '-memberUpdate', CHANNEL], shard: null },
        { communityId: '0x02abc', hosted: false, channelUuids: [], shard: null },
      ],
      [],
    );
    expect(list.communities.get(communityId)?.contentTopics).toHaveLength(7);
    expect(list.rejected).toEqual([
      { communityId: '0x02abc', reason: expect.stringContaining('community ID') },
    ]);
  });
});

describe('readWatchList on a real PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('reads the watched and the hosted communities with their live channels and own shards', async () => {
    const withShard = newCommunityId();
    const unknown = newCommunityId();
    const notWatched = newCommunityId();
    const hosted = newCommunityId();
    await db.prisma.community.createMany({
      data: [
        { id: withShard, kind: 'WATCHED', shardCluster: 16, shardIndex: 900 },
        { id: notWatched, kind: 'WATCHED', shardCluster: 16, shardIndex: 901 },
        { id: hosted, kind: 'HOSTED' },
      ],
    });
    await db.prisma.channel.createMany({
      data: [
        { id: channelChatId(withShard, CHANNEL), communityId: withShard, uuid: CHANNEL, name: 'general' },
        { id: channelChatId(hosted, CHANNEL), communityId: hosted, uuid: CHANNEL, name: 'general' },
        {
          id: channelChatId(withShard, 'gone'),
          communityId: withShard,
          uuid: 'gone',
          name: 'old',
          deleted: true,
        },
      ],
    });
    await db.prisma.watchedCommunity.createMany({
      data: [{ communityId: withShard }, { communityId: unknown }],
    });

    const list = await readWatchList(db.prisma, [EXTRA_TOPIC]);

    expect([...list.communities.keys()].sort()).toEqual([withShard, unknown, hosted].sort());
    expect(list.communities.get(withShard)).toMatchObject({ shard: 900, hosted: false });
    expect(list.communities.get(withShard)?.contentTopics).toContain(
      contentTopicForChatId(channelChatId(withShard, CHANNEL)),
    );
    expect(list.communities.get(withShard)?.contentTopics).not.toContain(
      contentTopicForChatId(channelChatId(withShard, 'gone')),
    );
    // Watched before any description was seen: its community topics, no channels, no shard.
    expect(list.communities.get(unknown)).toMatchObject({ shard: null, hosted: false });
    expect(list.communities.get(unknown)?.contentTopics).toHaveLength(6);
    // Hosted here, on no watch list: archived all the same, its channels included.
    expect(list.communities.get(hosted)).toMatchObject({ shard: null, hosted: true });
    expect(list.communities.get(hosted)?.contentTopics).toEqual(
      expect.arrayContaining([
        contentTopicForChatId(hosted),
        contentTopicForChatId(memberUpdateChatId(hosted)),
        contentTopicForChatId(channelChatId(hosted, CHANNEL)),
      ]),
    );
    expect(list.shards).toEqual([900]);
    expect(list.contentTopics.has(EXTRA_TOPIC)).toBe(true);
    expect(list.contentTopics.has(contentTopicForChatId(notWatched))).toBe(false);
  });
});
