// Members, bans and the community clock of a hosted community: what the publisher builds the description from.
import type { MemberEventType, MemberState, Prisma } from '@status-communities/db';
import type { BanInfoModel, CommunityMemberModel } from '@status-communities/protocol';
import { nextDescriptionClock } from '@status-communities/protocol';
import type { Db, HostedCommunity } from './hosted-community.js';

/** What the membership rules need to know about one requester, as stored now (newer than what is published). */
export interface RequesterMembership {
  readonly memberKey: string;
  /** The requester's entry while an active member. */
  readonly member: CommunityMemberModel | undefined;
  /** Active members of the community (the AUTO_ACCEPT limit). */
  readonly memberCount: number;
  /** The requester's ban, when banned. */
  readonly ban: BanInfoModel | undefined;
}

/** Reads only the requester's rows and a count: a join costs the same in a community of 10 or 5,000. */
export const loadRequesterMembership = async (
  db: Db,
  communityId: string,
  memberKey: string,
): Promise<RequesterMembership> => {
  const member = await db.member.findUnique({
    where: { communityId_memberKey: { communityId, memberKey } },
    select: { state: true, roles: true, lastUpdateClock: true },
  });
  const memberCount = await db.member.count({ where: { communityId, state: 'ACTIVE' } });
  const ban = await db.ban.findUnique({
    where: { communityId_memberKey: { communityId, memberKey } },
    select: { deleteAllMessages: true },
  });
  return {
    memberKey,
    member:
      member?.state === 'ACTIVE'
        ? {
            publicKey: memberKey,
            roles: member.roles,
            channelRole: 'POSTER',
            lastUpdateClock: Number(member.lastUpdateClock),
          }
        : undefined,
    memberCount,
    ban: ban ?? undefined,
  };
};

export const isActiveMember = async (db: Db, communityId: string, memberKey: string): Promise<boolean> => {
  const row = await db.member.findUnique({
    where: { communityId_memberKey: { communityId, memberKey } },
    select: { state: true },
  });
  return row?.state === 'ACTIVE';
};

/**
 * Moves the community clock on with status-go's rule (now, or +1 when the clock is ahead), as the publisher
 * does for its own changes: the publisher publishes every stored clock above the last published one.
 * `access` switches an AUTO_ACCEPT community to MANUAL_ACCEPT past the member limit.
 */
export const bumpCommunityClock = async (
  tx: Prisma.TransactionClient,
  community: HostedCommunity,
  nowMs: number,
  access?: 'MANUAL_ACCEPT',
): Promise<number> => {
  const clock = nextDescriptionClock(community.clock, nowMs);
  await tx.community.update({
    where: { id: community.id },
    data: { clock, ...(access === undefined ? {} : { access }) },
  });
  return clock;
};

export interface MembershipChange {
  readonly communityId: string;
  readonly memberKey: string;
  /** The community clock of the change. */
  readonly clock: number;
  readonly at: Date;
  readonly actor: string;
}

/** The member is active from this clock on; a member who left or was kicked comes back with no roles. */
export const activateMember = async (
  tx: Prisma.TransactionClient,
  change: MembershipChange & { readonly displayName?: string; readonly ensName?: string },
): Promise<void> => {
  const { communityId, memberKey, clock, at } = change;
  const profile = {
    ...(change.displayName ? { displayName: change.displayName } : {}),
    ...(change.ensName ? { ensName: change.ensName } : {}),
  };
  await tx.member.upsert({
    where: { communityId_memberKey: { communityId, memberKey } },
    create: { communityId, memberKey, lastUpdateClock: clock, joinedAt: at, ...profile },
    update: { state: 'ACTIVE', roles: [], lastUpdateClock: clock, joinedAt: at, leftAt: null, ...profile },
  });
  await recordMemberEvent(tx, change, 'JOINED');
};

/** Ends a membership (left, kicked, banned). A key that never was a member gets no member row. */
export const endMembership = async (
  tx: Prisma.TransactionClient,
  change: MembershipChange,
  state: Exclude<MemberState, 'ACTIVE'>,
  event: MemberEventType,
): Promise<void> => {
  await tx.member.updateMany({
    where: { communityId: change.communityId, memberKey: change.memberKey },
    data: { state, roles: [], leftAt: change.at, lastUpdateClock: change.clock },
  });
  await recordMemberEvent(tx, change, event);
};

/** One member_events row; the unique key (community, member, type, clock) keeps a replay from adding another. */
export const recordMemberEvent = async (
  tx: Prisma.TransactionClient,
  { communityId, memberKey, clock, at, actor }: MembershipChange,
  type: MemberEventType,
): Promise<void> => {
  await tx.memberEvent.createMany({
    data: [{ communityId, memberKey, type, clock, at, actor }],
    skipDuplicates: true,
  });
};
