import { setTimeout as sleep } from 'node:timers/promises';
import type { OwnRedisServer, StatusMember } from '@status-communities/testing';
import type { WakuNode } from '@status-communities/waku';
import type { HostedCommunity } from './community.js';
import type { MemberWire } from './member-wire.js';
import type { ChaosPlatform } from './platform.js';
import { SequencePoster } from './poster.js';
import type { OwnPostgres } from './postgres-cluster.js';
import { readStoredSequence } from './stored-posts.js';
import type { Tally } from './tally.js';
import { tally } from './tally.js';

/** Everything a fault can act on. */
export interface ChaosContext {
  readonly platform: ChaosPlatform;
  readonly wire: MemberWire;
  /** A devnet node of its own for hostile traffic, so the member's node is not the one flooding. */
  readonly attacker: WakuNode;
  readonly community: HostedCommunity;
  /** The member posting the numbered sequence. */
  readonly member: StatusMember;
  readonly databaseUrl: string;
  readonly ratePerSecond: number;
  /** Present when the suite runs its own servers (the full suite; not the CI cases on the shared ones). */
  readonly redis?: OwnRedisServer;
  readonly postgres?: OwnPostgres;
}

/** What a fault found besides the member's posts. */
export interface FaultFindings {
  readonly note?: string;
  /** Failures other than lost or duplicated posts (a forgery stored, a dishonest /readyz…). */
  readonly problems?: readonly string[];
  /** Posts of other authors the fault sent and counted (a new member's first posts). */
  readonly tallies?: readonly Tally[];
  /** Runs once the window's posts are settled: for findings that need them stored first. */
  readonly afterSettle?: () => Promise<FaultFindings>;
}

export interface Fault {
  readonly name: string;
  /**
   * Breaks something while the member posts, and repairs it as an operator's supervisor would (a killed
   * process is started again); resolves once repaired.
   */
  inject(context: ChaosContext, poster: SequencePoster): Promise<FaultFindings | void>;
}

export interface FaultResult {
  readonly fault: string;
  readonly tally: Tally;
  /** From the repair (the restart, or the fault's end) until every service's /readyz answered 200 again. */
  readonly readySeconds: number;
  readonly note: string;
  readonly problems: readonly string[];
}

export interface SettleOptions {
  /** Give up when nothing new was stored for this long. */
  readonly quietMs?: number;
  readonly timeoutMs?: number;
}

/**
 * Reads the stored sequence until every sent number is stored, or nothing new arrived for `quietMs`: what is
 * missing then is lost (a gateway's back-fill gets its own quiet period to bring it).
 */
export const settle = async (
  context: ChaosContext,
  author: StatusMember,
  sent: readonly number[],
  { quietMs = 30_000, timeoutMs = 180_000 }: SettleOptions = {},
): Promise<Tally> => {
  const started = Date.now();
  let lastChange = started;
  let best = tally(sent, new Map());
  for (;;) {
    const stored = await readStoredSequence(
      context.databaseUrl,
      context.community.communityId,
      author.memberKey,
    ).catch(() => undefined);
    if (stored) {
      const now = tally(sent, stored);
      if (now.indexed !== best.indexed || now.duplicated !== best.duplicated) lastChange = Date.now();
      best = now;
      if (best.lost === 0) return best;
    }
    if (Date.now() - lastChange > quietMs || Date.now() - started > timeoutMs) return best;
    await sleep(500);
  }
};

const add = (a: Tally, b: Tally): Tally => ({
  sent: a.sent + b.sent,
  indexed: a.indexed + b.indexed,
  duplicated: a.duplicated + b.duplicated,
  lost: a.lost + b.lost,
});

export interface WindowOptions extends SettleOptions {
  /** Posts sent before the fault and again after every service is ready (default 2 s of posts). */
  readonly steadyPosts?: number;
}

/**
 * One fault under load: the member posts from `firstSeq` at the steady rate; after `steadyPosts` the fault is
 * injected and repaired; once every service is ready and `steadyPosts` more are sent, posting stops and the
 * sequence is read back from PostgreSQL.
 */
export const runWindow = async (
  context: ChaosContext,
  fault: Fault,
  firstSeq: number,
  options: WindowOptions = {},
): Promise<{ result: FaultResult; nextSeq: number }> => {
  const steadyPosts = options.steadyPosts ?? 2 * context.ratePerSecond;
  const poster = new SequencePoster(
    context.wire,
    context.member,
    context.community,
    firstSeq,
    context.ratePerSecond,
  );
  let findings: FaultFindings | void;
  let readySeconds: number;
  try {
    await poster.waitForSent(steadyPosts);
    findings = await fault.inject(context, poster);
    readySeconds = (await context.platform.waitUntilReady()) / 1000;
    await poster.waitForSent(poster.sentCount + steadyPosts);
  } catch (error) {
    await poster.stop();
    throw error;
  }
  const posted = await poster.stop();
  const memberTally = await settle(context, context.member, posted.sent, options);
  const later = findings?.afterSettle ? await findings.afterSettle() : undefined;
  const all = [findings ?? {}, later ?? {}];
  return {
    result: {
      fault: fault.name,
      tally: all.flatMap((found) => found.tallies ?? []).reduce(add, memberTally),
      readySeconds,
      note: all
        .map((found) => found.note)
        .filter(Boolean)
        .join('; '),
      problems: [
        ...[...posted.failed].map(
          ([status, count]) => `${count} posts the member's node could not publish (${status})`,
        ),
        ...all.flatMap((found) => found.problems ?? []),
      ],
    },
    nextSeq: posted.nextSeq,
  };
};
