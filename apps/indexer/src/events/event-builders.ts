// The domain events a stored fact announces. Pure: built inside the transaction that stores the fact, so
// the outbox row and the rows it reports commit together.
import type { CommunityDescriptionDiff } from '@status-communities/protocol';
import type { DomainEvent } from '@status-communities/queue';
import type {
  DeleteFact,
  DescriptionFact,
  EditFact,
  MessageFact,
  Origin,
  PinFact,
  ReactionFact,
} from '../acceptance/decision.js';

const base = (communityId: string, origin: Origin) => ({
  communityId,
  occurredAt: origin.atMs,
  correlationId: origin.hash,
});

/** The diff entries that are non-empty lists or set flags, by name: what `community.updated` lists. */
export const changedParts = (diff: CommunityDescriptionDiff): string[] =>
  Object.entries(diff)
    .filter(
      ([name, value]) => name !== 'hasChanges' && (Array.isArray(value) ? value.length > 0 : value === true),
    )
    .map(([name]) => name);

/**
 * `community.updated` (changes empty for the first description seen), then one event per membership change.
 * A member removed and banned in the same description is reported once, as banned.
 */
export const descriptionEvents = (fact: DescriptionFact): DomainEvent[] => {
  const at = base(fact.communityId, fact.origin);
  const { diff } = fact;
  const events: DomainEvent[] = [
    {
      type: 'community.updated',
      ...at,
      clock: String(fact.clock),
      memberCount: fact.model.members.size,
      changes: fact.previous ? changedParts(diff) : [],
    },
  ];
  if (!fact.previous) return events;
  const banned = new Set(diff.membersBanned.map((ban) => ban.publicKey));
  for (const memberKey of diff.membersUnbanned) events.push({ type: 'member.unbanned', ...at, memberKey });
  for (const memberKey of diff.membersJoined) events.push({ type: 'member.joined', ...at, memberKey });
  for (const memberKey of diff.membersRemoved)
    if (!banned.has(memberKey)) events.push({ type: 'member.left', ...at, memberKey });
  for (const { publicKey, deleteAllMessages } of diff.membersBanned)
    events.push({ type: 'member.banned', ...at, memberKey: publicKey, deleteAllMessages });
  return events;
};

export const messageAddedEvent = (fact: MessageFact): DomainEvent => ({
  type: 'message.added',
  ...base(fact.communityId, fact.origin),
  channelId: fact.channelUuid,
  messageId: fact.messageId,
  authorKey: fact.authorKey,
  clock: String(fact.clock),
  ...(fact.text === '' ? {} : { text: fact.text }),
  ...(fact.responseTo === undefined ? {} : { replyTo: fact.responseTo }),
});

export const messageEditedEvent = (fact: EditFact): DomainEvent => ({
  type: 'message.edited',
  ...base(fact.communityId, fact.origin),
  channelId: fact.channelUuid,
  messageId: fact.messageId,
  editorKey: fact.editorKey,
  clock: String(fact.clock),
  text: fact.text,
});

export const messageDeletedEvent = (fact: DeleteFact): DomainEvent => ({
  type: 'message.deleted',
  ...base(fact.communityId, fact.origin),
  channelId: fact.channelUuid,
  messageId: fact.messageId,
  deletedBy: fact.deletedBy,
});

export const messagePinnedEvent = (fact: PinFact): DomainEvent => ({
  type: 'message.pinned',
  ...base(fact.communityId, fact.origin),
  channelId: fact.channelUuid,
  messageId: fact.messageId,
  pinnedBy: fact.pinnedBy,
  pinned: fact.pinned,
});

export const reactionChangedEvent = (fact: ReactionFact): DomainEvent => ({
  type: 'reaction.changed',
  ...base(fact.communityId, fact.origin),
  channelId: fact.channelUuid,
  messageId: fact.messageId,
  reactorKey: fact.memberKey,
  emoji: fact.emoji,
  retracted: fact.retracted,
});
