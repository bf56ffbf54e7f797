import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import {
  decodeProto,
  encodeProto,
  status,
  sds,
  waku,
  uint64ToBigInt,
  uint64ToNumber,
  bigIntToUint64,
} from './index.js';

const vectors = JSON.parse(
  readFileSync(new URL('../../../../shared/vectors/status-wire.json', import.meta.url), 'utf8'),
) as {
  keys: { community: { compressed: string } };
  applicationMetadataMessages: { payload: string; signature: string; ammBytes: string; type: number }[];
};

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const bytes = (h: string): Uint8Array => new Uint8Array(Buffer.from(h.replace(/^0x/, ''), 'hex'));
const [leaveVector, chatVector] = vectors.applicationMetadataMessages;

describe('ApplicationMetadataMessage', () => {
  it('decodes the vectors into signature, payload and type, and re-encodes byte-identically', () => {
    for (const vector of vectors.applicationMetadataMessages) {
      const amm = status.ApplicationMetadataMessage.decode(bytes(vector.ammBytes));
      expect(hex(amm.signature)).toBe(vector.signature);
      expect(hex(amm.payload)).toBe(vector.payload);
      expect(amm.type).toBe(vector.type);
      expect(hex(encodeProto(status.ApplicationMetadataMessage, amm))).toBe(vector.ammBytes);
    }
  });

  it('numbers the community types as status-go does', () => {
    const T = status.ApplicationMetadataMessage.Type;
    expect([T.CHAT_MESSAGE, T.EMOJI_REACTION, T.COMMUNITY_DESCRIPTION, T.COMMUNITY_REQUEST_TO_JOIN]).toEqual([
      1, 22, 25, 27,
    ]);
    expect([T.PIN_MESSAGE, T.EDIT_MESSAGE, T.DELETE_MESSAGE, T.COMMUNITY_REQUEST_TO_JOIN_RESPONSE]).toEqual([
      28, 29, 31, 48,
    ]);
    expect([
      T.COMMUNITY_REQUEST_TO_LEAVE,
      T.COMMUNITY_CANCEL_REQUEST_TO_JOIN,
      T.COMMUNITY_PUBLIC_SHARD_INFO,
    ]).toEqual([57, 60, 79]);
    expect([
      T.COMMUNITY_USER_KICKED,
      T.DELETE_COMMUNITY_MEMBER_MESSAGES,
      T.COMMUNITY_SHARED_ADDRESSES_RESPONSE,
    ]).toEqual([81, 85, 90]);
  });
});

describe('inner messages of the vectors', () => {
  it('reads CommunityRequestToLeave with its unix-seconds clock', () => {
    const leave = status.CommunityRequestToLeave.decode(bytes(leaveVector!.payload));
    expect(uint64ToNumber(leave.clock)).toBe(1700000000);
    expect('0x' + hex(leave.communityId)).toBe(vectors.keys.community.compressed);
  });

  it('reads a community ChatMessage and writes the same bytes back', () => {
    const message = status.ChatMessage.decode(bytes(chatVector!.payload));
    expect(message.text).toBe('gm from the test vectors');
    expect(message.chatId.startsWith(vectors.keys.community.compressed)).toBe(true);
    expect(message.messageType).toBe(status.MessageType.COMMUNITY_CHAT);
    expect(message.contentType).toBe(status.ChatMessage.ContentType.TEXT_PLAIN);
    expect(uint64ToNumber(message.clock)).toBe(uint64ToNumber(message.timestamp));
    expect(hex(encodeProto(status.ChatMessage, message))).toBe(chatVector!.payload);
  });
});

describe('CommunityDescription', () => {
  const description = status.CommunityDescription.create({
    clock: 1700000000123,
    ID: vectors.keys.community.compressed,
    members: {
      '0x04aa': { roles: [status.CommunityMember.Roles.ROLE_OWNER] },
      '0x04bb': {
        roles: [status.CommunityMember.Roles.ROLE_ADMIN, status.CommunityMember.Roles.ROLE_TOKEN_MASTER],
      },
    },
    permissions: { access: status.CommunityPermissions.Access.MANUAL_ACCEPT, ensOnly: true },
    identity: {
      displayName: 'Vectors',
      description: 'A test community',
      color: '#4360df',
      emoji: '🧪',
      images: { thumbnail: { payload: new Uint8Array([1, 2, 3]), imageFormat: status.ImageFormat.PNG } },
    },
    chats: {
      '5f9c0b2e-1b7d-4c8a-9d51-6a3e2f0c7b14': {
        permissions: { access: status.CommunityPermissions.Access.AUTO_ACCEPT },
        identity: { displayName: 'general' },
        categoryId: 'cat-1',
        position: 2,
        viewersCanPostReactions: true,
      },
    },
    categories: { 'cat-1': { categoryId: 'cat-1', name: 'Main', position: 0 } },
    adminSettings: { pinMessageAllMembersEnabled: true },
    tags: ['Web3', 'Privacy'],
    bannedMembers: { '0x04cc': { deleteAllMessages: true } },
    tokenPermissions: {
      p1: {
        id: 'p1',
        type: status.CommunityTokenPermission.Type.BECOME_MEMBER,
        tokenCriteria: [
          { contractAddresses: { 1: '0xabc' }, type: status.CommunityTokenType.ERC20, symbol: 'SNT' },
        ],
      },
    },
    privateData: { k: new Uint8Array([9]) },
  });

  it('survives a round trip with every sub-message', () => {
    const decoded = status.CommunityDescription.decode(encodeProto(status.CommunityDescription, description));
    const plain = status.CommunityDescription.toObject(decoded, {
      longs: String,
      enums: String,
      bytes: Array,
    });
    expect(plain.clock).toBe('1700000000123');
    expect(plain.ID).toBe(vectors.keys.community.compressed);
    expect(plain.members['0x04bb'].roles).toEqual(['ROLE_ADMIN', 'ROLE_TOKEN_MASTER']);
    expect(plain.permissions).toEqual({ ensOnly: true, access: 'MANUAL_ACCEPT' });
    expect(plain.chats['5f9c0b2e-1b7d-4c8a-9d51-6a3e2f0c7b14'].position).toBe(2);
    expect(plain.categories['cat-1'].name).toBe('Main');
    expect(plain.bannedMembers['0x04cc'].deleteAllMessages).toBe(true);
    expect(plain.tokenPermissions.p1.tokenCriteria[0].contractAddresses['1']).toBe('0xabc');
    expect(plain.identity.images.thumbnail.imageFormat).toBe('PNG');
  });

  it('puts fields at status-go numbers on the wire', () => {
    const onlyId = hex(
      encodeProto(status.CommunityDescription, status.CommunityDescription.create({ ID: 'x' })),
    );
    expect(onlyId).toBe('9201' + '01' + '78'); // field 18, wire type 2
    const onlyPrivate = hex(
      encodeProto(
        status.CommunityDescription,
        status.CommunityDescription.create({ privateData: { a: new Uint8Array([1]) } }),
      ),
    );
    expect(onlyPrivate.startsWith('a206')).toBe(true); // field 100, wire type 2
    expect(status.CommunityMember.Roles.ROLE_ADMIN).toBe(4);
    expect(status.CommunityPermissions.Access.MANUAL_ACCEPT).toBe(3);
  });
});

describe('layers around the AMM', () => {
  it('carries an AMM in ProtocolMessage.public_message (field 102)', () => {
    const amm = bytes(chatVector!.ammBytes);
    const wire = encodeProto(
      status.encryption.ProtocolMessage,
      status.encryption.ProtocolMessage.create({ publicMessage: amm }),
    );
    expect(hex(wire.subarray(0, 2))).toBe('b206');
    expect(hex(status.encryption.ProtocolMessage.decode(wire).publicMessage)).toBe(chatVector!.ammBytes);
  });

  it('carries content in an SDS message (field 20) with optional fields absent when unset', () => {
    const wire = encodeProto(
      sds.Message,
      sds.Message.create({ messageId: 'm', channelId: 'c', content: new Uint8Array([7]) }),
    );
    const decoded = sds.Message.decode(wire);
    expect(Array.from(decoded.content!)).toEqual([7]);
    expect(decoded.lamportTimestamp).toBeNull();
  });

  it('encodes a Waku message with nanosecond timestamps past 2^53', () => {
    const ns = 1_700_000_000_123_456_789n;
    const wire = encodeProto(
      waku.WakuMessage,
      waku.WakuMessage.create({
        payload: new Uint8Array([1]),
        contentTopic: '/waku/1/0x3d9da68f/rfc26',
        version: 1,
        timestamp: bigIntToUint64(ns),
      }),
    );
    const decoded = waku.WakuMessage.decode(wire);
    expect(uint64ToBigInt(decoded.timestamp)).toBe(ns);
    expect(decoded.version).toBe(1);
  });
});

describe('decodeProto', () => {
  it('returns MALFORMED_PROTOBUF with the type name on truncated input', () => {
    const result = decodeProto(
      status.ApplicationMetadataMessage,
      bytes(chatVector!.ammBytes).subarray(0, 40),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('MALFORMED_PROTOBUF');
      expect(result.error.details).toEqual({ type: 'status.ApplicationMetadataMessage' });
    }
  });

  it('never throws on random bytes, for any message type', () => {
    const codecs = [
      status.ApplicationMetadataMessage,
      status.CommunityDescription,
      status.ChatMessage,
      status.encryption.ProtocolMessage,
      sds.Message,
      status.SegmentMessage,
      status.URLData,
      waku.WakuMessage,
    ];
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 2000; round++) {
      const input = new Uint8Array(Math.floor(random() * 200)).map(() => Math.floor(random() * 256));
      for (const codec of codecs) expect(() => decodeProto(codec as never, input)).not.toThrow();
    }
  });
});

describe('uint64 helpers', () => {
  it('turn Long and number into plain values and refuse unsafe numbers', () => {
    expect(uint64ToBigInt(bigIntToUint64(2n ** 63n))).toBe(2n ** 63n);
    expect(uint64ToNumber(5)).toBe(5);
    expect(uint64ToNumber(null)).toBe(0);
    expect(() => uint64ToNumber(bigIntToUint64(2n ** 60n))).toThrow(RangeError);
  });
});
