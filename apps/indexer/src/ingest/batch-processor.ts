// One batch of inbound jobs: refresh the communities' stored state, decide every job in arrival order on a
// view that includes what earlier jobs of the batch accepted, forward requests, store all facts (and the
// messages held for a newer description) in one transaction, then publish the events and record the
// outcomes. A batch that stores a newer description of a watched community judges its held messages again.
import type { Logger } from '@status-communities/observability';
import { withCorrelation } from '@status-communities/observability';
import { enqueue } from '@status-communities/queue';
import type {
  BotMessageCommand,
  EventOutbox,
  InboundWakuMessage,
  TypedQueue,
  QueueName,
} from '@status-communities/queue';
import type { StoredTarget } from '../acceptance/channel.js';
import type { Decision, RequestFact } from '../acceptance/decision.js';
import type { Decoder } from '../decode/decoder.js';
import type { HashRatchetOpening } from '../decode/hash-ratchet.js';
import type { IndexerMetrics } from '../metrics.js';
import { StaleStateError } from '../persistence/descriptions.js';
import { countHeld, expireHeld, loadReleasable } from '../persistence/held-messages.js';
import type { HoldLimits, HoldOutcome, HoldRequest } from '../persistence/held-messages.js';
import type { Sql } from '../persistence/sql.js';
import { storeBatch } from '../persistence/store-batch.js';
import type { FactOutcome, StoredBatch } from '../persistence/store-batch.js';
import type { Routes } from '../routing/routes.js';
import { rulesModel } from '../state/community-state.js';
import type { CommunityStates } from '../state/community-state.js';
import { OverlayView, decide, referencedMessageIds } from './decide.js';
import { prepareInbound } from './inbound.js';
import type { InboundJob } from './inbound.js';

/** What became of one job; also its BullMQ return value. */
export interface JobOutcome {
  /** `held`: refused for now, kept until a newer description of its community (see HoldOptions). */
  readonly outcome: 'accepted' | 'rejected' | 'ignored' | 'held';
  /** The fact kind when accepted, else why not. */
  readonly reason: string;
}

/** Messages of watched communities from senders not (yet) members: how many are kept, and how long. */
export interface HoldOptions extends HoldLimits {
  readonly maxAgeMs: number;
}

export interface BatchProcessorOptions {
  readonly sql: Sql;
  readonly states: CommunityStates;
  readonly routes: Routes;
  readonly outbox: EventOutbox;
  readonly requests: TypedQueue<typeof QueueName.COMMUNITY_REQUESTS>;
  /** Where messages naming one of our bots go: the publisher, which holds the bots' keys. */
  readonly bots?: TypedQueue<typeof QueueName.BOT_MESSAGES>;
  readonly decoder: Decoder;
  /** Group keys of hosted encrypted communities; undefined without GROUP_KEYS_MASTER_KEY. */
  readonly hashRatchet?: HashRatchetOpening;
  readonly metrics: IndexerMetrics;
  readonly logger: Logger;
  readonly hold: HoldOptions;
  /** Held messages judged again in one batch, at most. */
  readonly releaseBatchSize: number;
  readonly now?: () => number;
}

/** Inbound jobs from the queue, or held messages judged again (their rows leave the hold unless held again). */
type BatchSource = 'inbound' | 'held';

/** What the indexer hands the publisher about our bots. */
type BotForward = Extract<BotMessageCommand, { type: 'direct.received' | 'member.keys' }>;

/** A bot's key in job ids: 8 bytes after the 0x04 prefix tell our bots apart. */
const botShort = (botKey: string): string => botKey.slice(2, 18);

/** Races with other writers are rare; a batch that loses this many times in a row fails and is retried. */
const MAX_STALE_ATTEMPTS = 5;

const outcomeOf = (
  decision: Decision,
  stored: FactOutcome | undefined,
  held: HoldOutcome | undefined,
): JobOutcome => {
  if (decision.outcome === 'reject') return { outcome: 'rejected', reason: decision.reason };
  if (decision.outcome === 'ignore') return { outcome: 'ignored', reason: decision.reason };
  // A community whose hold is full refuses at once, with the reason it would have been held for.
  if (decision.outcome === 'hold')
    return { outcome: held === 'full' ? 'rejected' : 'held', reason: decision.reason };
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
  /** Batches and sweeps run one at a time: both refresh and update the shared community states. */
  private serial: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: BatchProcessorOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Routes and decodes a job as it arrives (no stored state involved). */
  prepare(message: InboundWakuMessage): Promise<InboundJob> {
    return prepareInbound(
      message,
      this.options.routes.current,
      this.options.decoder,
      this.now(),
      this.options.hashRatchet,
    );
  }

  process(jobs: readonly InboundJob[]): Promise<JobOutcome[]> {
    return this.exclusive(async () => {
      await this.forwardToBots(jobs);
      const { outcomes, described } = await this.run(jobs, 'inbound');
      if (described.length > 0) await this.releaseOrLog(described);
      await this.raiseSeenSeqNos();
      return outcomes;
    });
  }

  /**
   * A bot of ours took in keys of this community (publisher member keys). The description that carried them
   * is judged again with the keys read fresh — one judged before they were stored was kept with its private
   * parts hidden, and an equal clock that now reads differently is taken again (acceptance/description.ts) —
   * then the messages held for a key not stored yet. Nothing is handed to the publisher again.
   */
  keysArrived(communityId: string, message: InboundWakuMessage | undefined): Promise<JobOutcome | undefined> {
    return this.exclusive(async () => {
      await this.options.hashRatchet?.keys.fresh(communityId);
      let outcome: JobOutcome | undefined;
      if (message) {
        const job = await this.prepare(message);
        [outcome] = (await this.run([{ ...job, memberKeys: [], direct: [] }], 'inbound')).outcomes;
      }
      await this.release([communityId], { keyArrived: true });
      return outcome;
    });
  }

  /**
   * Refuses held messages past their age, then judges again those whose community has a newer description
   * than they were judged against (one a batch stored but did not get to release, before a crash or a
   * failure), and updates the gauge of what is held.
   */
  sweepHeld(): Promise<void> {
    return this.exclusive(async () => {
      const { metrics, logger } = this.options;
      const expired = await expireHeld(this.options.sql, this.heldSince());
      for (const { hash, communityId, reason } of expired) {
        metrics.heldExpired.inc({ reason });
        metrics.rejected.inc({ reason });
        withCorrelation(logger, hash).info({ communityId, reason }, 'held message expired');
      }
      await this.release(undefined);
      metrics.heldMessages.set(await countHeld(this.options.sql));
    });
  }

  /** Members' seq_nos seen while opening the batch's messages: ours continue above them (GroupKeyStore). */
  private async raiseSeenSeqNos(): Promise<void> {
    const hashRatchet = this.options.hashRatchet;
    if (!hashRatchet?.keys.raiseLastSeqNos) return;
    const seen = hashRatchet.chains.takeSeen();
    if (seen.length > 0) await hashRatchet.keys.raiseLastSeqNos(seen);
  }

  /** Resolves when the batch or sweep running now (and any queued) is over. */
  async settled(): Promise<void> {
    await this.serial;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.serial.then(work);
    this.serial = result.catch(() => undefined);
    return result;
  }

  private heldSince(): Date {
    return new Date(this.now() - this.options.hold.maxAgeMs);
  }

  /** The batch is committed: a failed release is left to the sweep, which finds the moved clock. */
  private async releaseOrLog(communityIds: readonly string[]): Promise<void> {
    try {
      await this.release(communityIds);
    } catch (error) {
      this.options.logger.warn({ err: error, communityIds }, 'judging held messages again failed');
    }
  }

  /** Judges again, in arrival order, the held messages a newer description may admit. */
  private async release(
    communityIds: readonly string[] | undefined,
    options: { readonly keyArrived?: boolean } = {},
  ): Promise<void> {
    const limit = this.options.releaseBatchSize;
    for (;;) {
      const held = await loadReleasable(this.options.sql, {
        heldSince: this.heldSince(),
        limit,
        ...(communityIds ? { communityIds } : {}),
        ...options,
      });
      if (held.length === 0) return;
      const jobs = await Promise.all(held.map((message) => this.prepare(message.message)));
      await this.run(jobs, 'held');
      // Every row judged is gone or judged against the newer clock now: the next read finds the rest.
      if (held.length < limit) return;
    }
  }

  private async run(jobs: readonly InboundJob[], source: BatchSource) {
    const { metrics } = this.options;
    const stopTimer = metrics.batchSeconds.startTimer();
    const { decided, view, stored } = await this.decideAndStore(jobs, source);
    for (const state of view.states.values()) this.options.states.set(state);
    await this.publish(stored);

    let factIndex = 0;
    let holdIndex = 0;
    const judged = decided.map((decision) => {
      const fact = decision.outcome === 'accept' ? stored.outcomes[factIndex++] : undefined;
      const held = decision.outcome === 'hold' ? stored.holds[holdIndex++] : undefined;
      return { decision, held, outcome: outcomeOf(decision, fact, held) };
    });
    this.record(jobs, judged, source === 'held' ? stored.released : undefined);
    if (source === 'inbound') metrics.batchSize.observe(jobs.length);
    stopTimer();
    // Watched communities with a newer description stored: their held messages may be admitted now.
    const described = judged.flatMap(({ decision, outcome }) =>
      decision.outcome === 'accept' &&
      decision.fact.kind === 'description' &&
      outcome.outcome === 'accepted' &&
      !view.state(decision.fact.communityId).membership
        ? [decision.fact.communityId]
        : [],
    );
    return { outcomes: judged.map(({ outcome }) => outcome), described: [...new Set(described)] };
  }

  /** Decides and stores; when another writer moved a community meanwhile, decides again on fresh state. */
  private async decideAndStore(jobs: readonly InboundJob[], source: BatchSource) {
    for (let attempt = 1; ; attempt++) {
      const { decided, view } = await this.decideAll(jobs);
      const facts = decided.flatMap((decision) => (decision.outcome === 'accept' ? [decision.fact] : []));
      const holds = decided.flatMap((decision, index): HoldRequest[] => {
        const job = jobs[index];
        return decision.outcome === 'hold' && job
          ? [
              {
                message: job.message,
                communityId: decision.communityId,
                reason: decision.reason,
                clock: decision.clock,
              },
            ]
          : [];
      });
      const judged = source === 'held' ? jobs.filter((_, index) => decided[index]?.outcome !== 'hold') : [];
      await this.forwardRequests(facts.filter((fact): fact is RequestFact => fact.kind === 'request'));
      try {
        const stored = await storeBatch(facts, {
          sql: this.options.sql,
          outbox: this.options.outbox,
          memberCounts: new Map(
            facts.map(({ communityId }) => [
              communityId,
              rulesModel(view.state(communityId))?.members.size ?? 0,
            ]),
          ),
          held: {
            holds,
            limits: this.options.hold,
            heldAt: new Date(this.now()),
            ...(source === 'held'
              ? {
                  judged: {
                    communityIds: jobs.flatMap((job) => communityOf(job) ?? []),
                    hashes: judged.map((job) => job.message.hash),
                  },
                }
              : {}),
          },
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
      (job) =>
        communityOf(job) ??
        routes
          .lookup(job.message.contentTopic)
          .flatMap((route) => (route.kind === 'direct' ? [] : [route.communityId])),
    );
    await this.options.states.refresh(communityIds, this.options.hashRatchet?.keys);
    const view = new OverlayView(
      (communityId) => this.options.states.get(communityId),
      await this.loadTargets(referencedMessageIds(jobs)),
    );
    const nowMs = this.now();
    const decided: Decision[] = [];
    for (const arrived of jobs) {
      // A description of an earlier batch, or earlier in this one, may have routed a channel topic that was
      // unknown when the job arrived; a route notice, a bot's negotiated topic (a peer's first message on it
      // may come before the notice): that one goes to the publisher now, or it is lost.
      const rerouted =
        arrived.prepared.kind === 'unrouted' &&
        this.options.routes.current.lookup(arrived.message.contentTopic).length > 0;
      const job = rerouted ? await this.prepare(arrived.message) : arrived;
      if (rerouted) await this.forwardToBots([job]);
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

  /**
   * Messages for one of our bots go to the publisher as received: it opens them with the bot's key (this
   * process never holds a signing or identity key) — 1:1 messages on the bot's topics as `direct.received`,
   * descriptions with a rekey entry for the bot as `member.keys`. Job id = kind, Waku hash and bot, so a
   * retried batch adds nothing.
   */
  private async forwardToBots(jobs: readonly InboundJob[]): Promise<void> {
    const { bots, metrics } = this.options;
    if (!bots) return;
    const add = async (command: BotForward, jobId: string) => {
      const added = await enqueue(bots, command, { jobId });
      // The message passed the same schema on the inbound queue, so a refusal here is a bug.
      if (!added.ok) throw added.error;
    };
    for (const job of jobs) {
      const { hash } = job.origin;
      for (const botKey of job.direct ?? []) {
        await add(
          { type: 'direct.received', correlationId: hash, actor: 'indexer', botKey, message: job.message },
          `direct.${hash}.${botShort(botKey)}`,
        );
        metrics.directForwarded.inc();
        withCorrelation(this.options.logger, hash).debug({ botKey }, 'message forwarded to the publisher');
      }
      for (const { botKey, communityId } of job.memberKeys ?? []) {
        await add(
          {
            type: 'member.keys',
            correlationId: hash,
            actor: 'indexer',
            botKey,
            communityId,
            message: job.message,
          },
          `member-keys.${hash}.${botShort(botKey)}`,
        );
        metrics.memberKeysForwarded.inc({ source: 'description' });
      }
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

  /**
   * Metrics and log lines of a batch. Held messages judged again (`released`: the rows this batch deleted)
   * count once, where their row went: one another replica released or expiry took is left to it.
   */
  private record(
    jobs: readonly InboundJob[],
    judged: readonly { decision: Decision; held: HoldOutcome | undefined; outcome: JobOutcome }[],
    released: ReadonlySet<string> | undefined,
  ): void {
    const { metrics, logger } = this.options;
    for (const [index, { decision, held, outcome: jobOutcome }] of judged.entries()) {
      const job = jobs[index];
      if (!job) continue;
      const { outcome, reason } = jobOutcome;
      const fromHold = released !== undefined;
      if (fromHold && outcome !== 'held' && !released.has(job.message.hash)) continue;
      if (outcome === 'accepted') metrics.accepted.inc({ kind: reason });
      else if (outcome === 'rejected') metrics.rejected.inc({ reason });
      else if (outcome === 'ignored') metrics.ignored.inc({ reason });
      if (fromHold && outcome === 'accepted') metrics.heldReleased.inc();
      if (held === 'held') metrics.held.inc({ reason });
      if (held === 'full') metrics.heldOverflow.inc({ reason });
      // Rejections and what the hold does are worth a line each; accepted and ignored traffic only at debug.
      const level =
        outcome === 'rejected' || (fromHold && outcome === 'accepted') || held === 'held' ? 'info' : 'debug';
      if (!logger.isLevelEnabled(level)) continue;
      const communityId = decision.outcome === 'hold' ? decision.communityId : undefined;
      withCorrelation(logger, job.origin.hash)[level](
        { outcome, reason, contentTopic: job.message.contentTopic, ...(communityId ? { communityId } : {}) },
        fromHold ? `held message ${outcome === 'accepted' ? 'released' : outcome}` : `message ${outcome}`,
      );
    }
  }
}
