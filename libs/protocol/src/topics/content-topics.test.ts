import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { bytesToHex, hexToBytesOrThrow, symKeyFor } from '@status-communities/crypto';
import { ErrorCode } from '@status-communities/errors';
import { COMMUNITY_ID_LENGTH, partitionedChatId } from './chat-ids.js';
import { communityTopics, contentTopicForChatId, parseContentTopic } from './content-topics.js';
import type { CommunityTopic } from './content-topics.js';

interface TopicVector {
  use: string;
  chatId: string;
  contentTopic: string;
  symKey: string | null;
}
interface Vectors {
  keys: Record<'community' | 'member' | 'other', { compressed?: string; uncompressed: string }>;
  contentTopics: TopicVector[];
}
const vectors = JSON.parse(
  readFileSync(new URL('../../../../../shared/vectors/status-wire.json', import.meta.url), 'utf8'),
) as Vectors;

const communityId = vectors.keys.community.compressed ?? '';
const legacyVector = vectors.contentTopics.find((v) => v.use === 'legacyChannel');
const channelUuid = legacyVector?.chatId.slice(COMMUNITY_ID_LENGTH) ?? '';
const otherUuid = '003cdcd5-e065-48f9-b166-b1a94ac75a11';

describe('contentTopicForChatId', () => {
  it.each(vectors.contentTopics.map((v) => [v.use, v] as const))('matches the %s vector', (_use, vector) => {
    expect(contentTopicForChatId(vector.chatId)).toBe(vector.contentTopic);
  });

  it('pairs with the symmetric key of the same chat ID in every vector that has one', () => {
    const withKeys = vectors.contentTopics.filter((v) => v.symKey !== null);
    expect(withKeys.map((v) => v.use)).toContain('empty');
    for (const vector of withKeys) expect(bytesToHex(symKeyFor(vector.chatId))).toBe(vector.symKey);
  });

  it("matches status-wire.md §3's worked examples for another community", () => {
    const id = '0x029f196bbfef4fa6a5eb81dd802133a63498325445ca1af1d154b1bb4542955133';
    expect(contentTopicForChatId(id)).toBe('/waku/1/0x35cd47c5/rfc26');
    expect(contentTopicForChatId(id + '-memberUpdate')).toBe('/waku/1/0xe64ef685/rfc26');
    expect(contentTopicForChatId(id + '30804ea7-bd66-4d5d-91eb-b2dcfe2515b3')).toBe(
      '/waku/1/0x0fd9cba5/rfc26',
    );
  });

  it('hashes the text, so the 0x prefix and case change the topic', () => {
    expect(contentTopicForChatId(communityId.slice(2))).not.toBe(contentTopicForChatId(communityId));
    expect(contentTopicForChatId(communityId.toUpperCase())).not.toBe(contentTopicForChatId(communityId));
  });

  it('gives the partitioned topics of the vectors from the recipient key', () => {
    for (const [key, use] of [
      [vectors.keys.member.uncompressed, 'partitioned (1:1) topic of key 0x047db227d709…'],
      [vectors.keys.other.uncompressed, 'partitioned (1:1) topic of key 0x046aa3da9b5c…'],
    ] as const) {
      const vector = vectors.contentTopics.find((v) => v.use === use);
      const chatId = partitionedChatId(hexToBytesOrThrow(key));
      expect(chatId.ok && contentTopicForChatId(chatId.value)).toBe(vector?.contentTopic);
    }
  });
});

describe('parseContentTopic', () => {
  it('round-trips every vector topic to its 4 bytes', () => {
    for (const vector of vectors.contentTopics) {
      const parsed = parseContentTopic(vector.contentTopic);
      expect(parsed.ok && parsed.value.topicHex).toBe(vector.contentTopic.split('/')[3]);
      expect(parsed.ok && `/waku/1/0x${bytesToHex(parsed.value.topic)}/rfc26`).toBe(vector.contentTopic);
    }
  });

  it.each([
    ['too many parts', '/waku/1/0x3d9da68f/rfc26/x'],
    ['too few parts', '/waku/1/0x3d9da68f'],
    ['a leading part', 'x/waku/1/0x3d9da68f/rfc26'],
    ['version 2', '/waku/2/0x3d9da68f/rfc26'],
    ['another encoding', '/waku/1/0x3d9da68f/proto'],
    ['no 0x', '/waku/1/3d9da68f/rfc26'],
    ['uppercase hex', '/waku/1/0x3D9DA68F/rfc26'],
    ['3 bytes', '/waku/1/0x3d9da6/rfc26'],
    ['5 bytes', '/waku/1/0x3d9da68f00/rfc26'],
    ['non-hex', '/waku/1/0x3d9da68g/rfc26'],
    ['a pubsub topic', '/waku/2/rs/16/32'],
    ['a js-waku style topic', '/status/1/community/proto'],
    ['empty', ''],
  ])('rejects %s as INVALID_TOPIC', (_name, topic) => {
    const parsed = parseContentTopic(topic);
    expect(parsed.ok || parsed.error.code).toBe(ErrorCode.INVALID_TOPIC);
  });

  it('returns typed errors for random strings', () => {
    const alphabet = '/waku1rfc260x9abcdefABCDEF/ ';
    let state = 7;
    for (let i = 0; i < 2000; i++) {
      let text = '';
      const length = (i * 7) % 40;
      for (let j = 0; j < length; j++) {
        state = (state * 1103515245 + 12345) % 2 ** 31;
        text += alphabet[state % alphabet.length] ?? '';
      }
      const parsed = parseContentTopic(text);
      if (!parsed.ok) expect(parsed.error.code).toBe(ErrorCode.INVALID_TOPIC);
      else expect(text).toMatch(/^\/waku\/1\/0x[0-9a-f]{8}\/rfc26$/);
    }
  });
});

describe('communityTopics', () => {
  const built = communityTopics(communityId, [channelUuid, otherUuid]);
  if (!built.ok) throw built.error;
  const topics = built.value;

  it('lists the vector topics with their use, chat ID, content topic and symmetric key', () => {
    const byUse = (use: string): CommunityTopic[] =>
      topics.all.filter((t) => t.use === use && (t.channelUuid === null || t.channelUuid === channelUuid));
    const communityVectors = vectors.contentTopics.filter(
      (v) => v.chatId.startsWith(communityId) || v.use === 'requestsToControlNode',
    );
    expect(communityVectors).toHaveLength(7);
    for (const vector of communityVectors) {
      const [topic, ...rest] = byUse(vector.use);
      expect(rest).toHaveLength(0);
      expect(topic?.chatId).toBe(vector.chatId);
      expect(topic?.contentTopic).toBe(vector.contentTopic);
      expect(topic?.symKey === null || topic?.symKey === undefined ? null : bytesToHex(topic.symKey)).toBe(
        vector.symKey,
      );
      expect(topic?.encryption).toBe(vector.symKey === null ? 'ecies' : 'symmetric');
    }
  });

  it('names each topic and indexes channels by UUID', () => {
    expect(topics.communityId).toBe(communityId);
    expect(topics.description.chatId).toBe(communityId);
    expect(topics.memberUpdate.use).toBe('memberUpdate');
    expect(topics.requestsToControlNode.symKey).toBeNull();
    expect([...topics.channels.keys()]).toEqual([channelUuid, otherUuid]);
    expect(topics.channels.get(otherUuid)?.chatId).toBe(communityId + otherUuid);
    expect(topics.channels.get(otherUuid)?.channelUuid).toBe(otherUuid);
    expect(topics.all).toHaveLength(8);
    expect(topics.all.map((t) => t.use).slice(0, 6)).toEqual([
      'description',
      'memberUpdate',
      'shardInfo',
      'ping',
      'magnetlinks',
      'requestsToControlNode',
    ]);
  });

  it('finds topics by content topic', () => {
    expect(topics.findByContentTopic('/waku/1/0x838e628f/rfc26')).toEqual([topics.memberUpdate]);
    expect(topics.findByContentTopic(topics.channels.get(otherUuid)?.contentTopic ?? '')).toHaveLength(1);
    expect(topics.findByContentTopic('/waku/1/0x00000000/rfc26')).toEqual([]);
  });

  it('derives symmetric keys through the given key source, on read', () => {
    const asked: string[] = [];
    const custom = communityTopics(communityId, [], {
      symKeyFor: (chatId) => {
        asked.push(chatId);
        return new Uint8Array(32);
      },
    });
    expect(custom.ok).toBe(true);
    expect(asked).toEqual([]);
    if (custom.ok) expect(custom.value.ping.symKey).toEqual(new Uint8Array(32));
    expect(asked).toEqual([communityId + '-ping']);
  });

  it('is built without channels too', () => {
    const bare = communityTopics(communityId);
    expect(bare.ok && bare.value.all).toHaveLength(6);
  });

  it('rejects a bad community ID or channel UUID', () => {
    const badId = communityTopics(communityId.toUpperCase());
    expect(badId.ok || badId.error.code).toBe(ErrorCode.INVALID_CHAT_ID);
    const badChannel = communityTopics(communityId, ['-ping']);
    expect(badChannel.ok || badChannel.error.code).toBe(ErrorCode.INVALID_CHAT_ID);
    const emptyChannel = communityTopics(communityId, ['']);
    expect(emptyChannel.ok || emptyChannel.error.code).toBe(ErrorCode.INVALID_CHAT_ID);
  });
});
