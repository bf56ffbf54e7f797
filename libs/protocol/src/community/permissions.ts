import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { status } from '@status-communities/proto';
import type { CommunityDescriptionModel, CommunityMemberRole } from './description-model.js';

/** The parts of a description the permission rules read. */
export type CommunityPermissionView = Pick<
  CommunityDescriptionModel,
  'members' | 'bannedMembers' | 'channels' | 'adminSettings' | 'communityKey'
>;

/** Why an action is refused; carried in `details.reason` of FORBIDDEN. */
export type CommunityActionDenial =
  | 'unknown-channel'
  | 'banned'
  | 'not-a-member'
  | 'not-a-channel-member'
  | 'not-a-poster'
  | 'cannot-react'
  | 'pin-not-allowed'
  | 'not-author'
  | 'not-author-or-privileged';

export interface ChannelAccessOptions {
  /** `0x04…` key of the control node when it is not the community key (token-owned communities). */
  readonly controlNode?: string;
}

const deny = (reason: CommunityActionDenial, message: string, details: Record<string, unknown> = {}) =>
  fail(ErrorCode.FORBIDDEN, message, { reason, ...details });

// Member keys are lowercase `0x04…` on the wire (SG common.PubkeyToHex).
const keyOf = (memberKey: string): string => memberKey.toLowerCase();

const hasRole = (
  description: CommunityPermissionView,
  memberKey: string,
  roles: readonly CommunityMemberRole[],
) => description.members.get(keyOf(memberKey))?.roles.some((role) => roles.includes(role)) === true;

/** In `banned_members` or the deprecated `ban_list`. SG protocol/communities/community.go isBanned. */
export const isCommunityMemberBanned = (description: CommunityPermissionView, memberKey: string): boolean =>
  description.bannedMembers.has(keyOf(memberKey));

/** SG protocol/communities/community.go IsMemberOwner. */
export const isCommunityOwner = (description: CommunityPermissionView, memberKey: string): boolean =>
  hasRole(description, memberKey, ['OWNER']);

/** SG protocol/communities/community.go IsMemberAdmin. */
export const isCommunityAdmin = (description: CommunityPermissionView, memberKey: string): boolean =>
  hasRole(description, memberKey, ['ADMIN']);

/** SG protocol/communities/community.go IsMemberTokenMaster. */
export const isCommunityTokenMaster = (description: CommunityPermissionView, memberKey: string): boolean =>
  hasRole(description, memberKey, ['TOKEN_MASTER']);

/** Owner, admin or token master. SG protocol/communities/community.go IsPrivilegedMember (manageCommunityRoles). */
export const isPrivilegedMember = (description: CommunityPermissionView, memberKey: string): boolean =>
  hasRole(description, memberKey, ['OWNER', 'ADMIN', 'TOKEN_MASTER']);

/** The member's highest role: owner, then token master, then admin. SG protocol/communities/community.go MemberRole. */
export const communityMemberRole = (
  description: CommunityPermissionView,
  memberKey: string,
): CommunityMemberRole | 'NONE' =>
  (['OWNER', 'TOKEN_MASTER', 'ADMIN'] as const).find((role) => hasRole(description, memberKey, [role])) ??
  'NONE';

/** Kick, ban, accept requests: privileged and not banned. SG protocol/communities/community.go CanManageUsers. */
export const canManageUsers = (description: CommunityPermissionView, memberKey: string): boolean =>
  !isCommunityMemberBanned(description, memberKey) && isPrivilegedMember(description, memberKey);

/**
 * Delete anyone's message: privileged and not banned (admins and token masters included, not only owners).
 * SG protocol/communities/community.go CanDeleteMessageForEveryone.
 */
export const canDeleteMessageForEveryone = (
  description: CommunityPermissionView,
  memberKey: string,
): boolean => !isCommunityMemberBanned(description, memberKey) && isPrivilegedMember(description, memberKey);

/**
 * Whether the member sees the channel. The control node always does; otherwise not banned, a community
 * member and in the (hydrated) channel member map. SG protocol/communities/community.go CanView.
 */
export const canViewChannel = (
  description: CommunityPermissionView,
  channelUuid: string,
  memberKey: string,
  { controlNode = description.communityKey }: ChannelAccessOptions = {},
): Result<void> => {
  const key = keyOf(memberKey);
  const channel = description.channels.get(channelUuid);
  if (!channel) return deny('unknown-channel', 'no such channel', { channelUuid });
  if (key === keyOf(controlNode)) return ok(undefined);
  if (isCommunityMemberBanned(description, key)) return deny('banned', 'member is banned');
  if (!description.members.has(key)) return deny('not-a-member', 'not a community member');
  if (!channel.members.has(key))
    return deny('not-a-channel-member', 'not a member of this channel', { channelUuid });
  return ok(undefined);
};

const AppType = status.ApplicationMetadataMessage.Type;

/**
 * Whether a message of `messageType` (the AMM type) from `memberKey` is taken in the channel. After
 * canViewChannel: pins need a privileged member unless pin_message_all_members_enabled; reactions need
 * POSTER, or VIEWER when viewers_can_post_reactions; everything else needs POSTER.
 * SG protocol/communities/community.go CanPost (called from messenger_handler.go matchChatEntity).
 */
export const canPost = (
  description: CommunityPermissionView,
  channelUuid: string,
  memberKey: string,
  messageType: status.ApplicationMetadataMessage.Type,
  options: ChannelAccessOptions = {},
): Result<void> => {
  const view = canViewChannel(description, channelUuid, memberKey, options);
  if (!view.ok) return view;
  const channel = description.channels.get(channelUuid);
  // The control node may be absent from the map; status-go then reads a nil member as POSTER (proto default).
  const channelRole = channel?.members.get(keyOf(memberKey))?.channelRole ?? 'POSTER';

  if (messageType === AppType.PIN_MESSAGE) {
    // SG community.go CanPost: IsPrivilegedMember || AllowsAllMembersToPinMessage
    return isPrivilegedMember(description, memberKey) || description.adminSettings.pinMessageAllMembersEnabled
      ? ok(undefined)
      : deny('pin-not-allowed', 'only owners, admins and token masters may pin in this community');
  }
  if (messageType === AppType.EMOJI_REACTION) {
    // SG community.go CanPost: isPoster || (isViewer && chat.ViewersCanPostReactions)
    return channelRole === 'POSTER' || (channelRole === 'VIEWER' && channel?.viewersCanPostReactions === true)
      ? ok(undefined)
      : deny('cannot-react', 'this member may not react in this channel');
  }
  return channelRole === 'POSTER'
    ? ok(undefined)
    : deny('not-a-poster', 'only posters may post in this channel');
};

export interface MessageActors {
  /** `0x04…` key of the original message's author. */
  readonly authorKey: string;
  /** `0x04…` key of whoever signed the edit or delete. */
  readonly actorKey: string;
}

/**
 * Edits come from the author only (SG protocol/messenger_handler.go handleEditMessage: "invalid edit, not
 * the right author"). status-go does not look at bans there; we refuse banned members everything.
 */
export const canEditMessage = (
  description: CommunityPermissionView,
  { authorKey, actorKey }: MessageActors,
): Result<void> => {
  if (isCommunityMemberBanned(description, actorKey)) return deny('banned', 'member is banned');
  return keyOf(authorKey) === keyOf(actorKey)
    ? ok(undefined)
    : deny('not-author', 'only the author may edit a message');
};

/**
 * Deletes come from the author, or from any privileged member (owner, admin, token master) for everyone's
 * messages (SG protocol/messenger_handler.go handleDeleteMessage → messenger_messages.go
 * CanDeleteMessageForEveryoneInCommunity → community.go CanDeleteMessageForEveryone). Banned members: none.
 */
export const canDeleteMessage = (
  description: CommunityPermissionView,
  { authorKey, actorKey }: MessageActors,
): Result<void> => {
  if (isCommunityMemberBanned(description, actorKey)) return deny('banned', 'member is banned');
  if (keyOf(authorKey) === keyOf(actorKey) || isPrivilegedMember(description, actorKey)) return ok(undefined);
  return deny('not-author-or-privileged', 'only the author or a privileged member may delete a message');
};
