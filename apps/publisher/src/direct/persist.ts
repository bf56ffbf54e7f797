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
    throw new RetryLaterError(saved.error.message, saved.error.details);
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
