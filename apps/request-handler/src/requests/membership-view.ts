// What status-go's membership rules read, for a hosted community: channels from the last published
// description, settings from the community row, the requester's membership and ban as stored now (which may
// be newer than what is published).
import type { Result } from '@status-communities/errors';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import { decodeProto, status } from '@status-communities/proto';
import type {
  CommunityDescriptionModel,
  CommunityMemberModel,
  MembershipView,
} from '@status-communities/protocol';
import { readCommunityDescription, unwrapApplicationMessage } from '@status-communities/protocol';
import type { HostedCommunity } from '../store/hosted-community.js';
import type { RequesterMembership } from '../store/membership.js';

/** Decoded descriptions kept per community and clock: every request would otherwise decode the same bytes. */
const CACHED_DESCRIPTIONS = 256;

/**
 * The members as the rules read them: whether the requester is one (`has`, `get`) and how many there are
 * (`size`), without loading every member. Iterating it yields only the requester.
 */
const requesterAmongMembers = (
  membership: RequesterMembership,
): ReadonlyMap<string, CommunityMemberModel> => {
  const members = new Map(membership.member ? [[membership.memberKey, membership.member]] : []);
  Object.defineProperty(members, 'size', { get: () => membership.memberCount });
  return members;
};

/** The last published description of each hosted community, decoded once per clock. */
export class PublishedDescriptions {
  private readonly decoded = new Map<string, CommunityDescriptionModel>();

  /** NOT_FOUND while the community has none: no Status app can have found it, nor asked to join it. */
  read(community: HostedCommunity): Result<CommunityDescriptionModel> {
    if (!community.descriptionRaw || community.lastPublishedClock === null)
      return fail(ErrorCode.NOT_FOUND, 'the community has no published description yet', {
        reason: 'unpublished-community',
      });
    const key = `${community.id}@${community.lastPublishedClock}`;
    const cached = this.decoded.get(key);
    if (cached) return ok(cached);
    const amm = unwrapApplicationMessage(community.descriptionRaw);
    if (!amm.ok) return amm;
    const proto = decodeProto(status.CommunityDescription, amm.value.payload);
    if (!proto.ok) return proto;
    const description = readCommunityDescription(proto.value, community.id);
    if (!description.ok) return description;
    // Oldest first out: a Map iterates in insertion order.
    if (this.decoded.size >= CACHED_DESCRIPTIONS) this.decoded.delete(this.decoded.keys().next().value ?? '');
    this.decoded.set(key, description.value);
    return description;
  }
}

/** The membership view of one requester. */
export const membershipView = (
  community: HostedCommunity,
  published: CommunityDescriptionModel,
  membership: RequesterMembership,
): MembershipView => ({
  communityId: community.id,
  channels: published.channels,
  permissions: { ...published.permissions, access: community.access, ensOnly: community.ensOnly },
  members: requesterAmongMembers(membership),
  bannedMembers: new Map(membership.ban ? [[membership.memberKey, membership.ban]] : []),
});
