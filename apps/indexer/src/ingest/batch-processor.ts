// One batch of inbound jobs: refresh the communities' stored state, decide every job in arrival order on a
// view that includes what earlier jobs of the batch accepted, forward requests, store all facts in one
// transaction, then publish the events and record the outcomes.
import type { Logger } from '@status-communities/observability';
import { withCorrelation } from '@status-communities/observability';
import { enqueue } from '@status-communities/queue';
import type { InboundWakuMessage, TypedQueue, QueueName } from '@status-communities/queue';
import type { StoredTarget } from '../acceptance/channel.js';
import type { Decision, RequestFact } from '../acceptance/decision.js';
import type { Decoder } from '../decode/decoder.js';
import type { Outbox } from '../events/outbox.js';
import type { IndexerMetrics } from '../metrics.js';
import { StaleStateError } from '../persistence/descriptions.js';
import { storeBatch } from '../persistence/store-batch.js';
import type { FactOutcome, StoredBatch } from '../persistence/store-batch.js';
import type { Sql } from '../persistence/sql.js';
import type { Routes } from '../routing/routes.js';
import type { CommunityStates } from '../state/community-state.js';
import { OverlayView, decide, referencedMessageIds } from './decide.js';
import { prepareInbound } from './inbound.js';
import type { InboundJob } from './inbound.js';

/** What became of one job; also its BullMQ return value. */
export interface JobOutcome {
  readonly outcome: 'accepted' | 'rejected' | 'ignored';
  /** The fact kind when accepted, else why not. */
  readonly reason: string;
}

export interface BatchProcessorOptions {
  readonly sql: Sql;
  readonly states: CommunityStates;
  readonly routes: Routes;
  readonly outbox: Outbox;
  readonly requests: TypedQueue<typeof QueueName.COMMUNITY_REQUESTS>;
  readonly decoder: Decoder;
  readonly metrics: IndexerMetrics;
  readonly logger: Logger;
  readonly now?: () => number;
}

/** Races with other writers are rare; a batch that loses this many times in a row fails and is retried. */
const MAX_STALE_ATTEMPTS = 5;

const outcomeOf = (decision: Decision, stored: FactOutcome | undefined): JobOutcome => {
  if (decision.outcome === 'reject') return { outcome: 'rejected', reason: decision.reason };
  if (decision.outcome === 'ignore') return { outcome: 'ignored', reason: decision.reason };
  return stored === 'duplicate'
    ? { outcome: 'rejected', reason: 'duplicate' }
    : { outcome: 'accepted', reason: decision.fact.kind };
};

const communityOf = (job: InboundJob): string | undefined => {
  const { prepared } = job;
  if (prepared.kind === 'request') return prepared.communityId;
  if (prepared.kind === 'decoded' && prepared.decoded.kind !== 'failed')
    return prepared.decoded.route.communityId;
  return undefined;
};

export class BatchProcessor {
  private readonly now: () => number;

  constructor(private readonly options: BatchProcessorOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Routes and decodes a job as it arrives (no stored state involved). */
  prepare(message: InboundWakuMessage): Promise<InboundJob> {
    return prepareInbound(message, this.options.routes.current, this.options.decoder, this.now());
  }

  async process(jobs: readonly InboundJob[]): Promise<JobOutcome[]> {
    const { metrics } = this.options;
    const stopTimer = metrics.batchSeconds.startTimer();
    const { decided, view, stored } = await this.decideAndStore(jobs);
    for (const state of view.states.values()) this.options.states.set(state);
    await this.publish(stored);

    let factIndex = 0;
    const outcomes = decided.map((decision) =>
      outcomeOf(decision, decision.outcome === 'accept' ? stored.outcomes[factIndex++] : undefined),
    );
    this.record(jobs, outcomes);
    metrics.batchSize.observe(jobs.length);
    stopTimer();
    return outcomes;
  }

  /** Decides and stores; when another writer moved a community meanwhile, decides again on fresh state. */
  private async decideAndStore(jobs: readonly InboundJob[]) {
    for (let attempt = 1; ; attempt++) {
      const { decided, view } = await this.decideAll(jobs);
      const facts = decided.flatMap((decision) => (decision.outcome === 'accept' ? [decision.fact] : []));
      await this.forwardRequests(facts.filter((fact): fact is RequestFact => fact.kind === 'request'));
      try {
        const stored = await storeBatch(facts, {
          sql: this.options.sql,
          outbox: this.options.outbox,
          memberCounts: new Map(
            facts.map(({ communityId }) => [communityId, view.state(communityId).model?.members.size ?? 0]),
          ),
        });
        return { decided, view, stored };
      } catch (error) {
        if (!(error instanceof StaleStateError) || attempt >= MAX_STALE_ATTEMPTS) throw error;
        this.options.metrics.staleRetries.inc();
        this.options.logger.info(
          { communityId: error.communityId, attempt },
          'community changed meanwhile: deciding again',
        );
      }
    }
  }

  private async decideAll(jobs: readonly InboundJob[]) {
    const routes = this.options.routes.current;
    // Jobs unrouted on arrival may be routed now: their communities' state is needed too.
    const communityIds = jobs.flatMap(
      (job) => communityOf(job) ?? routes.lookup(job.message.contentTopic).map((route) => route.communityId),
    );
    await this.options.states.refresh(communityIds);
    const view = new OverlayView(
      (communityId) => this.options.states.get(communityId),
      await this.loadTargets(referencedMessageIds(jobs)),
    );
    const nowMs = this.now();
    const decided: Decision[] = [];
    for (const arrived of jobs) {
      // A description of an earlier batch, or earlier in this one, may have routed a channel topic that was
      // unknown when the job arrived.
      const job =
        arrived.prepared.kind === 'unrouted' &&
        this.options.routes.current.lookup(arrived.message.contentTopic).length > 0
          ? await this.prepare(arrived.message)
          : arrived;
      const decision = view.apply(decide(job, view, nowMs));
      if (decision.outcome === 'accept' && decision.fact.kind === 'description')
        this.options.routes.current.addChannels(
          decision.fact.communityId,
          decision.fact.model.channels.keys(),
        );
      decided.push(decision);
    }
    return { decided, view };
  }

  private async loadTargets(messageIds: readonly string[]): Promise<StoredTarget[]> {
    if (messageIds.length === 0) return [];
    const { rows } = await this.options.sql.query<StoredTarget>(
      `SELECT id AS "messageId", community_id AS "communityId", channel_id AS "chatId",
              substr(channel_id, length(community_id) + 1) AS "channelUuid", author_key AS "authorKey"
       FROM messages WHERE id = ANY($1::text[])`,
      [messageIds],
    );
    return rows;
  }

  /** The request handler gets the message as received; the job id (the Waku hash) makes a retry add nothing. */
  private async forwardRequests(requests: readonly RequestFact[]): Promise<void> {
    for (const request of requests) {
      const added = await enqueue(
        this.options.requests,
        {
          type: 'request.inbound',
          correlationId: request.origin.hash,
          communityId: request.communityId,
          message: request.message,
        },
        { jobId: `request.${request.origin.hash}` },
      );
      // The message passed the same schema on the inbound queue, so a refusal here is a bug.
      if (!added.ok) throw added.error;
    }
  }

  /** Events are committed already: a failed append is left to the outbox sweep, the jobs are done. */
  private async publish(stored: StoredBatch): Promise<void> {
    if (!stored.outbox) return;
    try {
      await this.options.outbox.publish([stored.outbox]);
      this.options.metrics.eventsPublished.inc(stored.outbox.events.length);
    } catch (error) {
      this.options.metrics.publishFailures.inc();
      this.options.logger.warn({ err: error, outboxId: String(stored.outbox.id) }, 'event append failed');
    }
  }

  private record(jobs: readonly InboundJob[], outcomes: readonly JobOutcome[]): void {
    const { metrics, logger } = this.options;
    for (const [index, { outcome, reason }] of outcomes.entries()) {
      if (outcome === 'accepted') metrics.accepted.inc({ kind: reason });
      else if (outcome === 'rejected') metrics.rejected.inc({ reason });
      else metrics.ignored.inc({ reason });
      // Rejections are worth a line each; accepted and ignored traffic only at debug.
      const level = outcome === 'rejected' ? 'info' : 'debug';
      if (!logger.isLevelEnabled(level)) continue;
      const job = jobs[index];
      if (job)
        withCorrelation(logger, job.origin.hash)[level](
          { outcome, reason, contentTopic: job.message.contentTopic },
          `message ${outcome}`,
        );
    }
  }
}
