import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { bytesToHex, hexToBytesOrThrow, publicKeyFromPrivateKey } from '@status-communities/crypto';
import { ErrorCode } from '@status-communities/errors';
import {
  COMMUNITY_ID_LENGTH,
  channelChatId,
  channelUuidFromChatId,
  checkChannelUuid,
  communityIdFromPublicKey,
  controlNodeRequestsChatId,
  isChannelUuid,
  magnetlinksChatId,
  memberIdFromPublicKey,
  memberUpdateChatId,
  parseChannelChatId,
  parseCommunityId,
  parseMemberId,
  partitionedChatId,
  pingChatId,
  shardInfoChatId,
} from './chat-ids.js';

interface Vectors {
  keys: Record<
    'community' | 'member' | 'other',
    { private: string; compressed?: string; uncompressed: string }
  >;
  contentTopics: { use: string; chatId: string }[];
}
const vectors = JSON.parse(
  readFileSync(new URL('../../../../../shared/vectors/status-wire.json', import.meta.url), 'utf8'),
) as Vectors;

const community = vectors.keys.community;
const communityId = community.compressed ?? '';
const vectorChatId = (use: string): string => {
  const found = vectors.contentTopics.find((v) => v.use === use);
  if (!found) throw new Error(`no vector ${use}`);
  return found.chatId;
};
const legacyChannelChatId = vectorChatId('legacyChannel');
const channelUuid = legacyChannelChatId.slice(COMMUNITY_ID_LENGTH);
// x = 5: x^3 + 7 = 132 is not a square modulo p, so no secp256k1 point has this X.
const OFF_CURVE_COMPRESSED = '0x02' + '0'.repeat(63) + '5';

// Deterministic pseudo-random source, so a failing fuzz case can be replayed.
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

describe('community ID', () => {
  it('is 0x + compressed hex, from the compressed or the uncompressed key', () => {
    expect(communityIdFromPublicKey(hexToBytesOrThrow(community.uncompressed))).toEqual({
      ok: true,
      value: communityId,
    });
    expect(communityIdFromPublicKey(hexToBytesOrThrow(communityId))).toEqual({
      ok: true,
      value: communityId,
    });
    expect(communityIdFromPublicKey(publicKeyFromPrivateKey(hexToBytesOrThrow(community.private)))).toEqual({
      ok: true,
      value: communityId,
    });
    expect(communityId).toHaveLength(COMMUNITY_ID_LENGTH);
  });

  it('rejects bytes that are not a key', () => {
    const result = communityIdFromPublicKey(hexToBytesOrThrow(OFF_CURVE_COMPRESSED));
    expect(result.ok || result.error.code).toBe(ErrorCode.INVALID_KEY);
    const short = communityIdFromPublicKey(new Uint8Array(10));
    expect(short.ok || short.error.code).toBe(ErrorCode.INVALID_KEY);
  });

  it('parses the canonical string to the compressed key', () => {
    const parsed = parseCommunityId(communityId);
    expect(parsed.ok && bytesToHex(parsed.value.publicKey)).toBe(communityId.slice(2));
    expect(parsed.ok && parsed.value.communityId).toBe(communityId);
  });

  it.each([
    ['uppercase hex', '0x' + communityId.slice(2).toUpperCase()],
    ['no 0x', communityId.slice(2)],
    ['uncompressed form', community.uncompressed],
    ['too short', communityId.slice(0, -2)],
    ['trailing text', communityId + '-ping'],
    ['04 prefix at compressed length', '0x04' + communityId.slice(4)],
    ['empty', ''],
  ])('rejects %s as INVALID_CHAT_ID', (_name, text) => {
    const parsed = parseCommunityId(text);
    expect(parsed.ok || parsed.error.code).toBe(ErrorCode.INVALID_CHAT_ID);
  });

  it('rejects a well-formed string that is not on the curve as INVALID_KEY', () => {
    const parsed = parseCommunityId(OFF_CURVE_COMPRESSED);
    expect(parsed.ok || parsed.error.code).toBe(ErrorCode.INVALID_KEY);
  });
});

describe('community chat IDs', () => {
  it('match the vectors for every suffix', () => {
    expect(memberUpdateChatId(communityId)).toBe(vectorChatId('memberUpdate'));
    expect(shardInfoChatId(communityId)).toBe(vectorChatId('shardInfo'));
    expect(pingChatId(communityId)).toBe(vectorChatId('ping'));
    expect(magnetlinksChatId(communityId)).toBe(vectorChatId('magnetlinks'));
    expect(channelChatId(communityId, channelUuid)).toBe(legacyChannelChatId);
  });

  it('request topic chat ID is the uncompressed hex without 0x (130 chars)', () => {
    const fromCompressed = controlNodeRequestsChatId(hexToBytesOrThrow(communityId));
    expect(fromCompressed).toEqual({ ok: true, value: vectorChatId('requestsToControlNode') });
    expect(fromCompressed.ok && fromCompressed.value).toHaveLength(130);
    expect(controlNodeRequestsChatId(hexToBytesOrThrow(community.uncompressed))).toEqual(fromCompressed);
    const bad = controlNodeRequestsChatId(new Uint8Array(65));
    expect(bad.ok || bad.error.code).toBe(ErrorCode.INVALID_KEY);
  });
});

describe('channel chat IDs', () => {
  it('split back into community ID and channel UUID', () => {
    expect(parseChannelChatId(legacyChannelChatId)).toEqual({
      ok: true,
      value: { communityId, channelUuid },
    });
    expect(channelUuidFromChatId(legacyChannelChatId)).toEqual({ ok: true, value: channelUuid });
    expect(isChannelUuid(channelUuid)).toBe(true);
  });

  it.each([
    ['the bare community ID', communityId],
    ['the member-update chat ID', vectorChatId('memberUpdate')],
    ['the shard-info chat ID', vectorChatId('shardInfo')],
    ['the ping chat ID', vectorChatId('ping')],
    ['the magnetlinks chat ID', vectorChatId('magnetlinks')],
    ['a partitioned chat ID', 'contact-discovery-4159'],
  ])('rejects %s', (_name, chatId) => {
    const parsed = channelUuidFromChatId(chatId);
    expect(parsed.ok || parsed.error.code).toBe(ErrorCode.INVALID_CHAT_ID);
  });

  it('keeps non-UUID channel keys from the network but not empty or reserved ones', () => {
    expect(checkChannelUuid('general')).toEqual({ ok: true, value: 'general' });
    expect(checkChannelUuid('').ok).toBe(false);
    expect(checkChannelUuid('-memberUpdate').ok).toBe(false);
  });

  it('recognises status-go channel UUIDs only', () => {
    expect(isChannelUuid('003cdcd5-e065-48f9-b166-b1a94ac75a11')).toBe(true);
    expect(isChannelUuid('003CDCD5-E065-48F9-B166-B1A94AC75A11')).toBe(false);
    expect(isChannelUuid('003cdcd5-e065-48f9-c166-b1a94ac75a11')).toBe(false);
    expect(isChannelUuid('003cdcd5e06548f9b166b1a94ac75a11')).toBe(false);
  });
});

describe('partitioned chat ID', () => {
  it('matches the wire vectors (X mod 5000)', () => {
    expect(partitionedChatId(hexToBytesOrThrow(vectors.keys.member.uncompressed))).toEqual({
      ok: true,
      value: 'contact-discovery-4159',
    });
    expect(partitionedChatId(hexToBytesOrThrow(vectors.keys.other.uncompressed))).toEqual({
      ok: true,
      value: 'contact-discovery-3552',
    });
  });

  it("matches status-go's fixed keys (SG protocol/transport/filters_manager_test.go)", () => {
    const cases: [string, number][] = [
      ['c6cbd7d76bc5baca530c875663711b947efa6a86a900a9e8645ce32e5821484e', 4490],
      ['d51dd64ad19ea84968a308dca246012c00d2b2101d41bce740acd1c650acc509', 3991],
    ];
    for (const [priv, partition] of cases) {
      const uncompressed = publicKeyFromPrivateKey(hexToBytesOrThrow(priv));
      const compressed = publicKeyFromPrivateKey(hexToBytesOrThrow(priv), { compressed: true });
      expect(partitionedChatId(uncompressed)).toEqual({ ok: true, value: `contact-discovery-${partition}` });
      expect(partitionedChatId(compressed)).toEqual({ ok: true, value: `contact-discovery-${partition}` });
    }
  });

  it('rejects a non-key', () => {
    const result = partitionedChatId(new Uint8Array(33));
    expect(result.ok || result.error.code).toBe(ErrorCode.INVALID_KEY);
  });
});

describe('member IDs', () => {
  it('are 0x04 + uncompressed hex and parse back', () => {
    const member = vectors.keys.member;
    expect(memberIdFromPublicKey(hexToBytesOrThrow(member.compressed ?? ''))).toEqual({
      ok: true,
      value: member.uncompressed,
    });
    const parsed = parseMemberId(member.uncompressed);
    expect(parsed.ok && '0x' + bytesToHex(parsed.value)).toBe(member.uncompressed);
  });

  it('rejects other forms', () => {
    for (const text of [
      vectors.keys.member.compressed ?? '',
      vectors.keys.member.uncompressed.toUpperCase(),
      '',
    ]) {
      const parsed = parseMemberId(text);
      expect(parsed.ok || parsed.error.code).toBe(ErrorCode.INVALID_KEY);
    }
    const offCurve = parseMemberId('0x04' + '11'.repeat(64));
    expect(offCurve.ok || offCurve.error.code).toBe(ErrorCode.INVALID_KEY);
  });
});

describe('parsers on random input', () => {
  it('return typed errors, never throw', () => {
    const random = seeded(56);
    const alphabet = '0123456789abcdefABCDEFx-_/#zQ3 \u00e9\u{1f600}';
    for (let i = 0; i < 500; i++) {
      const length = Math.floor(random() * 140);
      let text = random() < 0.5 ? '0x0' + (random() < 0.5 ? '2' : '3') : '';
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(random() * alphabet.length)] ?? '';
      for (const result of [parseCommunityId(text), parseChannelChatId(text), parseMemberId(text)]) {
        if (!result.ok)
          expect([ErrorCode.INVALID_CHAT_ID, ErrorCode.INVALID_KEY]).toContain(result.error.code);
      }
      const bytes = new Uint8Array(Math.floor(random() * 70)).map(() => Math.floor(random() * 256));
      for (const result of [
        communityIdFromPublicKey(bytes),
        partitionedChatId(bytes),
        memberIdFromPublicKey(bytes),
      ])
        if (!result.ok) expect(result.error.code).toBe(ErrorCode.INVALID_KEY);
    }
  });
});
