// request.respond: the CommunityRequestToJoinResponse to an accepted requester, carrying the published
// description that lists them, as status-go's acceptRequestToJoinCommunity sends it.
import { hexToBytesOrThrow } from '@status-communities/crypto';
import { ErrorCode } from '@status-communities/errors';
import { buildCommunityGrant, sealRequestToJoinResponse } from '@status-communities/protocol';
import type { JobData, QueueName } from '@status-communities/queue';
import { PermanentJobError, RetryLaterError } from '@status-communities/queue';
import type { RequestHandlerContext } from '../context.js';
import { queueOutbound } from '../outbound.js';
import type { JobOutcome } from '../outcome.js';
import type { HostedCommunity } from '../store/hosted-community.js';
import { readHostedCommunity } from '../store/hosted-community.js';
import { isActiveMember } from '../store/membership.js';
import { findRequest } from '../store/requests-to-join.js';

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
 * Waits (by retrying) until the publisher has published a description at least as new as the acceptance,
 * then sends it inside the response: signed by the community key, ECIES to the requester on its partitioned
 * topic, shard 64, with a grant. Nothing is sent when the requester is no longer a member by then.
 */
export const respondToAcceptedRequest = async (
  context: RequestHandlerContext,
  job: RespondJob,
): Promise<JobOutcome> => {
  const { requestId, communityId } = job;
  const [community, request] = await Promise.all([
    readHostedCommunity(context.prisma, communityId),
    findRequest(context.prisma, requestId),
  ]);
  if (
    !community ||
    request?.state !== 'ACCEPTED' ||
    !(await isActiveMember(context.prisma, communityId, request.requesterKey))
  ) {
    context.metrics.handled.inc({ type: job.type, outcome: 'unchanged' });
    return { outcome: 'unchanged', requestId };
  }
  const latest = community.lastPublishedClock;
  const notYet = () =>
    // Retried with backoff while the description listing the new member is not out yet.
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
  const requesterPublicKey = hexToBytesOrThrow(request.requesterKey);
  let sealed;
  try {
    const communityPrivateKey = key.value.reveal();
    const grant = buildCommunityGrant({
      communityPrivateKey,
      memberPublicKey: requesterPublicKey,
      clock: published,
      nowMs: context.clock(),
    });
    if (!grant.ok) throw grant.error;
    sealed = sealRequestToJoinResponse({
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
  } finally {
    key.value.wipe();
  }
  // The requester key was checked when the request was stored.
  if (!sealed.ok) throw sealed.error;
  const count = await queueOutbound(
    context,
    sealed.value,
    `response-${requestId}-${job.clock}`,
    job.correlationId,
  );
  context.metrics.outbound.inc({ kind: 'response' }, count);
  context.metrics.handled.inc({ type: job.type, outcome: 'responded' });
  return { outcome: 'responded', requestId };
};
