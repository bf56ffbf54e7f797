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
/** Bytes kept for answers: few, as a 5,000-member description is 700 KB. */
const CACHED_BYTES = 8;

/** The last published description of a community (its owner-signed AMM) and the clock it was published at. */
export type LoadPublished = (
  communityId: string,
) => Promise<{ readonly raw: Uint8Array; readonly clock: number } | null>;

const unpublished = () =>
  fail(ErrorCode.NOT_FOUND, 'the community has no published description yet', {
    reason: 'unpublished-community',
  });

/** Adds to a Map kept to `limit` entries, oldest out first (a Map iterates in insertion order). */
const remember = <T>(cache: Map<string, T>, key: string, value: T, limit: number): void => {
  if (cache.size >= limit) cache.delete(cache.keys().next().value ?? '');
  cache.set(key, value);
};

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

/**
 * The last published description of each hosted community, read from the database once per clock (not with
 * every request: it grows to 700 KB) and decoded once per clock.
 */
export class PublishedDescriptions {
  private readonly decoded = new Map<string, CommunityDescriptionModel>();
  private readonly bytes = new Map<string, Uint8Array>();

  constructor(private readonly load: LoadPublished) {}

  /**
   * The bytes of the description published at the community's last published clock (or of a newer one,
   * when the publisher has moved on since the community was read), with their clock. NOT_FOUND while there
   * is none: no Status app can have found the community, nor asked to join it.
   */
  async published(community: HostedCommunity): Promise<Result<{ raw: Uint8Array; clock: number }>> {
    if (community.lastPublishedClock === null) return unpublished();
    const cached = this.bytes.get(`${community.id}@${community.lastPublishedClock}`);
    if (cached) return ok({ raw: cached, clock: community.lastPublishedClock });
    const loaded = await this.load(community.id);
    if (!loaded) return unpublished();
    remember(this.bytes, `${community.id}@${loaded.clock}`, loaded.raw, CACHED_BYTES);
    return ok({ raw: loaded.raw, clock: loaded.clock });
  }

  /** The last published description, decoded. */
  async read(community: HostedCommunity): Promise<Result<CommunityDescriptionModel>> {
    if (community.lastPublishedClock === null) return unpublished();
    const cached = this.decoded.get(`${community.id}@${community.lastPublishedClock}`);
    if (cached) return ok(cached);
    const published = await this.published(community);
    if (!published.ok) return published;
    const amm = unwrapApplicationMessage(published.value.raw);
    if (!amm.ok) return amm;
    const proto = decodeProto(status.CommunityDescription, amm.value.payload);
    if (!proto.ok) return proto;
    const description = readCommunityDescription(proto.value, community.id);
    if (!description.ok) return description;
    remember(
      this.decoded,
      `${community.id}@${published.value.clock}`,
      description.value,
      CACHED_DESCRIPTIONS,
    );
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
