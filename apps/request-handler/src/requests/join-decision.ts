// The decision on one CommunityRequestToJoin, with no I/O: the request, the requester's stored rows and the
// community as the requests before it in the same batch left it in, in; what to store and do, out. A batch
// decides its requests one after another through this function, so each answer is the one it would get alone.
import type { MemberRole, MemberState, RequestToJoinState } from '@status-communities/db';
import type { Result } from '@status-communities/errors';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import { uint64ToBigInt } from '@status-communities/proto';
import type {
  BanInfoModel,
  CommunityDescriptionModel,
  MemberPermissionOutcome,
} from '@status-communities/protocol';
import { nextDescriptionClock, validateRequestToJoin } from '@status-communities/protocol';
import type { DomainEvent } from '@status-communities/queue';
import type { Effects } from '../effects.js';
import { NO_EFFECTS } from '../effects.js';
import type { EventOrigin } from '../events.js';
import { eventsAt } from '../events.js';
import type { JobOutcome } from '../outcome.js';
import type { JoinGate } from '../permissions/join-gate.js';
import { CHAIN_RETRY_DELAY_MS } from '../permissions/join-gate.js';
import type { HostedCommunity } from '../store/hosted-community.js';
import type { StoredRequest } from '../store/requests-to-join.js';
import { membershipView } from './membership-view.js';
import type { OpenedRequest } from './open-request.js';
import { requestNovelty } from './replay.js';

export type OpenedJoin = Extract<OpenedRequest, { kind: 'join' }>;

/** A request to join, opened and gated before the batch's transaction. */
export interface PreparedJoin {
  readonly request: OpenedJoin;
  /** `0x04…`, the signer's key. */
  readonly requesterKey: string;
  readonly requestId: string;
  readonly nowMs: number;
  readonly correlationId: string;
  /** Token permissions checked with the request's revealed accounts (never under the row lock). */
  readonly gate: JoinGate;
}

/** The requester's rows as stored when the batch began. */
export interface RequesterRows {
  readonly request: StoredRequest | null;
  /** The requester's member row in any state, or none. */
  readonly member:
    | { readonly state: MemberState; readonly roles: readonly MemberRole[]; readonly lastUpdateClock: number }
    | undefined;
  readonly ban: BanInfoModel | undefined;
}

/** The community as the batch has changed it so far. */
export interface BatchState {
  readonly community: HostedCommunity;
  /** Active members. */
  readonly memberCount: number;
  /** Pending requests (status-go caps them). */
  readonly pendingCount: number;
  /** The last published description (channels and permissions the rules read). */
  readonly published: CommunityDescriptionModel;
}

/** What one decision stores; the batch writes them all at once. */
export interface JoinWrites {
  readonly requestState?: {
    readonly state: Extract<RequestToJoinState, 'ACCEPTED' | 'PENDING' | 'DECLINED'>;
    readonly decidedBy: string | null;
    readonly heldBy?: 'permissions' | 'chain';
  };
  /** The requester becomes an active member at this clock, with the roles the tokens grant. */
  readonly activate?: { readonly clock: number; readonly permissions: MemberPermissionOutcome | undefined };
  /** An audit row (not for a duplicate, which decided nothing). */
  readonly audited: boolean;
}

export interface JoinDecision {
  readonly result: JobOutcome;
  readonly events: readonly DomainEvent[];
  /** What follows the commit; `events` are written by the batch, so they are not here. */
  readonly effects: Effects;
  readonly writes: JoinWrites;
  /** The community after this request. */
  readonly next: BatchState;
}

const origin = (join: PreparedJoin, community: HostedCommunity): EventOrigin => ({
  communityId: community.id,
  occurredAt: join.nowMs,
  correlationId: join.correlationId,
});

/** Moves the clock on as status-go does (bumpCommunityClock's rule), switching access when asked. */
const bumped = (state: BatchState, nowMs: number, access?: 'MANUAL_ACCEPT'): BatchState => ({
  ...state,
  community: {
    ...state.community,
    clock: nextDescriptionClock(state.community.clock, nowMs),
    ...(access === undefined ? {} : { access }),
  },
});

const pendingDelta = (rows: RequesterRows, state: RequestToJoinState): number =>
  (state === 'PENDING' ? 1 : 0) - (rows.request?.state === 'PENDING' ? 1 : 0);

/**
 * A CommunityRequestToJoin, in status-go's order (SG manager.go HandleCommunityRequestToJoin): AUTO_ACCEPT
 * (or a member asking again) accepts, MANUAL_ACCEPT keeps it pending, a revealed account that does not
 * recover declines; past MAX_AUTO_ACCEPT_MEMBERS the community turns MANUAL_ACCEPT. Token permissions hold a
 * request the community would accept, until a chain answers or the accounts meet them; never declined for it.
 */
export const decideJoin = (
  state: BatchState,
  join: PreparedJoin,
  rows: RequesterRows,
): Result<JoinDecision> => {
  const { community } = state;
  const { request, requesterKey, requestId, nowMs, gate } = join;
  const activeMember =
    rows.member?.state === 'ACTIVE'
      ? {
          publicKey: requesterKey,
          roles: rows.member.roles,
          channelRole: 'POSTER' as const,
          lastUpdateClock: rows.member.lastUpdateClock,
        }
      : undefined;
  const clock = Number(uint64ToBigInt(request.request.clock));
  const novelty = requestNovelty(rows.request, clock, activeMember !== undefined);
  if (novelty === 'replayed')
    return fail(ErrorCode.INVALID_CLOCK, 'request is not newer than the one already handled', {
      reason: 'replayed',
      clock,
      storedClock: rows.request?.clock,
    });
  const unchanged = { events: [], writes: { audited: false }, next: state };
  if (novelty === 'duplicate')
    return ok({
      ...unchanged,
      result: { outcome: 'unchanged', requestId },
      // A retry after a crash past the commit still answers an accepted request, under the answer's job id
      // (request and the clock the member joined at), so a copy handled after later changes answers nothing
      // twice.
      effects:
        rows.request?.state === 'ACCEPTED'
          ? {
              ...NO_EFFECTS,
              respond: { requestId, clock: activeMember?.lastUpdateClock ?? community.clock },
            }
          : NO_EFFECTS,
    });

  const view = membershipView(community, state.published, {
    memberKey: requesterKey,
    member: activeMember,
    memberCount: state.memberCount,
    ban: rows.ban,
  });
  const verdict = validateRequestToJoin(request.request, request.signer, {
    description: view,
    pendingCount: state.pendingCount,
    nowMs,
    ...(rows.request?.state === 'DECLINED' ? { declinedRequestClock: rows.request.clock } : {}),
  });
  if (!verdict.ok) return verdict;
  const { decision, reason, switchToManualAccept } = verdict.value;
  const at = origin(join, community);
  const received = eventsAt(at, { type: 'request.received', requestId, requesterKey });
  const decided = (outcome: 'accepted' | 'declined') =>
    eventsAt(at, {
      type: 'request.decided',
      requestId,
      requesterKey,
      decision: outcome,
      decidedBy: 'policy',
    });
  const counted = (next: BatchState, stored: RequestToJoinState): BatchState => ({
    ...next,
    pendingCount: next.pendingCount + pendingDelta(rows, stored),
  });

  if (decision === 'decline')
    return ok({
      result: { outcome: 'declined', requestId, reason },
      events: [...received, ...decided('declined')],
      effects: { events: [], publish: false, decline: { requestId, requesterKey, clock: community.clock } },
      writes: { requestState: { state: 'DECLINED', decidedBy: `policy:${reason}` }, audited: true },
      next: counted(state, 'DECLINED'),
    });
  const manualAccess = switchToManualAccept ? ('MANUAL_ACCEPT' as const) : undefined;
  if (decision === 'accept' && reason !== 'already-member' && gate.kind !== 'open') {
    const heldBy =
      gate.kind === 'unavailable'
        ? ('chain' as const)
        : gate.outcome.member
          ? undefined
          : ('permissions' as const);
    if (heldBy)
      return ok({
        result: {
          outcome: 'pending',
          requestId,
          reason: heldBy === 'chain' ? 'chain-unavailable' : 'permissions-not-met',
        },
        events: received,
        effects: {
          events: [],
          publish: false,
          ...(heldBy === 'chain'
            ? { reevaluate: { reason: 'chain-retry' as const, delayMs: CHAIN_RETRY_DELAY_MS } }
            : {}),
        },
        writes: { requestState: { state: 'PENDING', decidedBy: null, heldBy }, audited: true },
        next: counted(state, 'PENDING'),
      });
  }
  if (decision === 'pending')
    return ok({
      result: { outcome: 'pending', requestId, reason },
      events: received,
      effects: { events: [], publish: switchToManualAccept },
      writes: { requestState: { state: 'PENDING', decidedBy: null }, audited: true },
      next: counted(manualAccess ? bumped(state, nowMs, manualAccess) : state, 'PENDING'),
    });
  // Accepting someone already a member changes nothing stored but the request (and the access switch).
  const joins = reason !== 'already-member';
  const next = joins || switchToManualAccept ? bumped(state, nowMs, manualAccess) : state;
  return ok({
    result: { outcome: 'accepted', requestId, reason },
    events: [
      ...received,
      ...decided('accepted'),
      ...(joins ? eventsAt(at, { type: 'member.joined', memberKey: requesterKey }) : []),
    ],
    effects: {
      events: [],
      publish: joins || switchToManualAccept,
      respond: { requestId, clock: next.community.clock },
    },
    writes: {
      requestState: { state: 'ACCEPTED', decidedBy: `policy:${reason}` },
      ...(joins
        ? {
            activate: {
              clock: next.community.clock,
              permissions: gate.kind === 'checked' ? gate.outcome : undefined,
            },
          }
        : {}),
      audited: true,
    },
    next: counted({ ...next, memberCount: next.memberCount + (joins ? 1 : 0) }, 'ACCEPTED'),
  });
};
