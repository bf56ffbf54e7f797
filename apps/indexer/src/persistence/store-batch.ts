// One transaction per batch: every accepted fact, the roll-ups of what was new, the messages held and
// released, and the outbox row of the events it announces. A batch that fails part-way leaves nothing; a
// batch run again after its commit finds every row present and stores nothing twice.
import type { DomainEvent, EventOutbox, OutboxRow } from '@status-communities/queue';
import type { DescriptionFact, Fact, MessageFact, PrivateFact } from '../acceptance/decision.js';
import { applyPostRollups, applyPrivateRollups } from '../analytics/rollups.js';
import {
  descriptionEvents,
  messageAddedEvent,
  messageDeletedEvent,
  messageEditedEvent,
  messagePinnedEvent,
  reactionChangedEvent,
} from '../events/event-builders.js';
import { touchCommunity, writeDescription } from './descriptions.js';
import { deleteHeld, holdMessages } from './held-messages.js';
import type { HoldLimits, HoldOutcome, HoldRequest } from './held-messages.js';
import {
  applyDelete,
  applyEdit,
  applyPin,
  applyReaction,
  insertMessages,
  insertPrivateMessages,
  purgeMessages,
} from './messages.js';
import type { Sql, SqlClient } from './sql.js';

/** `stored`: the fact changed what is stored; `duplicate`: it was already there (a replay). */
export type FactOutcome = 'stored' | 'duplicate';

export interface StoredBatch {
  /** One per fact, in order. */
  readonly outcomes: readonly FactOutcome[];
  /** One per hold request, in order. */
  readonly holds: readonly HoldOutcome[];
  /** Hashes of the held messages judged again whose rows this transaction deleted. */
  readonly released: ReadonlySet<string>;
  readonly outbox: OutboxRow | undefined;
}

export interface HeldChanges {
  /** Messages decided `hold`, in arrival order. */
  readonly holds: readonly HoldRequest[];
  readonly limits: HoldLimits;
  readonly heldAt: Date;
  /**
   * Held messages judged again and not held again (stored or refused for good): their rows are deleted, and
   * a fact of one whose row this transaction did not delete (released elsewhere, expired) is not stored.
   */
  readonly judged?: { readonly communityIds: readonly string[]; readonly hashes: readonly string[] };
}

export interface StoreBatchOptions {
  readonly sql: Sql;
  readonly outbox: EventOutbox;
  /** Members per community after the batch, for the day rows messages create. */
  readonly memberCounts: ReadonlyMap<string, number>;
  readonly held: HeldChanges;
}

const stored = (applied: boolean): FactOutcome => (applied ? 'stored' : 'duplicate');

/**
 * Stores the batch: held messages judged again leave the hold first, then the facts, then the new holds
 * (after the descriptions, whose clocks they were judged against), then the outbox row.
 */
export const storeBatch = (facts: readonly Fact[], options: StoreBatchOptions): Promise<StoredBatch> =>
  options.sql.transaction(async (tx) => {
    const { held } = options;
    const judged = new Set(held.judged?.hashes);
    const released = held.judged
      ? await deleteHeld(tx, held.judged.communityIds, held.judged.hashes)
      : new Set<string>();
    const live = (fact: Fact) => !judged.has(fact.origin.hash) || released.has(fact.origin.hash);
    const liveFacts = facts.filter(live);
    const stored = await storeFacts(tx, liveFacts, options.memberCounts);
    const holds = await holdMessages(tx, held.holds, held.limits, held.heldAt);
    const outbox = await options.outbox.write(tx, stored.events);
    let liveIndex = 0;
    const outcomes = facts.map((fact) =>
      live(fact) ? (stored.outcomes[liveIndex++] ?? 'duplicate') : ('duplicate' as const),
    );
    return { outcomes, holds, released, outbox };
  });

/**
 * Stores accepted facts in arrival order, except that all new messages go in first as one statement, so an
 * edit, pin, reaction or delete of a message from the same batch finds it. Request facts are not stored
 * here (they are forwarded) and count as stored.
 */
const storeFacts = async (
  tx: SqlClient,
  facts: readonly Fact[],
  memberCounts: ReadonlyMap<string, number>,
): Promise<{ readonly outcomes: readonly FactOutcome[]; readonly events: readonly DomainEvent[] }> => {
  const outcomes: FactOutcome[] = facts.map(() => 'stored');
  const events: DomainEvent[] = [];
  const purges: { fact: DescriptionFact; authors: readonly string[] }[] = [];

  for (const [index, fact] of facts.entries()) {
    if (fact.kind === 'description') {
      const change = await writeDescription(tx, fact);
      if (change.purgeAuthors.length > 0) purges.push({ fact, authors: change.purgeAuthors });
    } else if (fact.kind === 'description-seen') {
      await touchCommunity(tx, fact.communityId, fact.origin.atMs);
      outcomes[index] = 'duplicate';
    }
  }

  const messages = facts.filter((fact): fact is MessageFact => fact.kind === 'message');
  const inserted = await insertMessages(tx, messages);

  for (const [index, fact] of facts.entries()) {
    switch (fact.kind) {
      case 'description':
        events.push(...descriptionEvents(fact));
        break;
      case 'message':
        outcomes[index] = stored(inserted.has(fact.messageId));
        if (inserted.has(fact.messageId)) events.push(messageAddedEvent(fact));
        break;
      case 'edit': {
        const edit = await applyEdit(tx, fact);
        outcomes[index] = stored(edit !== 'duplicate');
        if (edit === 'applied') events.push(messageEditedEvent(fact));
        break;
      }
      case 'delete': {
        const applied = await applyDelete(tx, fact);
        outcomes[index] = stored(applied);
        if (applied) events.push(messageDeletedEvent(fact));
        break;
      }
      case 'pin': {
        const applied = await applyPin(tx, fact);
        outcomes[index] = stored(applied);
        if (applied) events.push(messagePinnedEvent(fact));
        break;
      }
      case 'reaction': {
        const applied = await applyReaction(tx, fact);
        outcomes[index] = stored(applied);
        if (applied) events.push(reactionChangedEvent(fact));
        break;
      }
      case 'description-seen':
      case 'private':
      case 'request':
        break;
    }
  }

  for (const { fact, authors } of purges)
    await purgeMessages(tx, fact.communityId, authors, fact.model.communityKey, new Date(fact.origin.atMs));

  const privates = facts.filter((fact): fact is PrivateFact => fact.kind === 'private');
  const newPrivates = new Set(await insertPrivateMessages(tx, privates));
  for (const [index, fact] of facts.entries())
    if (fact.kind === 'private') outcomes[index] = stored(newPrivates.has(fact));

  await applyPostRollups(
    tx,
    messages
      .filter((fact) => inserted.has(fact.messageId))
      .map((fact) => ({
        communityId: fact.communityId,
        chatId: fact.chatId,
        authorKey: fact.authorKey,
        atMs: fact.origin.atMs,
      })),
    memberCounts,
  );
  await applyPrivateRollups(
    tx,
    [...newPrivates].map((fact) => ({ communityId: fact.communityId, atMs: fact.origin.atMs })),
    memberCounts,
  );
  return { outcomes, events };
};
