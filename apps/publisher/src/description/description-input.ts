import type {
  CommunityChannelInput,
  CommunityDescriptionInput,
  CommunityMemberModel,
  CommunityPermissionsModel,
  TokenPermissionModel,
} from '@status-communities/protocol';
import { channelChatId, encryptionTokenPermissions } from '@status-communities/protocol';
import type { PublishState } from '../state.js';

// SG communities/manager.go CreateChat: channels are created with AUTO_ACCEPT permissions; whether a
// member may join is the community's access, not the channel's.
const CHANNEL_PERMISSIONS: CommunityPermissionsModel = {
  access: 'AUTO_ACCEPT',
  ensOnly: false,
  private: false,
};

/**
 * The owner's token permissions, plus the criteria-less ones that make the community and its encrypted
 * channels encrypted where no stored permission already does: a criteria-less BECOME_MEMBER beside a gated
 * one would let everyone in (permissions of one type are OR-ed).
 */
const tokenPermissionsOf = (state: PublishState): Map<string, TokenPermissionModel> => {
  const { community } = state;
  const stored = state.tokenPermissions ?? [];
  const gatedChannels = new Set(stored.flatMap((permission) => permission.chatIds));
  const encryption = encryptionTokenPermissions(community.id, {
    communityEncrypted:
      community.encrypted && !stored.some((permission) => permission.type === 'BECOME_MEMBER'),
    encryptedChannels: state.channels
      .filter((channel) => channel.encrypted && !channel.deleted)
      .filter((channel) => !gatedChannels.has(channelChatId(community.id, channel.uuid)))
      .map((channel) => channel.uuid),
  });
  return new Map([
    ...encryption,
    ...stored.map((permission): [string, TokenPermissionModel] => [permission.id, permission]),
  ]);
};

/**
 * The description a hosted community has now, from its stored state: active members with their roles,
 * bans, live channels and categories, identity and images. The clock is the stored one, so publishing the
 * same state twice gives the same bytes.
 */
export const descriptionInput = (state: PublishState): CommunityDescriptionInput => {
  const { community } = state;
  const members = new Map<string, CommunityMemberModel>(
    [...state.members]
      .sort((a, b) => (a.memberKey < b.memberKey ? -1 : a.memberKey > b.memberKey ? 1 : 0))
      .map((member) => [
        member.memberKey,
        {
          publicKey: member.memberKey,
          roles: member.roles,
          channelRole: 'POSTER',
          lastUpdateClock: member.lastUpdateClock,
        },
      ]),
  );
  // A channel's members are the community's, except where token permissions gave a member rights per channel
  // (the builder dehydrates channels no permission names).
  // Worked out once, not per channel: with thousands of members and no per-channel rights (the usual case)
  // every channel shares the community's map.
  const rights = new Map(
    state.members.flatMap((member) =>
      member.channelRights === null || member.channelRights === undefined
        ? []
        : [[member.memberKey, member.channelRights] as const],
    ),
  );
  const channelMembers = (uuid: string): ReadonlyMap<string, CommunityMemberModel> => {
    if (rights.size === 0) return members;
    const chatId = channelChatId(community.id, uuid);
    return new Map(
      [...members].flatMap(([key, member]): [string, CommunityMemberModel][] => {
        const granted = rights.get(key);
        if (granted === null || granted === undefined) return [[key, member]];
        const right = granted.get(chatId);
        return right ? [[key, { ...member, channelRole: right }]] : [];
      }),
    );
  };
  const channels = new Map<string, CommunityChannelInput>(
    state.channels
      .filter((channel) => !channel.deleted)
      .map((channel) => [
        channel.uuid,
        {
          uuid: channel.uuid,
          name: channel.name,
          description: channel.description,
          emoji: channel.emoji,
          color: channel.color,
          categoryId: channel.categoryId ?? undefined,
          position: channel.position,
          viewersCanPostReactions: channel.viewersCanPostReactions,
          hideIfPermissionsNotMet: channel.hideIfPermissionsNotMet,
          firstMessageTimestamp: 0,
          permissions: CHANNEL_PERMISSIONS,
          members: channelMembers(channel.uuid),
        },
      ]),
  );
  return {
    communityId: community.id,
    clock: community.clock,
    members,
    permissions: { access: community.access, ensOnly: community.ensOnly, private: false },
    identity: {
      displayName: community.name,
      description: community.description,
      color: community.color,
      emoji: community.emoji,
      images: new Map(
        state.images.map((image) => [
          image.kind,
          { payload: image.payload, format: image.format, source: image.source, encrypted: false },
        ]),
      ),
    },
    channels,
    categories: new Map(
      state.categories
        .filter((category) => !category.deleted)
        .map((category) => [
          category.categoryId,
          { id: category.categoryId, name: category.name, position: category.position },
        ]),
    ),
    tags: community.tags,
    bannedMembers: new Map(
      state.bans.map((ban) => [ban.memberKey, { deleteAllMessages: ban.deleteAllMessages }]),
    ),
    adminSettings: { pinMessageAllMembersEnabled: community.pinMessageAllMembersEnabled },
    introMessage: community.introMessage,
    outroMessage: community.outroMessage,
    tokenPermissions: tokenPermissionsOf(state),
    archiveMagnetlinkClock: 0,
    activeMembersCount: 0,
    resendAccountsClock: 0,
  };
};
