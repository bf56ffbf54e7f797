// Shared steps of sending and receiving: the sessions a message advanced saved in its transaction, and the
// sealed message as finished waku.outbound jobs on shard 32.
import type { DbClient } from '@status-communities/db';
import type { StoredDirectSession } from '@status-communities/keyring';
import type { DirectSession } from '@status-communities/protocol';
import { DIRECT_MESSAGE_PUBSUB_TOPIC } from '@status-communities/protocol';
import type { OutboundWakuMessage } from '@status-communities/queue';
import { RetryLaterError, toOutboundMessages } from '@status-communities/queue';
import type { DirectContext } from './context.js';
import { sessionChanges } from './seal.js';

/**
 * Saves what changed at the versions read. Another worker advanced one of these sessions meanwhile: the
 * transaction rolls back and the job runs again on the sessions as they are now.
 */
export const saveSessions = async (
  context: DirectContext,
  db: DbClient,
  identityId: string,
  peerKey: string,
  stored: readonly StoredDirectSession[],
  working: readonly DirectSession[],
): Promise<void> => {
  const saved = await context.sessions.save(identityId, peerKey, sessionChanges(stored, working), db);
  if (!saved.ok) {
    context.metrics.directSessionConflicts.inc();
    throw new SessionRaceLost(saved.error.message, saved.error.details);
  }
};

/** Another worker saved the session first: read it again and redo the step (withSessionRetries). */
export class SessionRaceLost extends RetryLaterError {}

/**
 * How often one job reads the sessions again after losing a race before leaving it to the queue's backoff.
 * Every round one of the racing workers wins, so this covers as many concurrent messages of one conversation
 * as the bot queue runs at once (BOT_MESSAGE_CONCURRENCY) with room to spare.
 */
export const SESSION_RACE_ROUNDS = 50;

/**
 * Runs load → decrypt/encrypt → save again while it loses the race for the peer's sessions: a burst of one
 * peer's messages handled by concurrent workers advances the sessions one writer at a time (each save is
 * checked against the version it read) instead of spending their jobs' attempts on backoff.
 */
export const withSessionRetries = async <T>(step: () => Promise<T>): Promise<T> => {
  for (let round = 1; ; round += 1) {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof SessionRaceLost) || round >= SESSION_RACE_ROUNDS) throw error;
    }
  }
};

export const directOutbound = (
  sealed: { readonly payload: Uint8Array; readonly contentTopic: string },
  nowMs: number,
  correlationId: string,
): OutboundWakuMessage[] =>
  toOutboundMessages(
    [
      {
        pubsubTopic: DIRECT_MESSAGE_PUBSUB_TOPIC,
        contentTopic: sealed.contentTopic,
        payload: sealed.payload,
      },
    ],
    nowMs,
    correlationId,
  );
