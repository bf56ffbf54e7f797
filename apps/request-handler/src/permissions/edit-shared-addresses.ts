// COMMUNITY_EDIT_SHARED_ADDRESSES (68): a member reveals other wallets. Every signature is checked as a join's
// (libs/protocol validateEditSharedAddresses); the accounts replace those kept on the member's accepted request,
// and the community's members are re-evaluated with them. A forged or unreadable signature, a non-member or an
// older edit is refused and nothing is stored. SG manager.go HandleCommunityEditSharedAddresses.
import { bytesToPrefixedHex } from '@status-communities/crypto';
import { writeAudit } from '@status-communities/db';
import { ErrorCode, StatusError, ok } from '@status-communities/errors';
import { requestToJoinId, validateEditSharedAddresses } from '@status-communities/protocol';
import { enqueue } from '@status-communities/queue';
import type { RequestHandlerContext } from '../context.js';
import type { JobOutcome } from '../outcome.js';
import { recordRefusal } from '../outcome.js';
import { membershipView } from '../requests/membership-view.js';
import type { OpenedRequest } from '../requests/open-request.js';
import type { HostedCommunity } from '../store/hosted-community.js';
import { loadRequesterMembership } from '../store/membership.js';
import { replaceRevealedAccounts } from '../store/requests-to-join.js';

type EditRequest = Extract<OpenedRequest, { kind: 'edit-addresses' }>;

export const editSharedAddresses = async (
  context: RequestHandlerContext,
  community: HostedCommunity,
  memberKey: string,
  request: EditRequest,
  correlationId: string,
): Promise<JobOutcome> => {
  const refusal = {
    type: 'edit-addresses',
    tenantId: community.tenantId,
    communityId: community.id,
    actor: memberKey,
    action: 'request.edit-shared-addresses',
    input: { messageId: request.messageId },
  };
  const published = await context.publishedDescriptions.read(community);
  if (!published.ok) throw published.error;
  const membership = await loadRequesterMembership(context.prisma, community.id, memberKey);
  const edit = validateEditSharedAddresses(request.request, request.signer, {
    description: membershipView(community, published.value, membership),
    memberLastUpdateClock:
      membership.member === undefined ? undefined : BigInt(membership.member.lastUpdateClock),
  });
  if (!edit.ok) return recordRefusal(context, refusal, edit.error, correlationId);
  const requestId = bytesToPrefixedHex(requestToJoinId(memberKey, community.id));
  const accounts = edit.value.revealedAccounts;
  const stored = await context.prisma.$transaction(async (tx) => {
    if (!(await replaceRevealedAccounts(tx, requestId, accounts))) return false;
    await writeAudit(tx, {
      tenantId: community.tenantId,
      communityId: community.id,
      actor: memberKey,
      action: refusal.action,
      input: { requestId, messageId: request.messageId, addresses: accounts.map((a) => a.address ?? '') },
      result: ok(undefined),
    });
    return true;
  });
  if (!stored)
    return recordRefusal(
      context,
      refusal,
      new StatusError(ErrorCode.FORBIDDEN, 'the member has no accepted request to join', {
        reason: 'no-request-to-join',
      }),
      correlationId,
    );
  const queued = await enqueue(
    context.requestsQueue,
    {
      type: 'members.reevaluate',
      correlationId,
      // The member is named in the audit row; the job's actor is bounded and names the service.
      actor: 'request-handler',
      communityId: community.id,
      reason: 'shared-addresses-edited',
    },
    // One re-evaluation per edit, however often Waku or a retry delivers it.
    { jobId: `reevaluate.shared-addresses.${community.id}.${request.messageId}` },
  );
  if (!queued.ok) throw queued.error;
  context.metrics.handled.inc({ type: 'edit-addresses', outcome: 'updated' });
  context.logger.info(
    { type: 'edit-addresses', communityId: community.id, memberKey, count: accounts.length, correlationId },
    'shared addresses edited',
  );
  return { outcome: 'updated', requestId };
};
