// member.kick, member.ban, member.unban: the control node removes or bans a member and republishes.
// SG communities/community.go RemoveUserFromOrg, BanUserFromCommunity, UnbanUserFromCommunity;
// messenger_communities.go BanUserFromCommunity (delete_all_messages → DeleteCommunityMemberMessages).
import { hexToBytesOrThrow } from '@status-communities/crypto';
import type { Result } from '@status-communities/errors';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import { memberIdFromPublicKey } from '@status-communities/protocol';
import type { CommunityRequestJob } from '@status-communities/queue';
import type { CommandDecision, CommandScope } from '../command-context.js';
import { runCommand } from '../command-context.js';
import type { RequestHandlerContext } from '../context.js';
import { NO_EFFECTS } from '../effects.js';
import { eventsAt } from '../events.js';
import type { JobOutcome } from '../outcome.js';
import type { HostedCommunity } from '../store/hosted-community.js';
import { bumpCommunityClock, endMembership, isActiveMember, recordMemberEvent } from '../store/membership.js';

type ModerationCommand = Extract<
  CommunityRequestJob,
  { type: 'member.kick' | 'member.ban' | 'member.unban' }
>;

/** The community key is the owner member: nobody removes or bans it. SG community.go ErrCannotRemoveOwner. */
const refuseOwner = (community: HostedCommunity, memberKey: string): Result<void> => {
  const owner = memberIdFromPublicKey(hexToBytesOrThrow(community.id));
  if (!owner.ok) throw owner.error;
  return owner.value === memberKey.toLowerCase()
    ? fail(ErrorCode.FORBIDDEN, 'the owner cannot be removed or banned', { reason: 'owner' })
    : ok(undefined);
};

/** DeleteCommunityMemberMessages is stamped in seconds; derived from the ban's clock, a retry sends the same. */
const deleteClockSeconds = (banClockMs: number): number => Math.floor(banClockMs / 1000);

const kick = async (
  command: Extract<ModerationCommand, { type: 'member.kick' }>,
  { tx, community, nowMs, at, origin }: CommandScope,
): Promise<Result<CommandDecision>> => {
  const memberKey = command.memberKey.toLowerCase();
  const allowed = refuseOwner(community, memberKey);
  if (!allowed.ok) return allowed;
  if (!(await isActiveMember(tx, community.id, memberKey)))
    return ok({ result: { outcome: 'unchanged' }, effects: NO_EFFECTS });
  const clock = await bumpCommunityClock(tx, community, nowMs);
  await endMembership(
    tx,
    { communityId: community.id, memberKey, clock, at, actor: command.actor },
    'KICKED',
    'KICKED',
  );
  return ok({
    result: { outcome: 'kicked' },
    effects: { events: eventsAt(origin, { type: 'member.kicked', memberKey }), publish: true },
  });
};

const ban = async (
  command: Extract<ModerationCommand, { type: 'member.ban' }>,
  { tx, community, nowMs, at, origin }: CommandScope,
): Promise<Result<CommandDecision>> => {
  const memberKey = command.memberKey.toLowerCase();
  const allowed = refuseOwner(community, memberKey);
  if (!allowed.ok) return allowed;
  const existing = await tx.ban.findUnique({
    where: { communityId_memberKey: { communityId: community.id, memberKey } },
  });
  if (existing) {
    // Banned already (a retried command): the deletion request goes out again under the same job ids.
    const clockSeconds = deleteClockSeconds(Number(existing.clock));
    return ok({
      result: { outcome: 'unchanged' },
      effects: existing.deleteAllMessages
        ? { ...NO_EFFECTS, deleteMessages: { memberKey, clockSeconds } }
        : NO_EFFECTS,
    });
  }
  const clock = await bumpCommunityClock(tx, community, nowMs);
  await tx.ban.create({
    data: {
      communityId: community.id,
      memberKey,
      deleteAllMessages: command.deleteAllMessages,
      clock,
      bannedAt: at,
      bannedBy: command.actor,
    },
  });
  await endMembership(
    tx,
    { communityId: community.id, memberKey, clock, at, actor: command.actor },
    'BANNED',
    'BANNED',
  );
  return ok({
    result: { outcome: 'banned' },
    effects: {
      events: eventsAt(origin, {
        type: 'member.banned',
        memberKey,
        deleteAllMessages: command.deleteAllMessages,
      }),
      publish: true,
      ...(command.deleteAllMessages
        ? { deleteMessages: { memberKey, clockSeconds: deleteClockSeconds(clock) } }
        : {}),
    },
  });
};

const unban = async (
  command: Extract<ModerationCommand, { type: 'member.unban' }>,
  { tx, community, nowMs, at, origin }: CommandScope,
): Promise<Result<CommandDecision>> => {
  const memberKey = command.memberKey.toLowerCase();
  const { count } = await tx.ban.deleteMany({ where: { communityId: community.id, memberKey } });
  if (count === 0) return ok({ result: { outcome: 'unchanged' }, effects: NO_EFFECTS });
  const clock = await bumpCommunityClock(tx, community, nowMs);
  // No longer banned, not a member either (status-go does not re-add): the row says removed.
  await tx.member.updateMany({
    where: { communityId: community.id, memberKey, state: 'BANNED' },
    data: { state: 'KICKED', lastUpdateClock: clock },
  });
  await recordMemberEvent(
    tx,
    { communityId: community.id, memberKey, clock, at, actor: command.actor },
    'UNBANNED',
  );
  return ok({
    result: { outcome: 'unbanned' },
    effects: { events: eventsAt(origin, { type: 'member.unbanned', memberKey }), publish: true },
  });
};

export const handleModeration = (
  context: RequestHandlerContext,
  command: ModerationCommand,
): Promise<JobOutcome> =>
  runCommand(context, command, (scope) => {
    switch (command.type) {
      case 'member.kick':
        return kick(command, scope);
      case 'member.ban':
        return ban(command, scope);
      case 'member.unban':
        return unban(command, scope);
    }
  });
