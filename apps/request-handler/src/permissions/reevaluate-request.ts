// COMMUNITY_REEVALUATE_PERMISSIONS_REQUEST (84): a privileged member (owner, admin, token master) asks the control
// node to re-check every member now, as after an airdrop; anyone else is refused. One re-evaluation per message.
// SG messenger_communities.go HandleCommunityReevaluatePermissionsRequest (IsPrivilegedMember).
import { equalBytes, hexToBytesOrThrow } from '@status-communities/crypto';
import { ErrorCode, StatusError } from '@status-communities/errors';
import { enqueue } from '@status-communities/queue';
import type { RequestHandlerContext } from '../context.js';
import type { JobOutcome } from '../outcome.js';
import { recordRefusal } from '../outcome.js';
import type { OpenedRequest } from '../requests/open-request.js';
import type { HostedCommunity } from '../store/hosted-community.js';

type ReevaluateRequest = Extract<OpenedRequest, { kind: 'reevaluate' }>;

export const requestReevaluation = async (
  context: RequestHandlerContext,
  community: HostedCommunity,
  requesterKey: string,
  request: ReevaluateRequest,
  correlationId: string,
): Promise<JobOutcome> => {
  const refuse = (code: ErrorCode, message: string, reason: string) =>
    recordRefusal(
      context,
      {
        type: 'reevaluate',
        tenantId: community.tenantId,
        communityId: community.id,
        actor: requesterKey,
        action: 'request.reevaluate-permissions',
        input: { messageId: request.messageId },
      },
      new StatusError(code, message, { reason }),
      correlationId,
    );
  if (!equalBytes(request.request.communityId ?? new Uint8Array(0), hexToBytesOrThrow(community.id)))
    return refuse(ErrorCode.INVALID_REQUEST_TO_JOIN, 'request is for another community', 'wrong-community');
  const member = await context.prisma.member.findUnique({
    where: { communityId_memberKey: { communityId: community.id, memberKey: requesterKey } },
    select: { state: true, roles: true },
  });
  if (member?.state !== 'ACTIVE' || member.roles.length === 0)
    return refuse(ErrorCode.FORBIDDEN, 'only a privileged member asks for a re-evaluation', 'not-privileged');
  const queued = await enqueue(
    context.requestsQueue,
    {
      type: 'members.reevaluate',
      correlationId,
      actor: 'request-handler',
      communityId: community.id,
      reason: 'demand',
    },
    { jobId: `reevaluate.request.${community.id}.${request.messageId}` },
  );
  if (!queued.ok) throw queued.error;
  context.metrics.handled.inc({ type: 'reevaluate', outcome: 'updated' });
  return { outcome: 'updated' };
};
