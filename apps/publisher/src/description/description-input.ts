import type {
  CommunityChannelInput,
  CommunityDescriptionInput,
  CommunityMemberModel,
  CommunityPermissionsModel,
} from '@status-communities/protocol';
import { encryptionTokenPermissions } from '@status-communities/protocol';
import type { PublishState } from '../state.js';

// SG communities/manager.go CreateChat: channels are created with AUTO_ACCEPT permissions; whether a
// member may join is the community's access, not the channel's.
const CHANNEL_PERMISSIONS: CommunityPermissionsModel = {
  access: 'AUTO_ACCEPT',
  ensOnly: false,
  private: false,
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
  // Permissions have no token criteria yet, so every member qualifies for every channel, gated or not: each
  // channel's members are the community's (the builder dehydrates those of channels without permissions).
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
          members,
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
    tokenPermissions: encryptionTokenPermissions(community.id, {
      communityEncrypted: community.encrypted,
      encryptedChannels: state.channels
        .filter((channel) => channel.encrypted && !channel.deleted)
        .map((channel) => channel.uuid),
    }),
    archiveMagnetlinkClock: 0,
    activeMembersCount: 0,
    resendAccountsClock: 0,
  };
};
