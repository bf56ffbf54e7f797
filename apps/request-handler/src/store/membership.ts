// Members, bans and the community clock of a hosted community: what the publisher builds the description from.
import type { MemberEventType, MemberState, Prisma } from '@status-communities/db';
import type { BanInfoModel, CommunityMemberModel } from '@status-communities/protocol';
import { nextDescriptionClock } from '@status-communities/protocol';
import type { Db, HostedCommunity } from './hosted-community.js';

export interface StoredMembership {
  /** Active members, `0x04…` → member. */
  readonly members: ReadonlyMap<string, CommunityMemberModel>;
  /** Current bans, `0x04…` → ban. */
  readonly bans: ReadonlyMap<string, BanInfoModel>;
}

/** Active members and current bans as stored now (newer than the last published description). */
export const loadMembership = async (db: Db, communityId: string): Promise<StoredMembership> => {
  const members = await db.member.findMany({
    where: { communityId, state: 'ACTIVE' },
    select: { memberKey: true, roles: true, lastUpdateClock: true },
  });
  const bans = await db.ban.findMany({
    where: { communityId },
    select: { memberKey: true, deleteAllMessages: true },
  });
  return {
    members: new Map(
      members.map((member) => [
        member.memberKey,
        {
          publicKey: member.memberKey,
          roles: member.roles,
          channelRole: 'POSTER',
          lastUpdateClock: Number(member.lastUpdateClock),
        },
      ]),
    ),
    bans: new Map(bans.map((ban) => [ban.memberKey, { deleteAllMessages: ban.deleteAllMessages }])),
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
