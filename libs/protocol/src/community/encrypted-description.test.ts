import { describe, expect, it } from '@jest/globals';
import {
  bytesToHex,
  encryptWithHashRatchet,
  hexToBytesOrThrow,
  keyIdOf,
  publicKeyFromPrivateKey,
  publicKeyToHex,
  type HashRatchetKey,
} from '@status-communities/crypto';
import { decodeProto, encodeProto, status } from '@status-communities/proto';
import { indexHashRatchetKeys } from '../messages/hash-ratchet-messages.js';
import { withChannelMembersBloomFilters } from './channel-members-bloom.js';
import {
  HASH_RATCHET_MESSAGE_TYPES,
  channelGroupId,
  channelMessageGroupId,
  decryptCommunityDescription,
  encryptCommunityDescription,
  parsePrivateDataKey,
  privateDataKey,
} from './encrypted-description.js';

// encrypted-communities.md §7.2: community key 01×32, hrKey 04×32, timestamp 1700000000000.
const communityPriv = new Uint8Array(32).fill(1);
const communityId = '0x031b84c5567b126440995d3ed5aaba0565d71e1834604819ff9c17f5e9d5dd078f';
const gatedChannel = 'c0ffee00-0000-4000-8000-000000000001';
const openChannel = 'c0ffee00-0000-4000-8000-000000000002';
const memberIds = [2, 3, 5].map((fill) =>
  publicKeyToHex(publicKeyFromPrivateKey(new Uint8Array(32).fill(fill))),
);
const communityKey: HashRatchetKey = {
  groupId: hexToBytesOrThrow(communityId),
  key: new Uint8Array(32).fill(4),
  timestampMs: 1_700_000_000_000n,
};
const channelKey: HashRatchetKey = {
  groupId: channelGroupId(communityId, gatedChannel),
  key: new Uint8Array(32).fill(6),
  timestampMs: 1_700_000_000_005n,
};
const Type = status.CommunityTokenPermission.Type;
const criteria = [
  { type: status.CommunityTokenType.ERC20, contractAddresses: { '1': '0xabc' }, amountInWei: '1' },
];

const description = (becomeMember: boolean): status.CommunityDescription =>
  status.CommunityDescription.create({
    clock: 7,
    ID: communityId,
    identity: { displayName: 'Gated' },
    members: Object.fromEntries(memberIds.map((id) => [id, { roles: [] }])),
    activeMembersCount: 3,
    chats: {
      [gatedChannel]: {
        identity: { displayName: 'vip' },
        members: Object.fromEntries(memberIds.slice(0, 2).map((id) => [id, { channelRole: 0 }])),
        categoryId: 'cat',
      },
      [openChannel]: {
        identity: { displayName: 'general' },
        members: Object.fromEntries(memberIds.map((id) => [id, {}])),
      },
    },
    categories: { cat: { categoryId: 'cat', name: 'Members only', position: 0 } },
    tokenPermissions: {
      ...(becomeMember && { join: { id: 'join', type: Type.BECOME_MEMBER, tokenCriteria: criteria } }),
      vip: {
        id: 'vip',
        type: Type.CAN_VIEW_AND_POST_CHANNEL,
        tokenCriteria: criteria,
        chatIds: [communityId + gatedChannel],
      },
    },
  });

const keys = {
  community: { key: communityKey, seqNo: 1 },
  channels: { [gatedChannel]: { key: channelKey, seqNo: 4 } },
};
const encrypt = (becomeMember = true) => {
  const result = encryptCommunityDescription(description(becomeMember), keys);
  if (!result.ok) throw result.error;
  return result.value;
};
const communityEntry = privateDataKey(keyIdOf(communityKey), 1);
const channelEntry = privateDataKey(keyIdOf(channelKey), 4);

describe('privateData keys', () => {
  it('hex(keyId) + decimal seq_no: the vector for seq 1', () => {
    expect(communityEntry).toBe('d62266671543e1ca75fbfe0dece3e9390967578d2ceb8bee1edc36e78e4763341');
    const parsed = parsePrivateDataKey(communityEntry);
    expect(parsed.ok && [bytesToHex(parsed.value.keyId), parsed.value.seqNo]).toEqual([
      'd62266671543e1ca75fbfe0dece3e9390967578d2ceb8bee1edc36e78e476334',
      1,
    ]);
  });

  it.each([
    ['no seq_no', 'd62266671543e1ca75fbfe0dece3e9390967578d2ceb8bee1edc36e78e476334'],
    ['non-hex key id', 'x'.repeat(64) + '1'],
    ['signed seq_no', 'a'.repeat(64) + '-1'],
    ['seq_no beyond uint32', 'a'.repeat(64) + '4294967296'],
    ['short', 'abc1'],
  ])('refuses %s', (_why, text) => {
    const parsed = parsePrivateDataKey(text);
    expect(!parsed.ok && parsed.error.code).toBe('MALFORMED_PAYLOAD');
  });
});

describe('encryptCommunityDescription', () => {
  it('leaves an open community (no token permission naming anything) unchanged', () => {
    const open = status.CommunityDescription.create({ ...description(false), tokenPermissions: {} });
    const result = encryptCommunityDescription(open, {});
    expect(result.ok && Object.keys(result.value.privateData)).toEqual([]);
    expect(result.ok && Object.keys(result.value.members)).toHaveLength(3);
  });

  it('encrypted community: members, chats, categories and count leave the clear; identity and permissions stay', () => {
    const sealed = encrypt();
    expect(sealed.members).toEqual({});
    expect(sealed.chats).toEqual({});
    expect(sealed.categories).toEqual({});
    expect(Number(sealed.activeMembersCount)).toBe(0);
    expect(sealed.identity?.displayName).toBe('Gated');
    expect(Object.keys(sealed.tokenPermissions).sort()).toEqual(['join', 'vip']);
    expect(Object.keys(sealed.privateData).sort()).toEqual([channelEntry, communityEntry].sort());
  });

  it('seals the channel first ({chats: {uuid: chat with members}}), then the community part with that channel stripped', () => {
    const sealed = encrypt();
    const lookup = indexHashRatchetKeys([communityKey, channelKey]);
    const channelPart = decryptCommunityDescription(
      status.CommunityDescription.create({
        privateData: { [channelEntry]: sealed.privateData[channelEntry]! },
      }),
      lookup,
    ).description;
    expect(Object.keys(channelPart.chats)).toEqual([gatedChannel]);
    expect(Object.keys(channelPart.chats[gatedChannel]?.members ?? {})).toEqual(memberIds.slice(0, 2));
    const communityPart = decryptCommunityDescription(
      status.CommunityDescription.create({
        privateData: { [communityEntry]: sealed.privateData[communityEntry]! },
      }),
      lookup,
    ).description;
    expect(communityPart.chats[gatedChannel]?.members).toEqual({});
    expect(communityPart.chats[gatedChannel]?.identity?.displayName).toBe('vip');
    // A channel without permissions travels dehydrated (receivers give it every member).
    expect(communityPart.chats[openChannel]?.members).toEqual({});
    expect(Object.keys(communityPart.members)).toEqual(memberIds);
    expect(Number(communityPart.activeMembersCount)).toBe(3);
    expect(Object.keys(communityPart.categories)).toEqual(['cat']);
  });

  it('a community without BECOME_MEMBER keeps members in the clear and seals only the gated channel', () => {
    const sealed = encrypt(false);
    expect(Object.keys(sealed.members)).toEqual(memberIds);
    expect(Object.keys(sealed.privateData)).toEqual([channelEntry]);
    expect(sealed.chats[gatedChannel]?.members).toEqual({});
    expect(sealed.chats[gatedChannel]?.identity?.displayName).toBe('vip');
  });

  it('carries the bloom filters set before it', () => {
    const withFilters = withChannelMembersBloomFilters(description(false), communityPriv);
    if (!withFilters.ok) throw withFilters.error;
    const sealed = encryptCommunityDescription(withFilters.value, keys);
    expect(sealed.ok && sealed.value.chats[gatedChannel]?.membersList?.k).toBe(10);
    expect(sealed.ok && sealed.value.chats[openChannel]?.membersList).toBeFalsy();
  });

  it('HASH_RATCHET_KEY_NOT_FOUND without a key for a group that must be sealed; a key of another group is a bug', () => {
    const noCommunity = encryptCommunityDescription(description(true), { channels: keys.channels });
    expect(!noCommunity.ok && noCommunity.error.code).toBe('HASH_RATCHET_KEY_NOT_FOUND');
    const noChannel = encryptCommunityDescription(description(true), { community: keys.community });
    expect(!noChannel.ok && noChannel.error.code).toBe('HASH_RATCHET_KEY_NOT_FOUND');
    expect(() =>
      encryptCommunityDescription(description(true), { ...keys, community: { key: channelKey, seqNo: 1 } }),
    ).toThrow('another group');
  });
});

describe('decryptCommunityDescription', () => {
  it('round trip through the wire: with every key the member sees what the control node had', () => {
    const wire = encodeProto(status.CommunityDescription, encrypt());
    const received = decodeProto(status.CommunityDescription, wire);
    if (!received.ok) throw received.error;
    const { description: opened, undecrypted } = decryptCommunityDescription(
      received.value,
      indexHashRatchetKeys([communityKey, channelKey]),
    );
    expect(undecrypted).toEqual([]);
    const original = description(true);
    expect(Object.keys(opened.members)).toEqual(Object.keys(original.members));
    expect(Number(opened.activeMembersCount)).toBe(3);
    expect(Object.keys(opened.chats[gatedChannel]?.members ?? {})).toEqual(memberIds.slice(0, 2));
    expect(opened.chats[openChannel]?.members).toEqual({});
    expect(opened.categories['cat']?.name).toBe('Members only');
  });

  it('with the community key only: members and channels, but the gated channel without members; the missing key is named', () => {
    const { description: opened, undecrypted } = decryptCommunityDescription(
      encrypt(),
      indexHashRatchetKeys([communityKey]),
    );
    expect(Object.keys(opened.members)).toEqual(memberIds);
    expect(opened.chats[gatedChannel]?.members).toEqual({});
    expect(undecrypted.map((u) => [u.entry, u.error.code, u.keyId && bytesToHex(u.keyId)])).toEqual([
      [channelEntry, 'HASH_RATCHET_KEY_NOT_FOUND', bytesToHex(keyIdOf(channelKey))],
    ]);
  });

  it('without keys: nothing merged, both entries listed', () => {
    const { description: opened, undecrypted } = decryptCommunityDescription(
      encrypt(),
      indexHashRatchetKeys([]),
    );
    expect(opened.members).toEqual({});
    expect(undecrypted.map((u) => u.error.code)).toEqual([
      'HASH_RATCHET_KEY_NOT_FOUND',
      'HASH_RATCHET_KEY_NOT_FOUND',
    ]);
  });

  it('garbage privateData is listed with a typed error and the readable entries still merge', () => {
    const sealed = encrypt();
    const tampered = sealed.privateData[channelEntry]!.slice();
    tampered[0] = (tampered[0] ?? 0) ^ 1;
    const notAProto = encryptWithHashRatchet(communityKey.key, 9, new Uint8Array([0xff, 0xff, 0xff]));
    const garbage = status.CommunityDescription.create({
      ...sealed,
      privateData: {
        [communityEntry]: sealed.privateData[communityEntry]!,
        [channelEntry]: tampered,
        [privateDataKey(keyIdOf(communityKey), 100_001)]: new Uint8Array(40),
        [privateDataKey(keyIdOf(communityKey), 9)]: notAProto,
        'not-a-key': new Uint8Array(40),
      },
    });
    const { description: opened, undecrypted } = decryptCommunityDescription(
      garbage,
      indexHashRatchetKeys([communityKey, channelKey]),
    );
    expect(Object.keys(opened.members)).toEqual(memberIds);
    expect(undecrypted.map((u) => u.error.code).sort()).toEqual(
      ['DECRYPTION_FAILED', 'HASH_RATCHET_SEQ_NO_TOO_HIGH', 'MALFORMED_PAYLOAD', 'MALFORMED_PROTOBUF'].sort(),
    );
  });

  it('takes only members, chats, categories and count from a decrypted part, and keeps "__proto__" a key', () => {
    const part = status.CommunityDescription.create({
      identity: { displayName: 'forged' },
      members: { ['__proto__']: { roles: [1] } },
    });
    const bytes = encodeProto(status.CommunityDescription, part);
    const entry = privateDataKey(keyIdOf(communityKey), 2);
    const { description: opened } = decryptCommunityDescription(
      status.CommunityDescription.create({
        identity: { displayName: 'real' },
        privateData: { [entry]: encryptWithHashRatchet(communityKey.key, 2, bytes) },
      }),
      indexHashRatchetKeys([communityKey]),
    );
    expect(opened.identity?.displayName).toBe('real');
    expect(Object.keys(opened.members)).toEqual(['__proto__']);
  });
});

describe('which key encrypts channel messages', () => {
  const groupOf = (becomeMember: boolean, uuid: string) => {
    const result = channelMessageGroupId(description(becomeMember), uuid);
    if (!result.ok) throw result.error;
    return result.value && bytesToHex(result.value);
  };

  it('the channel group for a gated channel, else the community group if the community is encrypted, else none', () => {
    expect(groupOf(true, gatedChannel)).toBe(bytesToHex(channelKey.groupId));
    expect(groupOf(false, gatedChannel)).toBe(bytesToHex(channelKey.groupId));
    expect(groupOf(true, openChannel)).toBe(bytesToHex(communityKey.groupId));
    expect(groupOf(false, openChannel)).toBeUndefined();
  });

  it('refuses a description without a valid ID', () => {
    const result = channelMessageGroupId(status.CommunityDescription.create({ ID: '0x00' }), openChannel);
    expect(!result.ok && result.error.code).toBe('INVALID_DESCRIPTION');
  });

  it('encrypts chat messages, edits, deletes, pins and reactions — nothing else', () => {
    const Type = status.ApplicationMetadataMessage.Type;
    expect([...HASH_RATCHET_MESSAGE_TYPES].sort((a, b) => a - b)).toEqual([
      Type.CHAT_MESSAGE,
      Type.EMOJI_REACTION,
      Type.PIN_MESSAGE,
      Type.EDIT_MESSAGE,
      Type.DELETE_MESSAGE,
    ]);
  });
});
