// request.respond: the CommunityRequestToJoinResponse to an accepted requester, carrying the published
// description that lists them, as status-go's acceptRequestToJoinCommunity sends it.
import { hexToBytesOrThrow } from '@status-communities/crypto';
import { ErrorCode } from '@status-communities/errors';
import type { SealedControlNodeMessage } from '@status-communities/protocol';
import { buildCommunityGrant, sealRequestToJoinResponse } from '@status-communities/protocol';
import type { JobData, QueueName } from '@status-communities/queue';
import { PermanentJobError, RetryLaterError } from '@status-communities/queue';
import type { RequestHandlerContext } from '../context.js';
import { queueOutbound } from '../outbound.js';
import type { JobOutcome } from '../outcome.js';
import type { HostedCommunity } from '../store/hosted-community.js';
import { readHostedCommunity } from '../store/hosted-community.js';
import { acceptedMembers } from '../store/requests-to-join.js';

type RespondJob = Extract<JobData<typeof QueueName.COMMUNITY_REQUESTS>, { type: 'request.respond' }>;

/**
 * Every key of an encrypted community's group, to ride along with the answer (status-go: the response's
 * HR_header.keys). Waits (retrying) for the publisher to have made the first one; refused permanently when
 * this service has no GROUP_KEYS_MASTER_KEY.
 */
const communityKeys = async (context: RequestHandlerContext, community: HostedCommunity) => {
  if (!community.encrypted) return undefined;
  if (!context.groupKeys)
    throw new PermanentJobError(
      ErrorCode.INVALID_CONFIG,
      'an encrypted community needs GROUP_KEYS_MASTER_KEY',
      {
        communityId: community.id,
      },
    );
  const groupId = hexToBytesOrThrow(community.id);
  const keys = await context.groupKeys.ofGroup(community.id, groupId);
  if (!keys.ok) throw keys.error;
  if (keys.value.length === 0)
    throw new RetryLaterError(`community ${community.id} has no group key yet`, {
      communityId: community.id,
    });
  return {
    installationId: context.settings.installationId,
    groupId,
    keys: keys.value.map((stored) => stored.key),
  };
};

/**
 * Waits (by retrying) until the publisher has published a description at least as new as the acceptances,
 * then sends it inside each response: signed by the community key, ECIES to the requester on its partitioned
 * topic, shard 64, with a grant. Nothing is sent to a requester who is no longer a member by then. The
 * community, its description and its key are read once for every request the job answers.
 */
export const respondToAcceptedRequest = async (
  context: RequestHandlerContext,
  job: RespondJob,
): Promise<JobOutcome> => {
  const { requestId, communityId } = job;
  const requestIds = [requestId, ...(job.alsoRequestIds ?? [])];
  const community = await readHostedCommunity(context.prisma, communityId);
  const answerable = community ? await acceptedMembers(context.prisma, communityId, requestIds) : [];
  const gone = requestIds.length - answerable.length;
  if (gone > 0) context.metrics.handled.inc({ type: job.type, outcome: 'unchanged' }, gone);
  if (!community || answerable.length === 0) return { outcome: 'unchanged', requestId };
  const latest = community.lastPublishedClock;
  const notYet = () =>
    // Retried with backoff while the description listing the new members is not out yet.
    new RetryLaterError(`community ${communityId} has not published clock ${job.clock} yet`, {
      communityId,
      clock: job.clock,
    });
  if (latest === null || latest < job.clock) throw notYet();
  // The bytes are read once per published clock, not once per answer (a burst answers thousands with them).
  const publishedDescription = await context.publishedDescriptions.published(community);
  if (!publishedDescription.ok) throw notYet();
  const { raw: description, clock: published } = publishedDescription.value;
  const keyExchange = await communityKeys(context, community);

  const key = await context.keyring.open(community.keyId);
  if (!key.ok) throw key.error;
  const answers: { readonly id: string; readonly sealed: SealedControlNodeMessage }[] = [];
  try {
    const communityPrivateKey = key.value.reveal();
    for (const accepted of answerable) {
      const requesterPublicKey = hexToBytesOrThrow(accepted.requesterKey);
      const grant = buildCommunityGrant({
        communityPrivateKey,
        memberPublicKey: requesterPublicKey,
        clock: published,
        nowMs: context.clock(),
      });
      if (!grant.ok) throw grant.error;
      const sealed = sealRequestToJoinResponse({
        communityPrivateKey,
        requesterPublicKey,
        accepted: true,
        clock: published,
        descriptionMessage: description,
        grant: grant.value,
        communityShard: community.shard,
        profile: context.settings.shardProfile,
        ...(keyExchange && { keyExchange }),
      });
      // The requester key was checked when the request was stored.
      if (!sealed.ok) throw sealed.error;
      // One answer per acceptance, whichever job sends it (a batch's, or a copy's of the request).
      answers.push({ id: `response-${accepted.requestId}-${accepted.memberClock}`, sealed: sealed.value });
    }
  } finally {
    key.value.wipe();
  }
  for (const answer of answers) {
    const count = await queueOutbound(context, answer.sealed, answer.id, job.correlationId);
    context.metrics.outbound.inc({ kind: 'response' }, count);
  }
  context.metrics.handled.inc({ type: job.type, outcome: 'responded' }, answers.length);
  return { outcome: 'responded', requestId };
};
