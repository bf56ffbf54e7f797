import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { status } from '@status-communities/proto';
import type { CommunityDescriptionInput, TokenPermissionModel } from './description-model.js';
import {
  canDeleteMessage,
  canDeleteMessageForEveryone,
  canEditMessage,
  canManageUsers,
  canPost,
  canViewChannel,
  communityMemberRole,
  isCommunityAdmin,
  isCommunityMemberBanned,
  isCommunityOwner,
  isCommunityTokenMaster,
  isPrivilegedMember,
} from './permissions.js';
import {
  COMMUNITY_ID,
  GENERAL,
  admin,
  alice,
  channel,
  communityKey,
  member,
  memberMap,
  outsider,
  owner,
  roundTrip,
  sampleInput,
  tokenMaster,
  viewer,
} from './testing/fixtures.js';

const T = status.ApplicationMetadataMessage.Type;
const GATED = 'bbbbbbbb-0000-4000-8000-000000000000';

const gate: TokenPermissionModel = {
  id: 'gate',
  type: 'CAN_VIEW_CHANNEL',
  criteria: [],
  chatIds: [COMMUNITY_ID + GATED],
  isPrivate: false,
};

/** Sample community plus `viewer` (member, VIEWER in the gated channel) and a banned `outsider`. */
const community = (overrides: Partial<CommunityDescriptionInput> = {}) => {
  const input = sampleInput();
  return roundTrip({
    ...input,
    members: new Map([...input.members, [viewer.memberKey, member(viewer)]]),
    channels: new Map([
      ...input.channels,
      [
        GATED,
        channel(GATED, {
          members: memberMap(member(owner, ['OWNER']), member(alice), member(viewer, [], 'VIEWER')),
        }),
      ],
    ]),
    tokenPermissions: new Map([['gate', gate]]),
    bannedMembers: new Map([[outsider.memberKey, { deleteAllMessages: false }]]),
    ...overrides,
  });
};

const denial = (result: Result<void>): unknown => {
  expect(result.ok).toBe(false);
  if (result.ok) return undefined;
  expect(result.error.code).toBe(ErrorCode.FORBIDDEN);
  return result.error.details['reason'];
};

describe('roles (SG community.go IsMemberOwner/Admin/TokenMaster, IsPrivilegedMember, MemberRole)', () => {
  const description = community();

  it('recognises each role', () => {
    expect(isCommunityOwner(description, owner.memberKey)).toBe(true);
    expect(isCommunityAdmin(description, admin.memberKey)).toBe(true);
    expect(isCommunityTokenMaster(description, tokenMaster.memberKey)).toBe(true);
    expect(isCommunityOwner(description, admin.memberKey)).toBe(false);
    expect(isCommunityAdmin(description, alice.memberKey)).toBe(false);
  });

  it('counts owner, admin and token master as privileged, plain members and strangers not', () => {
    for (const key of [owner, admin, tokenMaster])
      expect(isPrivilegedMember(description, key.memberKey)).toBe(true);
    for (const key of [alice, outsider]) expect(isPrivilegedMember(description, key.memberKey)).toBe(false);
  });

  it('ranks owner over token master over admin', () => {
    const multi = community({
      members: memberMap(member(alice, ['ADMIN', 'TOKEN_MASTER']), member(owner, ['ADMIN', 'OWNER'])),
      channels: new Map(),
    });
    expect(communityMemberRole(multi, alice.memberKey)).toBe('TOKEN_MASTER');
    expect(communityMemberRole(multi, owner.memberKey)).toBe('OWNER');
    expect(communityMemberRole(description, admin.memberKey)).toBe('ADMIN');
    expect(communityMemberRole(description, alice.memberKey)).toBe('NONE');
  });

  it('lets privileged members manage users and delete for everyone', () => {
    for (const key of [owner, admin, tokenMaster]) {
      expect(canManageUsers(description, key.memberKey)).toBe(true);
      expect(canDeleteMessageForEveryone(description, key.memberKey)).toBe(true);
    }
    expect(canManageUsers(description, alice.memberKey)).toBe(false);
    expect(canDeleteMessageForEveryone(description, alice.memberKey)).toBe(false);
  });

  it('gives a banned key no privilege even if the description still lists its role', () => {
    const inconsistent = community({
      bannedMembers: new Map([[admin.memberKey, { deleteAllMessages: false }]]),
    });
    expect(isCommunityMemberBanned(inconsistent, admin.memberKey)).toBe(true);
    expect(canManageUsers(inconsistent, admin.memberKey)).toBe(false);
    expect(canDeleteMessageForEveryone(inconsistent, admin.memberKey)).toBe(false);
  });

  it('matches member keys whatever their hex case', () => {
    expect(isCommunityOwner(description, owner.memberKey.toUpperCase().replace('0X', '0x'))).toBe(true);
  });
});

describe('canViewChannel (SG community.go CanView)', () => {
  const description = community();

  it('lets members of a hydrated channel see it', () => {
    expect(canViewChannel(description, GENERAL, alice.memberKey).ok).toBe(true);
  });

  it('refuses an unknown channel', () => {
    expect(denial(canViewChannel(description, 'nope', alice.memberKey))).toBe('unknown-channel');
  });

  it('refuses a banned key', () => {
    expect(denial(canViewChannel(description, GENERAL, outsider.memberKey))).toBe('banned');
  });

  it('refuses a non-member', () => {
    const stranger = '0x04' + 'ab'.repeat(64);
    expect(denial(canViewChannel(description, GENERAL, stranger))).toBe('not-a-member');
  });

  it('refuses a community member left out of a gated channel', () => {
    expect(denial(canViewChannel(description, GATED, admin.memberKey))).toBe('not-a-channel-member');
  });

  it('always lets the control node (the community key by default) in', () => {
    expect(canViewChannel(description, GATED, communityKey.memberKey).ok).toBe(true);
    expect(canViewChannel(description, GATED, admin.memberKey, { controlNode: admin.memberKey }).ok).toBe(
      true,
    );
  });
});

describe('canPost (SG community.go CanPost)', () => {
  const description = community();

  it('lets a POSTER post chat messages, edits and deletes', () => {
    for (const type of [T.CHAT_MESSAGE, T.EDIT_MESSAGE, T.DELETE_MESSAGE])
      expect(canPost(description, GATED, alice.memberKey, type).ok).toBe(true);
  });

  it('refuses chat messages from a VIEWER', () => {
    expect(denial(canPost(description, GATED, viewer.memberKey, T.CHAT_MESSAGE))).toBe('not-a-poster');
  });

  it('refuses reactions from a VIEWER unless viewers_can_post_reactions', () => {
    expect(denial(canPost(description, GATED, viewer.memberKey, T.EMOJI_REACTION))).toBe('cannot-react');
    const input = sampleInput();
    const reacting = community({
      channels: new Map([
        ...input.channels,
        [
          GATED,
          channel(GATED, {
            viewersCanPostReactions: true,
            members: memberMap(member(viewer, [], 'VIEWER')),
          }),
        ],
      ]),
    });
    expect(canPost(reacting, GATED, viewer.memberKey, T.EMOJI_REACTION).ok).toBe(true);
  });

  it('lets a POSTER react', () => {
    expect(canPost(description, GATED, alice.memberKey, T.EMOJI_REACTION).ok).toBe(true);
  });

  it('lets a channel role outside the enum neither post nor react, as status-go', () => {
    const input = sampleInput();
    const odd = community({
      channels: new Map([
        ...input.channels,
        [
          GATED,
          channel(GATED, {
            viewersCanPostReactions: true,
            members: memberMap(member(viewer, [], 'UNKNOWN')),
          }),
        ],
      ]),
    });
    expect(odd.channels.get(GATED)?.members.get(viewer.memberKey)?.channelRole).toBe('UNKNOWN');
    expect(denial(canPost(odd, GATED, viewer.memberKey, T.CHAT_MESSAGE))).toBe('not-a-poster');
    expect(denial(canPost(odd, GATED, viewer.memberKey, T.EMOJI_REACTION))).toBe('cannot-react');
  });

  it('lets only privileged members pin by default', () => {
    expect(canPost(description, GENERAL, admin.memberKey, T.PIN_MESSAGE).ok).toBe(true);
    expect(canPost(description, GENERAL, tokenMaster.memberKey, T.PIN_MESSAGE).ok).toBe(true);
    expect(denial(canPost(description, GENERAL, alice.memberKey, T.PIN_MESSAGE))).toBe('pin-not-allowed');
  });

  it('lets every member pin when pin_message_all_members_enabled, even a viewer', () => {
    const open = community({ adminSettings: { pinMessageAllMembersEnabled: true } });
    expect(canPost(open, GENERAL, alice.memberKey, T.PIN_MESSAGE).ok).toBe(true);
    expect(canPost(open, GATED, viewer.memberKey, T.PIN_MESSAGE).ok).toBe(true);
  });

  it('lets the control node post where it is not a listed member', () => {
    expect(canPost(description, GATED, communityKey.memberKey, T.CHAT_MESSAGE).ok).toBe(true);
  });

  it('refuses everything from a banned key', () => {
    for (const type of [T.CHAT_MESSAGE, T.EMOJI_REACTION, T.PIN_MESSAGE])
      expect(denial(canPost(description, GENERAL, outsider.memberKey, type))).toBe('banned');
  });

  it('refuses posting in a channel the member is not in', () => {
    expect(denial(canPost(description, GATED, admin.memberKey, T.CHAT_MESSAGE))).toBe('not-a-channel-member');
  });
});

describe('canEditMessage (SG messenger_handler.go handleEditMessage)', () => {
  const description = community();

  it('lets the author edit', () => {
    expect(canEditMessage(description, { authorKey: alice.memberKey, actorKey: alice.memberKey }).ok).toBe(
      true,
    );
  });

  it('refuses anyone else, even the owner', () => {
    expect(
      denial(canEditMessage(description, { authorKey: alice.memberKey, actorKey: owner.memberKey })),
    ).toBe('not-author');
  });

  it('refuses a banned author', () => {
    expect(
      denial(canEditMessage(description, { authorKey: outsider.memberKey, actorKey: outsider.memberKey })),
    ).toBe('banned');
  });
});

describe('canDeleteMessage (SG messenger_handler.go handleDeleteMessage, community.go CanDeleteMessageForEveryone)', () => {
  const description = community();

  it('lets the author delete', () => {
    expect(canDeleteMessage(description, { authorKey: alice.memberKey, actorKey: alice.memberKey }).ok).toBe(
      true,
    );
  });

  it("lets owner, admin and token master delete others' messages", () => {
    for (const key of [owner, admin, tokenMaster])
      expect(canDeleteMessage(description, { authorKey: alice.memberKey, actorKey: key.memberKey }).ok).toBe(
        true,
      );
  });

  it("refuses a plain member deleting someone else's message", () => {
    expect(
      denial(canDeleteMessage(description, { authorKey: owner.memberKey, actorKey: alice.memberKey })),
    ).toBe('not-author-or-privileged');
  });

  it('refuses a banned author', () => {
    expect(
      denial(canDeleteMessage(description, { authorKey: outsider.memberKey, actorKey: outsider.memberKey })),
    ).toBe('banned');
  });
});
