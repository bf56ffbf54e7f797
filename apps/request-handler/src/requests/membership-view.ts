// What status-go's membership rules read, for a hosted community: channels from the last published
// description, settings, members and bans from the stored state (which may be newer than what is published).
import type { Result } from '@status-communities/errors';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import { decodeProto, status } from '@status-communities/proto';
import type { MembershipView } from '@status-communities/protocol';
import { readCommunityDescription, unwrapApplicationMessage } from '@status-communities/protocol';
import type { HostedCommunity } from '../store/hosted-community.js';
import type { StoredMembership } from '../store/membership.js';

/**
 * The membership view, or NOT_FOUND while the community has no published description: no Status app can
 * have found it yet, so a request naming it is not one of its members' doing.
 */
export const membershipView = (
  community: HostedCommunity,
  membership: StoredMembership,
): Result<MembershipView> => {
  const unpublished = fail(ErrorCode.NOT_FOUND, 'the community has no published description yet', {
    reason: 'unpublished-community',
  });
  if (!community.descriptionRaw) return unpublished;
  const amm = unwrapApplicationMessage(community.descriptionRaw);
  if (!amm.ok) return amm;
  const proto = decodeProto(status.CommunityDescription, amm.value.payload);
  if (!proto.ok) return proto;
  const published = readCommunityDescription(proto.value, community.id);
  if (!published.ok) return published;
  return ok({
    communityId: community.id,
    channels: published.value.channels,
    permissions: { ...published.value.permissions, access: community.access, ensOnly: community.ensOnly },
    members: membership.members,
    bannedMembers: membership.bans,
  });
};
