import { describe, expect, it } from '@jest/globals';
import { ErrorCode, isStatusError, unwrap } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { encodeProto, status, uint64ToBigInt } from '@status-communities/proto';
import { dehydrateChannelMembers, hydrateChannelMembers, isChannelGatedByTokens } from './channel-members.js';
import { buildCommunityDescription } from './description-builder.js';
import { decodeCommunityDescription, readCommunityDescription } from './description-model.js';
import type { CommunityDescriptionInput, TokenPermissionModel } from './description-model.js';
import {
  ANNOUNCEMENTS,
  CATEGORY,
  COMMUNITY_ID,
  GENERAL,
  admin,
  alice,
  channel,
  member,
  memberMap,
  outsider,
  owner,
  roundTrip,
  sampleInput,
  seededBytes,
  tokenMaster,
  vectors,
  viewer,
} from './testing/fixtures.js';

const encode = (input: CommunityDescriptionInput): Uint8Array =>
  encodeProto(status.CommunityDescription, buildCommunityDescription(input));

const reason = (result: Result<unknown>): unknown => (result.ok ? undefined : result.error.details['reason']);

const gatedChannelPermission = (
  chatIds: string[],
  type: TokenPermissionModel['type'],
): TokenPermissionModel => ({
  id: 'gate',
  type,
  criteria: [
    {
      type: 'ERC721',
      contractAddresses: new Map([['10', '0x00000000000000000000000000000000000000aa']]),
      symbol: 'KEY',
      name: 'Key',
      amount: '',
      amountInWei: '1',
      tokenIds: ['18446744073709551615'],
      ensPattern: '',
      decimals: 0,
    },
  ],
  chatIds,
  isPrivate: false,
});

describe('readCommunityDescription', () => {
  it('reads back everything the builder wrote', () => {
    const model = roundTrip(sampleInput());
    expect(model.communityId).toBe(COMMUNITY_ID);
    expect(model.communityKey).toBe(vectors.keys.community.uncompressed);
    expect(model.clock).toBe(1_700_000_000_000);
    expect([...model.members.keys()]).toEqual(
      [owner, admin, tokenMaster, alice].map((key) => key.memberKey).sort(),
    );
    expect(model.members.get(owner.memberKey)?.roles).toEqual(['OWNER']);
    expect(model.members.get(admin.memberKey)?.roles).toEqual(['ADMIN']);
    expect(model.permissions).toEqual({ access: 'AUTO_ACCEPT', ensOnly: false, private: false });
    expect(model.identity.displayName).toBe('Test community');
    expect(model.identity.images.get('thumbnail')).toEqual({
      payload: new Uint8Array([1, 2, 3]),
      format: 'PNG',
      source: 'RAW_PAYLOAD',
      encrypted: false,
    });
    expect(model.tags).toEqual(['Ethereum', 'Privacy']);
    expect(model.introMessage).toBe('welcome');
    expect(model.outroMessage).toBe('bye');
    expect(model.activeMembersCount).toBe(4);
    expect(model.categories.get(CATEGORY)).toEqual({ id: CATEGORY, name: 'News', position: 0 });
    const announcements = model.channels.get(ANNOUNCEMENTS);
    expect(announcements).toMatchObject({
      uuid: ANNOUNCEMENTS,
      chatId: COMMUNITY_ID + ANNOUNCEMENTS,
      name: 'announcements',
      emoji: '💬',
      color: '#4360df',
      categoryId: CATEGORY,
      position: 1,
      viewersCanPostReactions: false,
      hasTokenPermissions: false,
      encrypted: false,
    });
    expect(model.channels.get(GENERAL)?.categoryId).toBeUndefined();
    expect(model.isEncrypted).toBe(false);
    expect(model.tokenOwnerChainId).toBeUndefined();
    expect(model.hasPrivateData).toBe(false);
  });

  it('flags hash-ratchet encrypted parts it cannot show', () => {
    const description = buildCommunityDescription(sampleInput());
    description.privateData = { ['ab'.repeat(32) + '1']: new Uint8Array([1, 2, 3]) };
    expect(unwrap(readCommunityDescription(description, COMMUNITY_ID)).hasPrivateData).toBe(true);
  });

  it('hydrates channels without token permissions with every community member', () => {
    const model = roundTrip(sampleInput());
    for (const uuid of [GENERAL, ANNOUNCEMENTS])
      expect([...(model.channels.get(uuid)?.members.keys() ?? [])]).toEqual([...model.members.keys()]);
  });

  it('keeps the wire member list of token-gated channels, with channel roles', () => {
    const input = sampleInput({
      channels: new Map([
        [
          GENERAL,
          channel(GENERAL, { members: memberMap(member(owner, ['OWNER']), member(viewer, [], 'VIEWER')) }),
        ],
      ]),
      members: memberMap(member(owner, ['OWNER']), member(viewer), member(alice)),
      tokenPermissions: new Map([
        ['gate', gatedChannelPermission([COMMUNITY_ID + GENERAL], 'CAN_VIEW_CHANNEL')],
      ]),
    });
    const model = roundTrip(input);
    const general = model.channels.get(GENERAL);
    expect(general?.hasTokenPermissions).toBe(true);
    expect(general?.encrypted).toBe(true);
    expect([...(general?.members.keys() ?? [])].sort()).toEqual([owner.memberKey, viewer.memberKey].sort());
    expect(general?.members.get(viewer.memberKey)?.channelRole).toBe('VIEWER');
  });

  it('reads token permissions, the encrypted flag and the owner-token chain', () => {
    const input = sampleInput({
      tokenPermissions: new Map([
        ['member', { ...gatedChannelPermission([], 'BECOME_MEMBER'), id: 'member' }],
        ['owner', { ...gatedChannelPermission([], 'BECOME_TOKEN_OWNER'), id: 'owner' }],
      ]),
    });
    const model = roundTrip(input);
    expect(model.isEncrypted).toBe(true);
    expect(model.tokenOwnerChainId).toBe('10');
    const permission = model.tokenPermissions.get('member');
    expect(permission?.type).toBe('BECOME_MEMBER');
    expect(permission?.criteria[0]?.tokenIds).toEqual(['18446744073709551615']);
    expect([...(permission?.criteria[0]?.contractAddresses ?? [])]).toEqual([
      ['10', '0x00000000000000000000000000000000000000aa'],
    ]);
    expect(permission?.criteria[0]?.type).toBe('ERC721');
  });

  it('treats a channel viewable by everyone (CAN_VIEW_CHANNEL without criteria) as unencrypted', () => {
    const open = { ...gatedChannelPermission([COMMUNITY_ID + GENERAL], 'CAN_VIEW_CHANNEL'), criteria: [] };
    const model = roundTrip(sampleInput({ tokenPermissions: new Map([['gate', open]]) }));
    expect(model.channels.get(GENERAL)?.hasTokenPermissions).toBe(true);
    expect(model.channels.get(GENERAL)?.encrypted).toBe(false);
  });

  it('unions banned_members with the deprecated ban_list', () => {
    const description = buildCommunityDescription(
      sampleInput({ bannedMembers: new Map([[outsider.memberKey, { deleteAllMessages: true }]]) }),
    );
    description.banList = [...(description.banList ?? []), viewer.memberKey];
    const model = unwrap(readCommunityDescription(description, COMMUNITY_ID));
    expect([...model.bannedMembers]).toEqual(
      [
        [outsider.memberKey, { deleteAllMessages: true }],
        [viewer.memberKey, { deleteAllMessages: false }],
      ].sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1)),
    );
  });

  it('drops ROLE_NONE and retired roles, keeps known ones once, in a fixed order', () => {
    const description = buildCommunityDescription(sampleInput());
    description.members = {
      ...description.members,
      [alice.memberKey]: { roles: [5, 0, 2, 3, 1, 5] as status.CommunityMember.Roles[] },
    };
    const model = unwrap(readCommunityDescription(description, COMMUNITY_ID));
    expect(model.members.get(alice.memberKey)?.roles).toEqual(['OWNER', 'TOKEN_MASTER']);
  });

  it('reads a channel role outside the enum as UNKNOWN and writes it back as a non-poster value', () => {
    const description = buildCommunityDescription(sampleInput());
    description.members = {
      ...description.members,
      [alice.memberKey]: { channelRole: 9 as status.CommunityMember.ChannelRole },
    };
    const model = unwrap(readCommunityDescription(description, COMMUNITY_ID));
    expect(model.members.get(alice.memberKey)?.channelRole).toBe('UNKNOWN');
    expect(buildCommunityDescription(model).members?.[alice.memberKey]?.channelRole).toBe(2);
  });

  it('drops unknown tags and duplicates instead of refusing them', () => {
    const description = buildCommunityDescription(sampleInput());
    description.tags = ['Cats', 'Art', 'Art'];
    expect(unwrap(readCommunityDescription(description, COMMUNITY_ID)).tags).toEqual(['Art']);
  });

  it('holds the community ID in lowercase whatever the input case', () => {
    const model = unwrap(
      readCommunityDescription(
        buildCommunityDescription(sampleInput()),
        COMMUNITY_ID.toUpperCase().replace('0X', '0x'),
      ),
    );
    expect(model.communityId).toBe(COMMUNITY_ID);
    expect(model.channels.get(GENERAL)?.chatId).toBe(COMMUNITY_ID + GENERAL);
  });

  it('does not modify its input', () => {
    const description = buildCommunityDescription(sampleInput());
    const before = encodeProto(status.CommunityDescription, description);
    unwrap(readCommunityDescription(description, COMMUNITY_ID));
    expect(encodeProto(status.CommunityDescription, description)).toEqual(before);
  });

  it('refuses a description that breaks a shape rule', () => {
    const description = buildCommunityDescription(sampleInput());
    description.permissions = null;
    expect(reason(readCommunityDescription(description, COMMUNITY_ID))).toBe('missing-permissions');
  });

  it('refuses an access number outside the enum', () => {
    const description = buildCommunityDescription(sampleInput());
    description.permissions = { access: 7 as status.CommunityPermissions.Access };
    const result = readCommunityDescription(description, COMMUNITY_ID);
    expect(!result.ok && result.error.code).toBe(ErrorCode.INVALID_DESCRIPTION);
    expect(reason(result)).toBe('unknown-access');
  });

  it('refuses a uint64 beyond 2^53 instead of throwing', () => {
    const description = buildCommunityDescription(sampleInput());
    description.members = { ...description.members, [alice.memberKey]: { lastUpdateClock: 2 ** 60 } };
    expect(reason(readCommunityDescription(description, COMMUNITY_ID))).toBe('uint64-overflow');
  });

  it('refuses a malformed community ID', () => {
    expect(reason(readCommunityDescription(buildCommunityDescription(sampleInput()), 'nope'))).toBe(
      'invalid-community-id',
    );
  });

  it('keeps a "__proto__" member key as a plain key', () => {
    const description = buildCommunityDescription(sampleInput());
    description.members = Object.fromEntries([...Object.entries(description.members), ['__proto__', {}]]);
    const bytes = encodeProto(status.CommunityDescription, description);
    const model = unwrap(readCommunityDescription(unwrap(decodeCommunityDescription(bytes)), COMMUNITY_ID));
    expect(model.members.has('__proto__')).toBe(true);
    expect(model.channels.get(GENERAL)?.members.has('__proto__')).toBe(true);
  });
});

describe('channel member hydration (SG community.go hydrate/dehydrateChannelsMembers)', () => {
  const withGate = () =>
    buildCommunityDescription(
      sampleInput({
        channels: new Map([
          [GENERAL, channel(GENERAL)],
          [ANNOUNCEMENTS, channel(ANNOUNCEMENTS, { members: memberMap(member(owner, ['OWNER'])) })],
        ]),
        tokenPermissions: new Map([
          ['gate', gatedChannelPermission([COMMUNITY_ID + ANNOUNCEMENTS], 'CAN_VIEW_CHANNEL')],
        ]),
      }),
    );

  it('sends channels without token permissions with an empty member map', () => {
    const description = withGate();
    expect(description.chats?.[GENERAL]?.members).toEqual({});
    expect(Object.keys(description.chats?.[ANNOUNCEMENTS]?.members ?? {})).toEqual([owner.memberKey]);
  });

  it('hydrates only channels without token permissions, without touching the input', () => {
    const description = withGate();
    const hydrated = hydrateChannelMembers(description);
    expect(Object.keys(hydrated.chats?.[GENERAL]?.members ?? {}).sort()).toEqual(
      Object.keys(description.members ?? {}).sort(),
    );
    expect(Object.keys(hydrated.chats?.[ANNOUNCEMENTS]?.members ?? {})).toEqual([owner.memberKey]);
    expect(description.chats?.[GENERAL]?.members).toEqual({});
  });

  it('dehydrate reverses hydrate', () => {
    const description = withGate();
    const again = dehydrateChannelMembers(hydrateChannelMembers(description));
    expect(encodeProto(status.CommunityDescription, again)).toEqual(
      encodeProto(status.CommunityDescription, description),
    );
  });

  it('keys gating off the description ID as sent, so a description without ID hydrates every channel', () => {
    const description = withGate();
    description.ID = '';
    expect(isChannelGatedByTokens(description, ANNOUNCEMENTS)).toBe(false);
    expect(Object.keys(hydrateChannelMembers(description).chats?.[ANNOUNCEMENTS]?.members ?? {}).length).toBe(
      4,
    );
  });
});

describe('buildCommunityDescription', () => {
  it('writes the ID (field 18) and an admin_settings message even when empty (field 10)', () => {
    const bytes = Buffer.from(encode(sampleInput()));
    const id = Buffer.from(COMMUNITY_ID, 'utf8');
    expect(bytes.includes(Buffer.concat([Buffer.from([0x92, 0x01, id.length]), id]))).toBe(true);
    expect(bytes.includes(Buffer.from([0x52, 0x00]))).toBe(true);
  });

  it('encodes the same input to the same bytes whatever the map insertion order', () => {
    const input = sampleInput();
    const reversed = sampleInput({
      members: new Map([...input.members].reverse()),
      channels: new Map([...input.channels].reverse()),
    });
    expect(encode(reversed)).toEqual(encode(input));
  });

  it('normalizes tags', () => {
    const description = buildCommunityDescription(sampleInput({ tags: ['Art', 'Cats', 'Art'] }));
    expect(description.tags).toEqual(['Art']);
  });

  it('writes bans to banned_members and to the deprecated ban_list', () => {
    const description = buildCommunityDescription(
      sampleInput({ bannedMembers: new Map([[outsider.memberKey, { deleteAllMessages: true }]]) }),
    );
    expect(description.banList).toEqual([outsider.memberKey]);
    expect(description.bannedMembers?.[outsider.memberKey]).toEqual({ deleteAllMessages: true });
  });

  it('keeps uint64 values past 2^53 exact (token IDs)', () => {
    const input = sampleInput({
      tokenPermissions: new Map([['gate', gatedChannelPermission([], 'BECOME_MEMBER')]]),
    });
    const decoded = unwrap(decodeCommunityDescription(encode(input)));
    const tokenId = decoded.tokenPermissions?.['gate']?.tokenCriteria?.[0]?.tokenIds?.[0];
    expect(uint64ToBigInt(tokenId)).toBe(18446744073709551615n);
  });

  it('round-trips a model to the same bytes', () => {
    const input = sampleInput();
    expect(encode(roundTrip(input))).toEqual(encode(input));
  });
});

describe('decoding untrusted bytes', () => {
  it('ends random bytes in a typed error or a model, never an exception', () => {
    const random = seededBytes(0xc0ffee);
    let decoded = 0;
    for (let i = 0; i < 2000; i++) {
      const bytes = random(1 + (i % 96));
      const description = decodeCommunityDescription(bytes);
      if (!description.ok) {
        expect(description.error.code).toBe(ErrorCode.MALFORMED_PROTOBUF);
        continue;
      }
      decoded++;
      const model = readCommunityDescription(description.value, COMMUNITY_ID);
      if (!model.ok) expect(isStatusError(model.error)).toBe(true);
    }
    expect(decoded).toBeGreaterThan(0);
  });

  it('ends truncated descriptions in a typed error', () => {
    const bytes = encode(sampleInput());
    for (let length = 1; length < bytes.length; length += 7) {
      const description = decodeCommunityDescription(bytes.subarray(0, length));
      if (!description.ok) {
        expect(description.error.code).toBe(ErrorCode.MALFORMED_PROTOBUF);
        continue;
      }
      const model = readCommunityDescription(description.value, COMMUNITY_ID);
      if (!model.ok) expect(isStatusError(model.error)).toBe(true);
    }
  });
});
