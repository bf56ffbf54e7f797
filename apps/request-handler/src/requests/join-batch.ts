// Requests to join one community decided together: one transaction under the community's row lock reads
// every requester's rows at once, decides each request in arrival order (decideJoin, as if alone), and stores
// the lot; after the commit one publish covers every change and the events are appended once.
import { prismaSql, writeAudits } from '@status-communities/db';
import type { AuditRecord } from '@status-communities/db';
import type { Result } from '@status-communities/errors';
import { ErrorCode, StatusError, bug, fail, ok } from '@status-communities/errors';
import type { DomainEvent, OutboxRow } from '@status-communities/queue';
import type { RequestHandlerContext } from '../context.js';
import type { Effects } from '../effects.js';
import { queueAnswers, queuePublish } from '../effects.js';
import type { JobOutcome } from '../outcome.js';
import type { HostedCommunity } from '../store/hosted-community.js';
import { lockHostedCommunity } from '../store/hosted-community.js';
import type { JoinRowWrites } from '../store/join-batch.js';
import { loadJoinBatchRows, writeJoinBatch } from '../store/join-batch.js';
import type { BatchState, PreparedJoin } from './join-decision.js';
import { decideJoin } from './join-decision.js';

/** One request's part of a committed batch: how its job ends and what it still does (answers). */
export type JoinVerdict = Result<{
  readonly result: JobOutcome;
  readonly effects: Effects;
  readonly community: HostedCommunity;
}>;

interface Committed {
  readonly verdicts: readonly JoinVerdict[];
  readonly community: HostedCommunity | undefined;
  readonly publish: boolean;
  /** The batch's acceptances, answered by one job (a copy of an earlier request answers on its own). */
  readonly answers: readonly { readonly requestId: string; readonly clock: number }[];
  readonly outboxRow: OutboxRow | undefined;
}

const everyone = (joins: readonly PreparedJoin[], error: StatusError): Committed => ({
  verdicts: joins.map(() => fail(error.code, error.message, error.details)),
  community: undefined,
  publish: false,
  answers: [],
  outboxRow: undefined,
});

/** The batch's transaction: decisions in order, each seeing the community as the ones before it left it. */
const commitJoins = (
  context: RequestHandlerContext,
  communityId: string,
  joins: readonly PreparedJoin[],
): Promise<Committed> =>
  context.prisma.$transaction(async (tx): Promise<Committed> => {
    const community = await lockHostedCommunity(tx, communityId);
    if (!community)
      return everyone(
        joins,
        new StatusError(ErrorCode.NOT_FOUND, 'not a hosted community', { reason: 'unknown-community' }),
      );
    const published = await context.publishedDescriptions.read(community);
    if (!published.ok) return everyone(joins, published.error);
    const stored = await loadJoinBatchRows(tx, communityId, joins);
    let state: BatchState = {
      community,
      memberCount: stored.memberCount,
      pendingCount: stored.pendingCount,
      published: published.value,
    };
    const verdicts: JoinVerdict[] = [];
    const writes: JoinRowWrites[] = [];
    const audits: AuditRecord[] = [];
    const events: DomainEvent[] = [];
    let publish = false;
    const answers: { requestId: string; clock: number }[] = [];
    for (const join of joins) {
      const rows = stored.rows.get(join.requesterKey);
      if (!rows) bug(`the batch read no rows for ${join.requesterKey}`);
      const decided = decideJoin(state, join, rows);
      if (!decided.ok) {
        verdicts.push(decided);
        continue;
      }
      const { result, writes: decidedWrites, next } = decided.value;
      state = next;
      // The batch publishes once and answers its acceptances in one job: the job keeps the rest.
      const { publish: publishes, respond, ...effects } = decided.value.effects;
      publish ||= publishes;
      const batchAnswers = result.outcome === 'accepted' && respond !== undefined;
      if (batchAnswers) answers.push(respond);
      events.push(...decided.value.events);
      verdicts.push(
        ok({
          result,
          effects: { ...effects, publish: false, ...(batchAnswers || !respond ? {} : { respond }) },
          community: next.community,
        }),
      );
      if (decidedWrites.requestState) {
        const at = new Date(join.nowMs);
        writes.push({
          join,
          had: { request: rows.request !== null, member: rows.member !== undefined },
          request: { ...decidedWrites.requestState, at },
          ...(decidedWrites.activate
            ? { activate: { ...decidedWrites.activate, actor: `policy:${result.reason ?? 'accepted'}` } }
            : {}),
        });
      }
      if (decidedWrites.audited)
        audits.push({
          tenantId: community.tenantId,
          communityId: community.id,
          actor: join.requesterKey,
          action: 'request.join',
          input: {
            requestId: join.requestId,
            messageId: join.request.messageId,
            outcome: result.outcome,
            ...(result.reason ? { reason: result.reason } : {}),
          },
          result: ok(undefined),
        });
    }
    await writeJoinBatch(tx, community, state.community, writes);
    await writeAudits(tx, audits);
    const outboxRow = await context.outbox.write(prismaSql(tx), events);
    return { verdicts, community: state.community, publish, answers, outboxRow };
  });

/**
 * Decides a batch of requests to join one community and runs what the batch as a whole follows with: one
 * publish of the new description, one job answering the accepted, the events appended. What is left to each
 * request's job: a decline's answer, a copy's answer, a re-check.
 */
export const decideJoinBatch = async (
  context: RequestHandlerContext,
  communityId: string,
  joins: readonly PreparedJoin[],
): Promise<readonly JoinVerdict[]> => {
  const committed = await commitJoins(context, communityId, joins);
  context.metrics.joinBatchSize.observe(joins.length);
  const correlationId = joins[0]?.correlationId ?? communityId;
  if (committed.publish) await queuePublish(context, communityId, correlationId);
  await queueAnswers(context, communityId, committed.answers, correlationId);
  if (committed.outboxRow) await context.outbox.publish([committed.outboxRow]);
  return committed.verdicts;
};
