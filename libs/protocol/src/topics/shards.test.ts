import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@status-communities/errors';
import { decodeProto, encodeProto, status } from '@status-communities/proto';
import {
  DEFAULT_SHARD_PROFILE,
  MAX_SHARD_INDEX,
  STATUS_SHARD_CLUSTER,
  communityPubsubTopic,
  makeShardProfile,
  parsePubsubTopic,
  publishPubsubTopics,
  pubsubTopicForShard,
  shardFromProto,
  shardToProto,
  subscribedPubsubTopics,
} from './shards.js';
import type { ShardPublishKind } from './shards.js';

const topic = (index: number): string => `/waku/2/rs/16/${index}`;
const ownShard = { cluster: 16, index: 512 };

describe('pubsub topics', () => {
  it('are /waku/2/rs/<cluster>/<index>, cluster 16 by default', () => {
    expect(STATUS_SHARD_CLUSTER).toBe(16);
    expect(pubsubTopicForShard(32)).toBe('/waku/2/rs/16/32');
    expect(pubsubTopicForShard(64)).toBe('/waku/2/rs/16/64');
    expect(pubsubTopicForShard(7, 1)).toBe('/waku/2/rs/1/7');
  });

  it('throw on out-of-range numbers (a caller bug)', () => {
    expect(() => pubsubTopicForShard(MAX_SHARD_INDEX + 1)).toThrow(RangeError);
    expect(() => pubsubTopicForShard(-1)).toThrow(RangeError);
    expect(() => pubsubTopicForShard(1.5)).toThrow(RangeError);
    expect(() => pubsubTopicForShard(1, 65536)).toThrow(RangeError);
  });

  it('parse back', () => {
    for (const [cluster, index] of [
      [16, 32],
      [16, 0],
      [0, MAX_SHARD_INDEX],
      [65535, 256],
    ] as const)
      expect(parsePubsubTopic(pubsubTopicForShard(index, cluster))).toEqual({
        ok: true,
        value: { cluster, index },
      });
  });

  it.each([
    ['the autosharding form', '/waku/2/default-waku/proto'],
    ['a content topic', '/waku/1/0x3d9da68f/rfc26'],
    ['a missing index', '/waku/2/rs/16'],
    ['an empty index', '/waku/2/rs/16/'],
    ['an extra part', '/waku/2/rs/16/32/1'],
    ['a leading zero', '/waku/2/rs/16/032'],
    ['a sign', '/waku/2/rs/16/+32'],
    ['a negative index', '/waku/2/rs/16/-1'],
    ['an index past 1023', '/waku/2/rs/16/1024'],
    ['a cluster past 65535', '/waku/2/rs/65536/32'],
    ['hex', '/waku/2/rs/0x10/32'],
    ['whitespace', '/waku/2/rs/16/32 '],
    ['empty', ''],
  ])('reject %s as INVALID_TOPIC', (_name, text) => {
    const parsed = parsePubsubTopic(text);
    expect(parsed.ok || parsed.error.code).toBe(ErrorCode.INVALID_TOPIC);
  });

  it('parse random strings to typed errors', () => {
    const alphabet = '/waku2rs01369-+ x';
    let state = 11;
    for (let i = 0; i < 3000; i++) {
      let text = i % 2 === 0 ? '/waku/2/rs/' : '';
      for (let j = 0; j < i % 17; j++) {
        state = (state * 1103515245 + 12345) % 2 ** 31;
        text += alphabet[state % alphabet.length] ?? '';
      }
      const parsed = parsePubsubTopic(text);
      if (parsed.ok) expect(pubsubTopicForShard(parsed.value.index, parsed.value.cluster)).toBe(text);
      else expect(parsed.error.code).toBe(ErrorCode.INVALID_TOPIC);
    }
  });
});

describe('shards in protobufs', () => {
  it('round-trip through status.Shard', () => {
    const bytes = encodeProto(status.Shard, shardToProto(ownShard));
    const decoded = decodeProto<status.Shard>(status.Shard, bytes);
    expect(decoded.ok && shardFromProto(decoded.value)).toEqual({ ok: true, value: ownShard });
  });

  it('absent means no own shard', () => {
    expect(shardFromProto(null)).toEqual({ ok: true, value: null });
    expect(shardFromProto(undefined)).toEqual({ ok: true, value: null });
  });

  it('out-of-range values are rejected instead of wrapped like status-go', () => {
    for (const shard of [
      { cluster: 16, index: 65568 },
      { cluster: 16, index: -1 },
      { cluster: 70000, index: 32 },
    ]) {
      const result = shardFromProto(shard);
      expect(result.ok || result.error.code).toBe(ErrorCode.INVALID_TOPIC);
    }
  });
});

describe('community pubsub topic', () => {
  it('is the own shard, else the default shard 32', () => {
    expect(communityPubsubTopic(null)).toBe(topic(32));
    expect(communityPubsubTopic(ownShard)).toBe(topic(512));
    expect(communityPubsubTopic({ cluster: 1, index: 3 })).toBe('/waku/2/rs/1/3');
  });
});

describe('default compatibility profile', () => {
  it('subscribes to 32, 64, 128, 256 plus each community shard, once each', () => {
    expect(subscribedPubsubTopics()).toEqual([topic(32), topic(64), topic(128), topic(256)]);
    expect(subscribedPubsubTopics([ownShard, null, { cluster: 16, index: 64 }, ownShard])).toEqual([
      topic(32),
      topic(64),
      topic(128),
      topic(256),
      topic(512),
    ]);
  });

  const expectations: [ShardPublishKind, string[], string[]][] = [
    // kind, without own shard, with own shard 512
    ['description', [topic(128), topic(32)], [topic(512)]],
    ['channelMessage', [topic(256), topic(32)], [topic(512)]],
    ['magnetlink', [topic(32)], [topic(512)]],
    ['requestToJoin', [topic(64), topic(128)], [topic(64), topic(128)]],
    ['requestToLeave', [topic(32)], [topic(512)]],
    ['encryptionKeysRequest', [topic(32), topic(64)], [topic(512), topic(32), topic(64)]],
    ['requestToJoinResponse', [topic(64)], [topic(64)]],
    ['userKicked', [topic(64)], [topic(64)]],
    ['keyExchange', [topic(32)], [topic(32)]],
    ['shardInfo', [topic(64)], [topic(64)]],
  ];

  it.each(expectations)(
    'publishes %s where status-go and the spec readers look',
    (kind, without, withOwn) => {
      expect(publishPubsubTopics(kind, null)).toEqual(without);
      expect(publishPubsubTopics(kind, ownShard)).toEqual(withOwn);
    },
  );

  it('covers every kind', () => {
    expect(Object.keys(DEFAULT_SHARD_PROFILE.publish).sort()).toEqual(
      expectations.map(([kind]) => kind).sort(),
    );
  });

  it('puts a community shard in another cluster on its own cluster', () => {
    expect(publishPubsubTopics('description', { cluster: 1, index: 5 })).toEqual(['/waku/2/rs/1/5']);
  });
});

describe('configured profiles', () => {
  it('replace only the parts given', () => {
    const profile = makeShardProfile({
      subscribeShards: [32, 64],
      publish: { channelMessage: { communityShard: 'add', shards: [256] } },
    });
    if (!profile.ok) throw profile.error;
    expect(subscribedPubsubTopics([], profile.value)).toEqual([topic(32), topic(64)]);
    expect(publishPubsubTopics('channelMessage', null, profile.value)).toEqual([topic(256)]);
    expect(publishPubsubTopics('channelMessage', ownShard, profile.value)).toEqual([topic(512), topic(256)]);
    expect(publishPubsubTopics('description', null, profile.value)).toEqual([topic(128), topic(32)]);
  });

  it('keep the rest of a rule when only its shards are given', () => {
    const profile = makeShardProfile({ publish: { description: { shards: [64] } } });
    if (!profile.ok) throw profile.error;
    expect(profile.value.publish.description).toEqual({
      ...DEFAULT_SHARD_PROFILE.publish.description,
      shards: [64],
    });
  });

  it('use their own cluster for configured shards', () => {
    const profile = makeShardProfile({ cluster: 1 });
    if (!profile.ok) throw profile.error;
    expect(publishPubsubTopics('shardInfo', null, profile.value)).toEqual(['/waku/2/rs/1/64']);
  });

  it('reject bad numbers and rules that can publish nowhere', () => {
    const cases = [
      makeShardProfile({ cluster: -1 }),
      makeShardProfile({ subscribeShards: [32, 2000] }),
      makeShardProfile({ publish: { shardInfo: { communityShard: 'ignore', shards: [1.5] } } }),
      makeShardProfile({ publish: { userKicked: { communityShard: 'ignore', shards: [] } } }),
      makeShardProfile({ publish: { description: { communityShard: 'replace', shards: [] } } }),
    ];
    for (const result of cases) expect(result.ok || result.error.code).toBe(ErrorCode.INVALID_TOPIC);
  });
});
