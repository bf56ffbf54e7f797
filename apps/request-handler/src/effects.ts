// What follows a committed change: domain events, a publish of the new state, answers to the requester and
// DeleteCommunityMemberMessages. Each is idempotent (deterministic job ids, coalesced publishes), so a job
// retried after its commit queues them again without doubling anything.
import { hexToBytesOrThrow } from '@status-communities/crypto';
import type { SecretKey } from '@status-communities/keyring';
import { sealDeleteMemberMessages, sealRequestToJoinResponse } from '@status-communities/protocol';
import type { DomainEvent, OutboxRow } from '@status-communities/queue';
import { enqueue, publishDescriptionJobOptions } from '@status-communities/queue';
import type { RequestHandlerContext } from './context.js';
import { queueOutbound } from './outbound.js';
import type { HostedCommunity } from './store/hosted-community.js';

/**
 * Attempts of a request.respond job, RESPOND_RETRY_MS · 2^(n-1) apart: about an hour for the publisher to
 * publish. The first waits are short: in a burst of joins the description is usually out within a second.
 */
export const RESPOND_ATTEMPTS = 15;
const RESPOND_RETRY_MS = 250;

export interface Effects {
  /** Written to the event outbox in the change's transaction (EventOutbox.write), appended after the commit. */
  readonly events: readonly DomainEvent[];
  /** The stored membership changed: the publisher publishes the new description. */
  readonly publish: boolean;
  /** Answer an accepted request once a description at least this clock is published. */
  readonly respond?: { readonly requestId: string; readonly clock: number };
  /** More accepted requests to answer the same way (a re-evaluation may accept several). */
  readonly responses?: readonly { readonly requestId: string; readonly clock: number }[];
  /** Answer a declined request now. */
  readonly decline?: { readonly requestId: string; readonly requesterKey: string; readonly clock: number };
  /** Re-check members and held requests against the token permissions, after this delay. */
  readonly reevaluate?: { readonly reason: 'permissions-changed' | 'chain-retry'; readonly delayMs: number };
  /** Tell receivers to delete every message of a banned member. */
  readonly deleteMessages?: { readonly memberKey: string; readonly clockSeconds: number };
}

export const NO_EFFECTS: Effects = { events: [], publish: false };

const withCommunityKey = async <T>(
  context: RequestHandlerContext,
  community: HostedCommunity,
  use: (key: SecretKey) => Promise<T>,
): Promise<T> => {
  const key = await context.keyring.open(community.keyId);
  // The community row names this entry: a key that cannot be opened is a fault, retried.
  if (!key.ok) throw key.error;
  try {
    return await use(key.value);
  } finally {
    key.value.wipe();
  }
};

/** The publisher publishes the community's stored state (coalesced with its own publishes). */
export const queuePublish = async (
  context: RequestHandlerContext,
  communityId: string,
  correlationId: string,
): Promise<void> => {
  const added = await enqueue(
    context.publishQueue,
    { communityId, reason: 'changed', correlationId },
    publishDescriptionJobOptions(communityId, context.settings.publishDebounceMs),
  );
  if (!added.ok) throw added.error;
};

/**
 * One request.respond job for requests accepted together: it answers each once the description at the
 * newest of their clocks is published (it lists every one of them), reading and opening what they share once.
 */
export const queueAnswers = async (
  context: RequestHandlerContext,
  communityId: string,
  accepted: readonly { readonly requestId: string; readonly clock: number }[],
  correlationId: string,
): Promise<void> => {
  for (let start = 0; start < accepted.length; start += ANSWERS_PER_JOB)
    await queueAnswerJob(context, communityId, accepted.slice(start, start + ANSWERS_PER_JOB), correlationId);
};

/** Requests one request.respond job answers at most (the job's schema allows 1,000). */
const ANSWERS_PER_JOB = 500;

const queueAnswerJob = async (
  context: RequestHandlerContext,
  communityId: string,
  accepted: readonly { readonly requestId: string; readonly clock: number }[],
  correlationId: string,
): Promise<void> => {
  const [first, ...also] = accepted;
  if (!first) return;
  const clock = Math.max(...accepted.map((request) => request.clock));
  const added = await enqueue(
    context.requestsQueue,
    {
      type: 'request.respond',
      correlationId,
      communityId,
      requestId: first.requestId,
      ...(also.length > 0 ? { alsoRequestIds: also.map((request) => request.requestId) } : {}),
      clock,
    },
    {
      jobId: `respond.${first.requestId}.${clock}`,
      attempts: RESPOND_ATTEMPTS,
      backoff: { type: 'exponential', delay: RESPOND_RETRY_MS },
      delay: context.settings.publishDebounceMs,
    },
  );
  if (!added.ok) throw added.error;
};

/** Runs the effects of one committed change, in an order where a crash part-way loses nothing on retry. */
export const applyEffects = async (
  context: RequestHandlerContext,
  community: HostedCommunity,
  effects: Effects,
  correlationId: string,
  outboxRow: OutboxRow | undefined,
): Promise<void> => {
  if (effects.publish) await queuePublish(context, community.id, correlationId);
  await queueAnswers(
    context,
    community.id,
    [...(effects.respond ? [effects.respond] : []), ...(effects.responses ?? [])],
    correlationId,
  );
  if (effects.decline) {
    const { requestId, requesterKey, clock } = effects.decline;
    const sealed = await withCommunityKey(context, community, async (key) =>
      sealRequestToJoinResponse({
        communityPrivateKey: key.reveal(),
        requesterPublicKey: hexToBytesOrThrow(requesterKey),
        accepted: false,
        clock,
        communityShard: community.shard,
        profile: context.settings.shardProfile,
      }),
    );
    // The requester key was checked when the request was stored.
    if (!sealed.ok) throw sealed.error;
    const count = await queueOutbound(context, sealed.value, `response-${requestId}-${clock}`, correlationId);
    context.metrics.outbound.inc({ kind: 'response' }, count);
  }
  if (effects.deleteMessages) {
    const { memberKey, clockSeconds } = effects.deleteMessages;
    const sealed = await withCommunityKey(context, community, async (key) =>
      sealDeleteMemberMessages({
        communityPrivateKey: key.reveal(),
        communityId: community.id,
        memberKey,
        clockSeconds,
        communityShard: community.shard,
        profile: context.settings.shardProfile,
      }),
    );
    if (!sealed.ok) throw sealed.error;
    const count = await queueOutbound(
      context,
      sealed.value,
      `delete-messages-${community.id}-${memberKey}-${clockSeconds}`,
      correlationId,
    );
    context.metrics.outbound.inc({ kind: 'delete_messages' }, count);
  }
  if (effects.reevaluate) {
    const { reason, delayMs } = effects.reevaluate;
    const added = await enqueue(
      context.requestsQueue,
      {
        type: 'members.reevaluate',
        correlationId,
        actor: 'request-handler',
        communityId: community.id,
        reason,
      },
      // One waiting re-check per community and reason: more changes meanwhile are covered by it.
      {
        jobId: `reevaluate.${reason}.${community.id}.${Math.floor(context.clock() / Math.max(delayMs, 1_000))}`,
        delay: delayMs,
      },
    );
    if (!added.ok) throw added.error;
  }
  if (outboxRow) await context.outbox.publish([outboxRow]);
};
