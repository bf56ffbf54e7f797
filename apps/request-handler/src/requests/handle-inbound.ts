// request.inbound: a request sent to a hosted community's key, as the indexer forwarded it untouched. Joins
// are decided in batches per community (join-batch.ts); cancels and leaves one by one here.
import { bytesToPrefixedHex } from '@status-communities/crypto';
import type { Prisma } from '@status-communities/db';
import { prismaSql } from '@status-communities/db';
import { writeAudit } from '@status-communities/db';
import type { Result } from '@status-communities/errors';
import { ErrorCode, StatusError, fail, ok } from '@status-communities/errors';
import type { MembershipView } from '@status-communities/protocol';
import {
  memberIdFromPublicKey,
  requestToJoinId,
  validateCancelRequestToJoin,
  validateRequestToLeave,
} from '@status-communities/protocol';
import type { JobData, OutboxRow, QueueName } from '@status-communities/queue';
import { base64ToBytes } from '@status-communities/queue';
import type { RequestHandlerContext } from '../context.js';
import type { Effects } from '../effects.js';
import { NO_EFFECTS, applyEffects } from '../effects.js';
import { eventsAt } from '../events.js';
import type { JobOutcome } from '../outcome.js';
import { recordRefusal } from '../outcome.js';
import { editSharedAddresses } from '../permissions/edit-shared-addresses.js';
import { checkJoinGate } from '../permissions/join-gate.js';
import { requestReevaluation } from '../permissions/reevaluate-request.js';
import type { HostedCommunity } from '../store/hosted-community.js';
import { lockHostedCommunity } from '../store/hosted-community.js';
import { bumpCommunityClock, endMembership, loadRequesterMembership } from '../store/membership.js';
import { findRequest, setRequestState } from '../store/requests-to-join.js';
import { answerKeysRequest } from './answer-keys-request.js';
import type { PublishedDescriptions } from './membership-view.js';
import { membershipView } from './membership-view.js';
import type { OpenedRequest } from './open-request.js';
import { openRequest } from './open-request.js';

type InboundJob = Extract<JobData<typeof QueueName.COMMUNITY_REQUESTS>, { type: 'request.inbound' }>;

/** What one transaction decided: the job's outcome and what follows the commit. */
interface Decided {
  readonly result: JobOutcome;
  readonly effects: Effects;
  readonly community: HostedCommunity;
  readonly outboxRow: OutboxRow | undefined;
}

/** What a judge decided, before the runner adds the community and the outbox row. */
type Judged = Omit<Decided, 'community' | 'outboxRow'>;

const ACTIONS = { join: 'request.join', cancel: 'request.cancel', leave: 'request.leave' } as const;

interface Handling {
  readonly tx: Prisma.TransactionClient;
  readonly community: HostedCommunity;
  readonly requesterKey: string;
  readonly requestId: string;
  readonly nowMs: number;
  readonly at: Date;
  readonly correlationId: string;
  readonly published: PublishedDescriptions;
}

/** The rules' view of the community and this requester. */
const viewFor = async (handling: Handling): Promise<Result<MembershipView>> => {
  const { tx, community, requesterKey, published } = handling;
  const description = await published.read(community);
  if (!description.ok) return description;
  const requester = await loadRequesterMembership(tx, community.id, requesterKey);
  return ok(membershipView(community, description.value, requester));
};

const origin = (handling: Handling) => ({
  communityId: handling.community.id,
  occurredAt: handling.nowMs,
  correlationId: handling.correlationId,
});

/** A member (or a requester) leaves: the member is removed and the description republished. */
const removeOnExit = async (
  handling: Handling,
  memberKey: string,
  event: 'member.left',
): Promise<Effects> => {
  const { tx, community, nowMs, at } = handling;
  const clock = await bumpCommunityClock(tx, community, nowMs);
  await endMembership(
    tx,
    { communityId: community.id, memberKey, clock, at, actor: memberKey },
    'LEFT',
    'LEFT',
  );
  return { events: eventsAt(origin(handling), { type: event, memberKey }), publish: true };
};

/**
 * CommunityCancelRequestToJoin: the request is canceled, and a member who sends one is removed.
 * SG manager.go HandleCommunityCancelRequestToJoin.
 */
const judgeCancel = async (
  handling: Handling,
  opened: Extract<OpenedRequest, { kind: 'cancel' }>,
): Promise<Result<Judged>> => {
  const { tx, requestId, requesterKey, at } = handling;
  const stored = await findRequest(tx, requestId);
  const view = await viewFor(handling);
  if (!view.ok) return view;
  const exit = validateCancelRequestToJoin(opened.request, opened.signer, {
    description: view.value,
    ...(stored ? { requestClock: stored.clock } : {}),
  });
  if (!exit.ok) return exit;
  if (stored?.state === 'CANCELED' && !exit.value.removeMember)
    return ok({ result: { outcome: 'unchanged', requestId }, effects: NO_EFFECTS });
  await setRequestState(tx, requestId, { state: 'CANCELED', at, decidedBy: requesterKey });
  const canceled = eventsAt(origin(handling), { type: 'request.canceled', requestId, requesterKey });
  if (!exit.value.removeMember)
    return ok({ result: { outcome: 'canceled', requestId }, effects: { events: canceled, publish: false } });
  const removed = await removeOnExit(handling, requesterKey, 'member.left');
  return ok({
    result: { outcome: 'canceled', requestId },
    effects: { ...removed, events: [...canceled, ...removed.events] },
  });
};

/** CommunityRequestToLeave: the member is removed. SG manager.go HandleCommunityRequestToLeave. */
const judgeLeave = async (
  handling: Handling,
  opened: Extract<OpenedRequest, { kind: 'leave' }>,
): Promise<Result<Judged>> => {
  const { tx, requestId, requesterKey } = handling;
  const stored = await findRequest(tx, requestId);
  const view = await viewFor(handling);
  if (!view.ok) return view;
  const exit = validateRequestToLeave(opened.request, opened.signer, {
    description: view.value,
    ...(stored ? { requestClock: stored.clock } : {}),
  });
  if (!exit.ok) return exit;
  if (!exit.value.removeMember)
    return ok({ result: { outcome: 'unchanged', requestId }, effects: NO_EFFECTS });
  return ok({
    result: { outcome: 'left', requestId },
    effects: await removeOnExit(handling, requesterKey, 'member.left'),
  });
};

const judge = (
  handling: Handling,
  request: Extract<OpenedRequest, { kind: 'cancel' | 'leave' }>,
): Promise<Result<Judged>> => {
  switch (request.kind) {
    case 'cancel':
      return judgeCancel(handling, request);
    case 'leave':
      return judgeLeave(handling, request);
  }
};

/**
 * Opens the request with the community key, then judges it under the community's row lock: state, clock,
 * request row and audit row in one transaction; events, publish and answers after the commit. Refusals
 * (unknown community, unreadable or unsigned payload, bad signatures, banned, expired, replayed…) change
 * nothing, are counted, audited and logged, and complete the job: a requester's bad message is not a fault.
 */
export const handleInboundRequest = async (
  context: RequestHandlerContext,
  job: InboundJob,
): Promise<JobOutcome> => {
  const refusal = (type: string, actor: string, tenantId: string | null) => ({
    type,
    tenantId,
    communityId: job.communityId,
    actor,
    action: type in ACTIONS ? ACTIONS[type as keyof typeof ACTIONS] : 'request.inbound',
    input: { wakuHash: job.message.hash, pubsubTopic: job.message.pubsubTopic },
  });
  const known = await context.sharedReads.hostedCommunity(job.communityId);
  if (!known)
    return recordRefusal(
      context,
      refusal('request.inbound', 'unknown', null),
      new StatusError(ErrorCode.NOT_FOUND, 'not a hosted community', { reason: 'unknown-community' }),
      job.correlationId,
    );
  const key = await context.keyring.open(known.keyId);
  if (!key.ok) throw key.error;
  let opened: Result<OpenedRequest>;
  try {
    opened = openRequest(base64ToBytes(job.message.payload), key.value.reveal());
  } finally {
    key.value.wipe();
  }
  if (!opened.ok)
    return recordRefusal(
      context,
      refusal('request.inbound', 'unknown', known.tenantId),
      opened.error,
      job.correlationId,
    );
  const request = opened.value;
  const requesterKey = memberIdFromPublicKey(request.signer);
  // The signer was recovered from a signature, so it is a curve point.
  if (!requesterKey.ok) throw requesterKey.error;
  if (request.kind === 'keys')
    return answerKeysRequest(context, known, requesterKey.value, request, job.correlationId);
  if (request.kind === 'edit-addresses')
    return editSharedAddresses(context, known, requesterKey.value, request, job.correlationId);
  if (request.kind === 'reevaluate')
    return requestReevaluation(context, known, requesterKey.value, request, job.correlationId);
  const requestId = bytesToPrefixedHex(requestToJoinId(requesterKey.value, job.communityId));
  const nowMs = context.clock();
  // A join's events were appended by its batch; an exit's are this job's to append.
  const decided: Result<Omit<Decided, 'outboxRow'> & { readonly outboxRow?: OutboxRow | undefined }> =
    request.kind === 'join'
      ? await context.joinBatches.submit(job.communityId, {
          request,
          requesterKey: requesterKey.value,
          requestId,
          nowMs,
          correlationId: job.correlationId,
          gate: await checkJoinGate(context, known.id, request.request),
        })
      : await decideExit(context, job, request, requesterKey.value, requestId, nowMs);
  if (!decided.ok)
    return recordRefusal(
      context,
      { ...refusal(request.kind, requesterKey.value, known.tenantId), input: { requestId } },
      decided.error,
      job.correlationId,
    );
  const { result, effects, community, outboxRow } = decided.value;
  await applyEffects(context, community, effects, job.correlationId, outboxRow);
  context.metrics.handled.inc({ type: request.kind, outcome: result.outcome });
  if (result.outcome === 'accepted' || result.outcome === 'declined')
    context.metrics.decisions.inc({ decision: result.outcome, by: 'policy' });
  context.logger.info(
    { type: request.kind, communityId: community.id, requestId, ...result, correlationId: job.correlationId },
    'request handled',
  );
  return result;
};

/** A cancel or a leave, judged under the community's row lock with its audit row and events. */
const decideExit = (
  context: RequestHandlerContext,
  job: InboundJob,
  request: Extract<OpenedRequest, { kind: 'cancel' | 'leave' }>,
  requesterKey: string,
  requestId: string,
  nowMs: number,
): Promise<Result<Decided>> =>
  context.prisma.$transaction(async (tx): Promise<Result<Decided>> => {
    const community = await lockHostedCommunity(tx, job.communityId);
    if (!community)
      return fail(ErrorCode.NOT_FOUND, 'not a hosted community', { reason: 'unknown-community' });
    const handling: Handling = {
      tx,
      community,
      requesterKey,
      requestId,
      nowMs,
      at: new Date(nowMs),
      correlationId: job.correlationId,
      published: context.publishedDescriptions,
    };
    const judged = await judge(handling, request);
    if (!judged.ok) return judged;
    // A duplicate decided nothing: no second audit row for a Waku duplicate or a retried job.
    if (judged.value.result.outcome !== 'unchanged')
      await writeAudit(tx, {
        tenantId: community.tenantId,
        communityId: community.id,
        actor: requesterKey,
        action: ACTIONS[request.kind],
        input: {
          requestId,
          messageId: request.messageId,
          outcome: judged.value.result.outcome,
          ...(judged.value.result.reason ? { reason: judged.value.result.reason } : {}),
        },
        result: ok(undefined),
      });
    const outboxRow = await context.outbox.write(prismaSql(tx), judged.value.effects.events);
    return ok({ ...judged.value, community, outboxRow });
  });
