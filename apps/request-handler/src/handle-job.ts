import type { CommunityRequestJob } from '@status-communities/queue';
import type { RequestHandlerContext } from './context.js';
import { handleModeration } from './moderation/handle-moderation.js';
import type { JobOutcome } from './outcome.js';
import { handlePermissionCommand } from './permissions/handle-permission-command.js';
import { handleReevaluate } from './permissions/handle-reevaluate.js';
import { handleDecision } from './requests/handle-decision.js';
import { handleInboundRequest } from './requests/handle-inbound.js';
import { respondToAcceptedRequest } from './requests/handle-respond.js';

/** One community.requests job, timed. */
export const handleRequestJob = async (
  context: RequestHandlerContext,
  job: CommunityRequestJob,
): Promise<JobOutcome> => {
  const stopTimer = context.metrics.handleSeconds.startTimer({ type: job.type });
  try {
    switch (job.type) {
      case 'request.inbound':
        return await handleInboundRequest(context, job);
      case 'request.respond':
        return await respondToAcceptedRequest(context, job);
      case 'request.decide':
        return await handleDecision(context, job);
      case 'member.kick':
      case 'member.ban':
      case 'member.unban':
        return await handleModeration(context, job);
      case 'permission.upsert':
      case 'permission.delete':
        return await handlePermissionCommand(context, job);
      case 'members.reevaluate':
        return await handleReevaluate(context, job);
    }
  } finally {
    stopTimer();
  }
};
