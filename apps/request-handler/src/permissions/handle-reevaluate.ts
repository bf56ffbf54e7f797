// members.reevaluate: every member and every held request of a community checked against its token
// permissions with one read of the chains, then the changes in one transaction. SG manager.go
// reevaluateMembers / applyReevaluateMembersResult, with held requests (which status-go declines) re-checked.
import type { MemberRole, Prisma } from '@status-communities/db';
import { ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import type { MemberPermissionOutcome, RevealedAccountChains } from '@status-communities/protocol';
import type { CommunityRequestJob, DomainEvent } from '@status-communities/queue';
import type { CommandDecision } from '../command-context.js';
import { runCommand } from '../command-context.js';
import type { RequestHandlerContext } from '../context.js';
import type { Effects } from '../effects.js';
import { NO_EFFECTS } from '../effects.js';
import { eventsAt } from '../events.js';
import type { JobOutcome } from '../outcome.js';
import { activateMember, bumpCommunityClock, endMembership, recordMemberEvent } from '../store/membership.js';
import { setRequestState } from '../store/requests-to-join.js';
import { checkPermissions } from './check-permissions.js';
import { CHAIN_RETRY_DELAY_MS, channelRightsJson, rolesOf } from './join-gate.js';
import { liveChannelChatIds, loadTokenPermissions, revealedAccountChains } from './permission-store.js';

type ReevaluateCommand = Extract<CommunityRequestJob, { type: 'members.reevaluate' }>;

interface Candidates {
  readonly members: Map<string, { roles: MemberRole[]; channelRights: Prisma.JsonValue | null }>;
  /** Member key → revealed accounts of the member's accepted request (none: removed, as status-go). */
  readonly memberAccounts: Map<string, RevealedAccountChains[]>;
  /** Held requests: request id → requester and accounts. */
  readonly held: Map<string, { requesterKey: string; accounts: RevealedAccountChains[] }>;
}

const loadCandidates = async (context: RequestHandlerContext, communityId: string): Promise<Candidates> => {
  const rows = await context.prisma.member.findMany({
    where: { communityId, state: 'ACTIVE' },
    select: { memberKey: true, roles: true, channelRights: true },
  });
  // The owner is the control node itself: never re-evaluated.
  const members = new Map(
    rows
      .filter((row) => !row.roles.includes('OWNER'))
      .map((row) => [row.memberKey, { roles: row.roles, channelRights: row.channelRights }]),
  );
  const accepted = await context.prisma.requestToJoin.findMany({
    where: { communityId, state: 'ACCEPTED', requesterKey: { in: [...members.keys()] } },
    select: { requesterKey: true, revealedAccounts: true },
  });
  const memberAccounts = new Map<string, RevealedAccountChains[]>(
    accepted.map((request) => [request.requesterKey, revealedAccountChains(request.revealedAccounts)]),
  );
  const heldRows = await context.prisma.requestToJoin.findMany({
    where: { communityId, state: 'PENDING', heldBy: { not: null } },
    select: { id: true, requesterKey: true, revealedAccounts: true },
  });
  const held = new Map(
    heldRows.map((row) => [
      row.id,
      { requesterKey: row.requesterKey, accounts: revealedAccountChains(row.revealedAccounts) },
    ]),
  );
  return { members, memberAccounts, held };
};

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export const handleReevaluate = async (
  context: RequestHandlerContext,
  command: ReevaluateCommand,
): Promise<JobOutcome> => {
  const { communityId } = command;
  const permissions = await loadTokenPermissions(context.prisma, communityId);
  const channelChatIds = await liveChannelChatIds(context.prisma, communityId);
  const candidates = await loadCandidates(context, communityId);
  const gated = permissions.length > 0;
  let outcomes = new Map<string, MemberPermissionOutcome>();
  if (gated) {
    const accounts = new Map<string, RevealedAccountChains[]>([
      ...[...candidates.members.keys()].map((key): [string, RevealedAccountChains[]] => [
        `member:${key}`,
        candidates.memberAccounts.get(key) ?? [],
      ]),
      ...[...candidates.held].map(([id, held]): [string, RevealedAccountChains[]] => [
        `request:${id}`,
        held.accounts,
      ]),
    ]);
    const checked = await checkPermissions(context.chains, { permissions, channelChatIds }, accounts);
    if (!checked.ok) {
      // Decide nothing on a failed read: look again soon. The periodic check keeps its own schedule.
      context.logger.warn({ communityId, err: checked.error }, 're-evaluation postponed: chain unavailable');
      return runCommand(context, command, async () =>
        ok({
          result: { outcome: 'unchanged', reason: 'chain-unavailable' },
          effects: { ...NO_EFFECTS, reevaluate: { reason: 'chain-retry', delayMs: CHAIN_RETRY_DELAY_MS } },
        }),
      );
    }
    outcomes = checked.value;
  }
  const managesRole = (type: 'BECOME_ADMIN' | 'BECOME_TOKEN_MASTER') =>
    permissions.some((permission) => permission.type === type);
  const managedRoles = new Set<MemberRole>([
    ...(managesRole('BECOME_ADMIN') ? (['ADMIN'] as const) : []),
    ...(managesRole('BECOME_TOKEN_MASTER') ? (['TOKEN_MASTER'] as const) : []),
  ]);

  return runCommand(
    context,
    command,
    async ({ tx, community, nowMs, at, origin }): Promise<Result<CommandDecision>> => {
      const events: DomainEvent[] = [];
      const responses: { requestId: string; clock: number }[] = [];
      let clock: number | undefined;
      const nextClock = async () => (clock ??= await bumpCommunityClock(tx, community, nowMs));
      const actor = 'policy:token-permissions';
      // Read before the lock: whoever left or was removed since is not touched.
      const active = new Set(
        (
          await tx.member.findMany({ where: { communityId, state: 'ACTIVE' }, select: { memberKey: true } })
        ).map((row) => row.memberKey),
      );

      for (const [memberKey, stored] of candidates.members) {
        if (!active.has(memberKey)) continue;
        const outcome = outcomes.get(`member:${memberKey}`);
        if (!gated || !outcome) {
          // No permission left: every member is back in every channel.
          if (stored.channelRights !== null) {
            await tx.member.update({
              where: { communityId_memberKey: { communityId, memberKey } },
              data: { channelRights: null as unknown as Prisma.InputJsonValue },
            });
            await nextClock();
          }
          continue;
        }
        if (!outcome.member) {
          const change = { communityId, memberKey, clock: await nextClock(), at, actor };
          await endMembership(tx, change, 'KICKED', 'REMOVED');
          events.push(...eventsAt(origin, { type: 'member.removed', memberKey, reason: 'PERMISSIONS' }));
          continue;
        }
        // Roles no permission governs (set by the owner) stay as they are.
        const roles: MemberRole[] = [
          ...stored.roles.filter((role) => !managedRoles.has(role)),
          ...rolesOf(outcome).filter((role) => managedRoles.has(role)),
        ];
        const rights = channelRightsJson(outcome);
        const rolesChanged = !sameJson([...roles].sort(), [...stored.roles].sort());
        if (!rolesChanged && sameJson(rights, stored.channelRights)) continue;
        const memberClock = await nextClock();
        await tx.member.update({
          where: { communityId_memberKey: { communityId, memberKey } },
          data: { roles, channelRights: rights, lastUpdateClock: memberClock },
        });
        if (rolesChanged) {
          await recordMemberEvent(
            tx,
            { communityId, memberKey, clock: memberClock, at, actor },
            'ROLE_CHANGED',
          );
          events.push(...eventsAt(origin, { type: 'member.roles_changed', memberKey, roles }));
        }
      }

      for (const [requestId, held] of candidates.held) {
        const outcome = gated ? outcomes.get(`request:${requestId}`) : undefined;
        const { requesterKey } = held;
        if (gated && !outcome?.member) {
          await setRequestState(tx, requestId, {
            state: 'PENDING',
            at,
            decidedBy: null,
            heldBy: 'permissions',
          });
          continue;
        }
        if (community.access === 'MANUAL_ACCEPT') {
          // Tokens are met: the request now waits for an admin, as any other.
          await setRequestState(tx, requestId, { state: 'PENDING', at, decidedBy: null, heldBy: null });
          continue;
        }
        const memberClock = await nextClock();
        await activateMember(tx, { communityId, memberKey: requesterKey, clock: memberClock, at, actor });
        if (outcome) {
          await tx.member.update({
            where: { communityId_memberKey: { communityId, memberKey: requesterKey } },
            data: { roles: rolesOf(outcome), channelRights: channelRightsJson(outcome) },
          });
        }
        await setRequestState(tx, requestId, { state: 'ACCEPTED', at, decidedBy: actor, heldBy: null });
        events.push(
          ...eventsAt(
            origin,
            { type: 'request.decided', requestId, requesterKey, decision: 'accepted', decidedBy: 'policy' },
            { type: 'member.joined', memberKey: requesterKey },
          ),
        );
        responses.push({ requestId, clock: memberClock });
      }

      await tx.community.update({ where: { id: communityId }, data: { permissionsCheckedAt: at } });
      const effects: Effects = { events, publish: clock !== undefined, responses };
      return ok({
        result: { outcome: clock === undefined ? 'unchanged' : 'reevaluated' },
        effects,
      });
    },
  );
};
