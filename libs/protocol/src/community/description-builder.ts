import { bigIntToUint64, status } from '@status-communities/proto';
import { channelChatId } from '../topics/index.js';
import {
  ACCESS_NUMBERS,
  CHANNEL_ROLE_NUMBERS,
  IMAGE_FORMAT_NUMBERS,
  IMAGE_SOURCE_NUMBERS,
  ROLE_NUMBERS,
  TOKEN_PERMISSION_TYPE_NUMBERS,
  TOKEN_TYPE_NUMBERS,
} from './description-model.js';
import type {
  CommunityChannelInput,
  CommunityDescriptionInput,
  CommunityIdentityModel,
  CommunityMemberModel,
  CommunityPermissionsModel,
  TokenPermissionModel,
} from './description-model.js';
import { normalizeTags } from './tags.js';
import { channelHasTokenPermissions } from './token-permissions.js';

const sortedKeys = <V>(map: ReadonlyMap<string, V>): string[] => [...map.keys()].sort();

// fromEntries keeps every key an own property (assigning a "__proto__" key would set the prototype).
const toRecord = <V, P>(
  map: ReadonlyMap<string, V>,
  convert: (value: V, key: string) => P,
): Record<string, P> =>
  Object.fromEntries(sortedKeys(map).map((key) => [key, convert(map.get(key) as V, key)]));

const memberToProto = (member: CommunityMemberModel): status.CommunityMember.$Properties => ({
  roles: member.roles.map((role) => ROLE_NUMBERS[role]),
  lastUpdateClock: member.lastUpdateClock,
  channelRole: CHANNEL_ROLE_NUMBERS[member.channelRole],
});

const permissionsToProto = (
  permissions: CommunityPermissionsModel,
): status.CommunityPermissions.$Properties => ({
  access: ACCESS_NUMBERS[permissions.access],
  ensOnly: permissions.ensOnly,
  private: permissions.private,
});

const identityToProto = (identity: CommunityIdentityModel): status.ChatIdentity.$Properties => ({
  displayName: identity.displayName,
  description: identity.description,
  color: identity.color,
  emoji: identity.emoji,
  images: toRecord(identity.images, (image) => ({
    payload: image.payload,
    imageFormat: IMAGE_FORMAT_NUMBERS[image.format],
    sourceType: IMAGE_SOURCE_NUMBERS[image.source],
    encrypted: image.encrypted,
  })),
});

const channelToProto = (
  channel: CommunityChannelInput,
  gated: boolean,
): status.CommunityChat.$Properties => ({
  // SG community.go dehydrateChannelsMembers: only token-gated channels carry their member list.
  members: gated ? toRecord(channel.members, memberToProto) : {},
  permissions: permissionsToProto(channel.permissions),
  // SG validator.go validateCommunityChat requires a non-nil identity: it carries the channel's name.
  identity: {
    displayName: channel.name,
    description: channel.description,
    emoji: channel.emoji,
    color: channel.color,
    firstMessageTimestamp: channel.firstMessageTimestamp,
  },
  categoryId: channel.categoryId ?? '',
  position: channel.position,
  viewersCanPostReactions: channel.viewersCanPostReactions,
  hideIfPermissionsNotMet: channel.hideIfPermissionsNotMet,
});

const tokenPermissionToProto = (
  permission: TokenPermissionModel,
): status.CommunityTokenPermission.$Properties => ({
  id: permission.id,
  type: TOKEN_PERMISSION_TYPE_NUMBERS[permission.type],
  tokenCriteria: permission.criteria.map((criteria) => ({
    // Decimal keys: protobufjs writes them with util.longFromKey as uint64.
    contractAddresses: Object.fromEntries(criteria.contractAddresses),
    type: TOKEN_TYPE_NUMBERS[criteria.type],
    symbol: criteria.symbol,
    name: criteria.name,
    amount: criteria.amount,
    amountInWei: criteria.amountInWei,
    tokenIds: criteria.tokenIds.map((id) => bigIntToUint64(BigInt(id))),
    ensPattern: criteria.ensPattern,
    decimals: criteria.decimals,
  })),
  chatIds: [...permission.chatIds],
  isPrivate: permission.isPrivate,
});

/**
 * The CommunityDescription a control node publishes for `input`: tags normalized, channels without token
 * permissions dehydrated (SG community.go dehydrateChannelsMembers), ID always set (SG community.go
 * marshaledDescription), bans written both to `banned_members` and the deprecated `ban_list` (SG
 * community.go banUserFromCommunity). Maps are in key order, so one input always encodes to the same bytes.
 * Check user-made input with validateCommunityDescription on the result before signing it.
 */
export const buildCommunityDescription = (input: CommunityDescriptionInput): status.CommunityDescription => {
  const tokenPermissions = toRecord(input.tokenPermissions, tokenPermissionToProto);
  return status.CommunityDescription.create({
    clock: input.clock,
    members: toRecord(input.members, memberToProto),
    permissions: permissionsToProto(input.permissions),
    identity: identityToProto(input.identity),
    chats: toRecord(input.channels, (channel, uuid) =>
      channelToProto(
        channel,
        channelHasTokenPermissions(channelChatId(input.communityId, uuid), tokenPermissions),
      ),
    ),
    banList: sortedKeys(input.bannedMembers),
    categories: toRecord(input.categories, (category) => ({
      categoryId: category.id,
      name: category.name,
      position: category.position,
    })),
    archiveMagnetlinkClock: input.archiveMagnetlinkClock,
    adminSettings: { pinMessageAllMembersEnabled: input.adminSettings.pinMessageAllMembersEnabled },
    introMessage: input.introMessage,
    outroMessage: input.outroMessage,
    tags: normalizeTags(input.tags),
    tokenPermissions,
    activeMembersCount: input.activeMembersCount,
    ID: input.communityId,
    bannedMembers: toRecord(input.bannedMembers, (ban) => ({ deleteAllMessages: ban.deleteAllMessages })),
    resendAccountsClock: input.resendAccountsClock,
  });
};
