import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { hexToBytesOrThrow, publicKeyToHex, symKeyFor } from '@status-communities/crypto';
import { ErrorCode, unwrap } from '@status-communities/errors';
import { SecretKey } from '@status-communities/keyring';
import { bigIntToUint64, encodeProto, waku } from '@status-communities/proto';
import {
  DEFAULT_SHARD_PROFILE,
  SegmentAssembler,
  contentTopicForChatId,
  decodeStatusMessage,
  readCommunityDescription,
  shardInfoChatId,
  verifyCommunityPublicShardInfo,
} from '@status-communities/protocol';
import type { WakuPayload } from '@status-communities/queue';
import { SEGMENT_ENVELOPE_ALLOWANCE } from '../config.js';
import type { PublishState } from '../state.js';
import { descriptionInput } from './description-input.js';
import { encodeDescription } from './encode-description.js';

const key = SecretKey.generate();
const communityId = key.compressedPublicKeyHex;
const ownerKey = key.publicKeyHex;
const memberKeys = Array.from({ length: 40 }, () => SecretKey.generate().publicKeyHex);
const general = randomUUID();

const state = (overrides: Partial<PublishState['community']> = {}): PublishState => ({
  community: {
    id: communityId,
    tenantId: null,
    keyId: randomUUID(),
    name: 'Pure',
    description: 'Encoded without I/O',
    color: '#887af9',
    emoji: '',
    tags: ['Art'],
    access: 'MANUAL_ACCEPT',
    ensOnly: false,
    introMessage: '',
    outroMessage: '',
    pinMessageAllMembersEnabled: true,
    encrypted: false,
    shard: null,
    clock: 1_732_531_200_000,
    ...overrides,
  },
  channels: [
    {
      uuid: general,
      name: 'general',
      description: '',
      emoji: '',
      color: '#000000',
      categoryId: 'talk',
      position: 0,
      viewersCanPostReactions: true,
      hideIfPermissionsNotMet: false,
      encrypted: false,
      deleted: false,
    },
  ],
  categories: [{ categoryId: 'talk', name: 'Talk', position: 0, deleted: false }],
  images: [],
  members: [
    { memberKey: ownerKey, roles: ['OWNER'], lastUpdateClock: 0 },
    ...memberKeys.map((memberKey) => ({ memberKey, roles: [], lastUpdateClock: 0 })),
  ],
  bans: [{ memberKey: `0x04${'99'.repeat(64)}`, deleteAllMessages: true }],
  lastPublishedClock: null,
  lastPublishedAt: null,
  lastDescription: null,
});

const encode = (publishState: PublishState, maxSegmentBytes = 100_000) =>
  encodeDescription({
    input: descriptionInput(publishState),
    communityKey: key.reveal(),
    shard: publishState.community.shard,
    profile: DEFAULT_SHARD_PROFILE,
    maxSegmentBytes,
  });

const decodeAll = (messages: readonly WakuPayload[], chatId: string) => {
  const assembler = new SegmentAssembler();
  return messages
    .map((message) =>
      unwrap(
        decodeStatusMessage(
          message.payload,
          { symKey: symKeyFor(chatId) },
          { segments: { assembler, nowMs: 0 } },
        ),
      ),
    )
    .filter((decoded) => decoded.kind === 'message');
};

describe('encoding a description as the control node publishes it', () => {
  it('signs it with the community key and encrypts it separately for each description shard', () => {
    const encoded = unwrap(encode(state()));
    expect(encoded.messages.map((message) => message.pubsubTopic)).toEqual([
      '/waku/2/rs/16/128',
      '/waku/2/rs/16/32',
    ]);
    expect(
      encoded.messages.every((message) => message.contentTopic === contentTopicForChatId(communityId)),
    ).toBe(true);
    expect(encoded.shardInfoMessages).toEqual([]);
    expect(encoded.segments).toBe(1);
    const [first, second] = encoded.messages;
    expect(Buffer.from(first?.payload ?? []).equals(Buffer.from(second?.payload ?? []))).toBe(false);

    const decoded = decodeAll(encoded.messages, communityId);
    expect(decoded).toHaveLength(2);
    for (const message of decoded) {
      if (message.kind !== 'message' || message.typeName !== 'COMMUNITY_DESCRIPTION')
        throw new Error('not a description');
      expect(publicKeyToHex(message.signer)).toBe(ownerKey);
      expect(message.messageId).toBe(encoded.messageId);
      expect(Buffer.from(message.applicationMessage).equals(Buffer.from(encoded.applicationMessage))).toBe(
        true,
      );
      const description = unwrap(readCommunityDescription(message.message, communityId));
      expect(description.members.size).toBe(41);
      expect(description.permissions.access).toBe('MANUAL_ACCEPT');
      expect(description.bannedMembers.get(`0x04${'99'.repeat(64)}`)).toEqual({ deleteAllMessages: true });
      expect(description.channels.get(general)?.categoryId).toBe('talk');
      expect(description.adminSettings.pinMessageAllMembersEnabled).toBe(true);
    }
    // Deterministic: the same state signs to the same AMM (RFC 6979), whatever the envelopes.
    expect(unwrap(encode(state())).applicationMessage).toEqual(encoded.applicationMessage);
  });

  it("publishes on the community's own shard only, with shard info on 64 for the same clock", () => {
    const shard = { cluster: 16, index: 600 };
    const encoded = unwrap(encode(state({ shard })));
    expect(encoded.messages.map((message) => message.pubsubTopic)).toEqual(['/waku/2/rs/16/600']);
    expect(encoded.shardInfoMessages.map((message) => [message.pubsubTopic, message.contentTopic])).toEqual([
      ['/waku/2/rs/16/64', contentTopicForChatId(shardInfoChatId(communityId))],
    ]);
    const [info] = decodeAll(encoded.shardInfoMessages, shardInfoChatId(communityId));
    if (info?.kind !== 'message') throw new Error('no shard info');
    expect(
      unwrap(verifyCommunityPublicShardInfo(info.payload, { communityId: hexToBytesOrThrow(communityId) })),
    ).toMatchObject({ clock: 1_732_531_200_000, shard });
  });

  it('segments above the size limit, every Waku message within segment size plus the allowance', () => {
    const maxSegmentBytes = 1_024;
    const encoded = unwrap(encode(state(), maxSegmentBytes));
    expect(encoded.segments).toBe(Math.ceil(encoded.applicationMessage.length / maxSegmentBytes));
    expect(encoded.messages).toHaveLength(encoded.segments * 2);
    for (const message of encoded.messages) {
      const wakuMessage = encodeProto(waku.WakuMessage, {
        payload: message.payload,
        contentTopic: message.contentTopic,
        version: 1,
        timestamp: bigIntToUint64(BigInt(Date.now()) * 1_000_000n),
      });
      expect(wakuMessage.length).toBeLessThanOrEqual(maxSegmentBytes + SEGMENT_ENVELOPE_ALLOWANCE);
    }
    // A reader on both shards assembles the description once; a reader on either shard assembles it too.
    expect(decodeAll(encoded.messages, communityId)).toHaveLength(1);
    for (const topic of ['/waku/2/rs/16/128', '/waku/2/rs/16/32']) {
      const onTopic = encoded.messages.filter((message) => message.pubsubTopic === topic);
      const decoded = decodeAll(onTopic, communityId);
      expect(decoded.map((message) => message.kind === 'message' && message.layers)).toEqual([['segments']]);
    }
  });

  it('refuses to sign a description status-go would reject', () => {
    const broken = state();
    const encoded = encode({
      ...broken,
      channels: broken.channels.map((channel) => ({ ...channel, categoryId: 'missing' })),
    });
    expect(!encoded.ok && [encoded.error.code, encoded.error.details['reason']]).toEqual([
      ErrorCode.INVALID_DESCRIPTION,
      'chat-unknown-category',
    ]);
  });
});
