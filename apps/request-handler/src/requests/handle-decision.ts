// request.decide: a privileged member's decision on a pending request (MANUAL_ACCEPT), through the API.
// SG messenger_communities.go AcceptRequestToJoinCommunity, DeclineRequestToJoinCommunity.
import type { Result } from '@status-communities/errors';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { CommunityRequestJob } from '@status-communities/queue';
import type { CommandDecision, CommandScope } from '../command-context.js';
import { runCommand } from '../command-context.js';
import type { RequestHandlerContext } from '../context.js';
import { NO_EFFECTS } from '../effects.js';
import { eventsAt } from '../events.js';
import type { JobOutcome } from '../outcome.js';
import type { JoinGate } from '../permissions/join-gate.js';
import { OPEN_GATE, applyPermissionOutcome, checkAccountsGate } from '../permissions/join-gate.js';
import { revealedAccountChains } from '../permissions/permission-store.js';
import {
  activateMember,
  bumpCommunityClock,
  isActiveMember,
  loadRequesterMembership,
} from '../store/membership.js';
import { findRequest, setRequestState } from '../store/requests-to-join.js';

type DecideCommand = Extract<CommunityRequestJob, { type: 'request.decide' }>;

const decide = async (
  command: DecideCommand,
  gate: JoinGate,
  { tx, community, nowMs, at, origin }: CommandScope,
): Promise<Result<CommandDecision>> => {
  const { requestId, decision } = command;
  const action = decision === 'accept' ? 'request.accept' : 'request.decline';
  const request = await findRequest(tx, requestId);
  if (!request || request.communityId !== community.id)
    return fail(ErrorCode.NOT_FOUND, 'no such request to join this community', { reason: 'unknown-request' });
  const { requesterKey } = request;
  const wanted = decision === 'accept' ? 'ACCEPTED' : 'DECLINED';
  if (request.state === wanted) {
    // Decided already (a retried command): an accepted request is still answered, once.
    const answered =
      wanted === 'ACCEPTED' && (await isActiveMember(tx, community.id, requesterKey))
        ? { ...NO_EFFECTS, respond: { requestId, clock: community.clock } }
        : NO_EFFECTS;
    return ok({ result: { outcome: 'unchanged', requestId }, effects: answered, action });
  }
  if (request.state !== 'PENDING')
    return fail(ErrorCode.CONFLICT, `the request is ${request.state.toLowerCase()}, not pending`, {
      reason: 'not-pending',
    });
  const decided = (outcome: 'accepted' | 'declined') =>
    eventsAt(origin, {
      type: 'request.decided',
      requestId,
      requesterKey,
      decision: outcome,
      decidedBy: 'admin',
    });

  if (decision === 'decline') {
    await setRequestState(tx, requestId, { state: 'DECLINED', at, decidedBy: command.actor });
    return ok({
      action,
      result: { outcome: 'declined', requestId },
      effects: {
        events: decided('declined'),
        publish: false,
        decline: { requestId, requesterKey, clock: community.clock },
      },
    });
  }
  // A ban since the request came in outranks the request. SG community.go ValidateRequestToJoin (isBanned).
  const { ban } = await loadRequesterMembership(tx, community.id, requesterKey);
  if (ban)
    return fail(ErrorCode.FORBIDDEN, 'the requester is banned from this community', { reason: 'banned' });
  // Token permissions hold for an admin's accept too (SG Manager.AcceptRequestToJoin checks them live); the
  // request stays pending when they are not met or a chain cannot be read.
  if (gate.kind === 'unavailable')
    return fail(
      ErrorCode.CHAIN_UNAVAILABLE,
      'the token permissions cannot be checked now: a chain is unavailable',
      {
        reason: 'chain-unavailable',
      },
    );
  if (gate.kind === 'checked' && !gate.outcome.member)
    return fail(ErrorCode.FORBIDDEN, "the requester's revealed accounts do not meet the token permissions", {
      reason: 'permissions-not-met',
    });
  const clock = await bumpCommunityClock(tx, community, nowMs);
  await activateMember(tx, {
    communityId: community.id,
    memberKey: requesterKey,
    clock,
    at,
    actor: command.actor,
    ...(request.displayName ? { displayName: request.displayName } : {}),
    ...(request.ensName ? { ensName: request.ensName } : {}),
  });
  if (gate.kind === 'checked') await applyPermissionOutcome(tx, community.id, requesterKey, gate.outcome);
  await setRequestState(tx, requestId, { state: 'ACCEPTED', at, decidedBy: command.actor });
  return ok({
    action,
    result: { outcome: 'accepted', requestId },
    effects: {
      events: [
        ...decided('accepted'),
        ...eventsAt(origin, { type: 'member.joined', memberKey: requesterKey }),
      ],
      publish: true,
      respond: { requestId, clock },
    },
  });
};

export const handleDecision = async (
  context: RequestHandlerContext,
  command: DecideCommand,
): Promise<JobOutcome> => {
  // Chain reads happen before the community's row lock, as for requests that come in.
  const stored =
    command.decision === 'accept'
      ? await context.prisma.requestToJoin.findUnique({
          where: { id: command.requestId },
          select: { communityId: true, revealedAccounts: true, state: true },
        })
      : null;
  const gate =
    stored && stored.communityId === command.communityId && stored.state === 'PENDING'
      ? await checkAccountsGate(context, command.communityId, revealedAccountChains(stored.revealedAccounts))
      : OPEN_GATE;
  const result = await runCommand(context, command, (scope) => decide(command, gate, scope));
  if (result.outcome === 'accepted' || result.outcome === 'declined')
    context.metrics.decisions.inc({ decision: result.outcome, by: 'admin' });
  return result;
};
