import type { DomainEvent } from '@status-communities/queue';

/** Test fixtures: valid events of made-up communities, numbered so a sequence is easy to compare. */
export const communityIdOf = (n: number): string => `0x02${n.toString(16).padStart(2, '0').repeat(32)}`;
export const memberKeyOf = (n: number): string => `0x04${(n % 256).toString(16).padStart(2, '0').repeat(64)}`;
export const messageIdOf = (n: number): string => `0x${n.toString(16).padStart(64, '0')}`;

const OCCURRED_AT = 1_764_000_000_000;

export const memberJoined = (community: string, n: number): DomainEvent => ({
  type: 'member.joined',
  communityId: community,
  occurredAt: OCCURRED_AT + n,
  memberKey: memberKeyOf(n),
});

export const messageAdded = (community: string, channelId: string, n: number): DomainEvent => ({
  type: 'message.added',
  communityId: community,
  occurredAt: OCCURRED_AT + n,
  channelId,
  messageId: messageIdOf(n),
  authorKey: memberKeyOf(n),
  clock: String(n),
  text: `message ${n}`,
});

/** A bot's 1:1 events (issue #15): they name the bot's tenant instead of a community. */
export const directMessageReceived = (
  tenantId: string,
  botKey: string,
  peerKey: string,
  n: number,
): DomainEvent => ({
  type: 'direct.message_received',
  tenantId,
  botKey,
  peerKey,
  occurredAt: OCCURRED_AT + n,
  messageId: messageIdOf(n),
  clock: String(n),
  kind: 'TEXT',
  text: `direct ${n}`,
});

export const contactRequestReceived = (
  tenantId: string,
  botKey: string,
  peerKey: string,
  n: number,
): DomainEvent => ({
  type: 'direct.contact_request_received',
  tenantId,
  botKey,
  peerKey,
  occurredAt: OCCURRED_AT + n,
  messageId: messageIdOf(n),
  clock: String(n),
  text: `add me ${n}`,
});

export const directMessageAcknowledged = (
  tenantId: string,
  botKey: string,
  peerKey: string,
  n: number,
): DomainEvent => ({
  type: 'direct.message_acknowledged',
  tenantId,
  botKey,
  peerKey,
  occurredAt: OCCURRED_AT + n,
  messageId: messageIdOf(n),
});
