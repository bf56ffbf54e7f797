import type {
  BanInfoModel,
  CommunityChannelModel,
  CommunityDescriptionModel,
  CommunityMemberModel,
} from './description-model.js';

/** Who is a member and who is banned as the control node knows it now, ahead of its last description. */
export interface CurrentMembership {
  readonly members: ReadonlyMap<string, CommunityMemberModel>;
  readonly bannedMembers: ReadonlyMap<string, BanInfoModel>;
}

const channelWith = (
  channel: CommunityChannelModel,
  members: ReadonlyMap<string, CommunityMemberModel>,
): CommunityChannelModel => ({
  ...channel,
  members: channel.hasTokenPermissions
    ? new Map([...channel.members].filter(([key]) => members.has(key)))
    : members,
});

/**
 * The description as the control node would publish it with this membership: its members and bans, every
 * channel without token permissions hydrated with all of them (as receivers hydrate them), and token-gated
 * channels keeping only those still members (status-go removes a removed member from every channel).
 * SG protocol/communities/community.go hydrateChannelsMembers, RemoveUserFromOrg, banUserFromCommunity.
 */
export const withCurrentMembership = (
  description: CommunityDescriptionModel,
  membership: CurrentMembership,
): CommunityDescriptionModel => ({
  ...description,
  members: membership.members,
  bannedMembers: membership.bannedMembers,
  channels: new Map(
    [...description.channels].map(([uuid, channel]) => [uuid, channelWith(channel, membership.members)]),
  ),
});
