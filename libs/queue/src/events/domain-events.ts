import { z } from 'zod';
import {
  ChannelIdSchema,
  CommunityIdSchema,
  CorrelationIdSchema,
  EpochMillisSchema,
  PrefixedHexSchema,
  PublicKeySchema,
  Uint64StringSchema,
} from '../schemas/primitives.js';

/** Status's EmojiReaction.Type names (chat_message.proto), without UNKNOWN. */
export const EmojiSchema = z.enum(['LOVE', 'THUMBS_UP', 'THUMBS_DOWN', 'LAUGH', 'SAD', 'ANGRY']);
export type Emoji = z.infer<typeof EmojiSchema>;

const EventBase = {
  communityId: CommunityIdSchema,
  /** When the fact happened as far as the platform knows (Waku timestamp or decision time), ms. */
  occurredAt: EpochMillisSchema,
  /** The correlation id of the Waku message or command that caused the event, when there is one. */
  correlationId: CorrelationIdSchema.optional(),
};

const MessageRef = {
  channelId: ChannelIdSchema,
  messageId: PrefixedHexSchema,
};

const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...EventBase, ...shape });

export const CommunityUpdatedEventSchema = event('community.updated', {
  clock: Uint64StringSchema,
  memberCount: z.number().int().nonnegative(),
  /** Which parts changed (names from the description diff), empty for the first description seen. */
  changes: z.array(z.string().min(1)),
});
export const MemberJoinedEventSchema = event('member.joined', { memberKey: PublicKeySchema });
export const MemberLeftEventSchema = event('member.left', { memberKey: PublicKeySchema });
export const MemberKickedEventSchema = event('member.kicked', { memberKey: PublicKeySchema });
export const MemberBannedEventSchema = event('member.banned', {
  memberKey: PublicKeySchema,
  deleteAllMessages: z.boolean(),
});
/** Dropped by the control node: no longer meets the token permissions (the only reason so far). */
export const MemberRemovedEventSchema = event('member.removed', {
  memberKey: PublicKeySchema,
  reason: z.enum(['PERMISSIONS']),
});
/** Roles granted by token permissions changed (TOKEN_MASTER, ADMIN, or none). */
export const MemberRolesChangedEventSchema = event('member.roles_changed', {
  memberKey: PublicKeySchema,
  roles: z.array(z.enum(['OWNER', 'ADMIN', 'TOKEN_MASTER'])),
});
export const MemberUnbannedEventSchema = event('member.unbanned', { memberKey: PublicKeySchema });
export const MessageAddedEventSchema = event('message.added', {
  ...MessageRef,
  authorKey: PublicKeySchema,
  clock: Uint64StringSchema,
  /** Text of text messages; absent for other content types and encrypted channels. */
  text: z.string().optional(),
  replyTo: PrefixedHexSchema.optional(),
});
export const MessageEditedEventSchema = event('message.edited', {
  ...MessageRef,
  editorKey: PublicKeySchema,
  clock: Uint64StringSchema,
  text: z.string().optional(),
});
export const MessageDeletedEventSchema = event('message.deleted', {
  ...MessageRef,
  deletedBy: PublicKeySchema,
});
export const MessagePinnedEventSchema = event('message.pinned', {
  ...MessageRef,
  pinnedBy: PublicKeySchema,
  pinned: z.boolean(),
});
export const ReactionChangedEventSchema = event('reaction.changed', {
  ...MessageRef,
  reactorKey: PublicKeySchema,
  emoji: EmojiSchema,
  retracted: z.boolean(),
});
export const RequestReceivedEventSchema = event('request.received', {
  requestId: PrefixedHexSchema,
  requesterKey: PublicKeySchema,
});
export const RequestDecidedEventSchema = event('request.decided', {
  requestId: PrefixedHexSchema,
  requesterKey: PublicKeySchema,
  decision: z.enum(['accepted', 'declined']),
  /** `policy` for AUTO_ACCEPT and automatic refusals, `admin` for a decision made through the API. */
  decidedBy: z.enum(['policy', 'admin']),
});
export const RequestCanceledEventSchema = event('request.canceled', {
  requestId: PrefixedHexSchema,
  requesterKey: PublicKeySchema,
});
/**
 * A hosted encrypted community's group keys were replaced (a member removed, the timed rekey, or an admin's
 * rotation) and handed to the remaining members. Never carries a key.
 */
export const KeysRotatedEventSchema = event('keys.rotated', {
  clock: Uint64StringSchema,
  /** `community` and/or channel UUIDs whose key is new. */
  groups: z.array(z.string().min(1)).min(1),
  reason: z.enum(['members-removed', 'scheduled', 'admin', 'encrypted']),
});

/**
 * 1:1 events (issue #15) belong to a bot, not to a community: they carry the bot's tenant, and only that
 * tenant sees them (subscriptions and webhooks).
 */
const DirectEventBase = {
  tenantId: z.uuid(),
  botKey: PublicKeySchema,
  peerKey: PublicKeySchema,
  occurredAt: EpochMillisSchema,
  correlationId: CorrelationIdSchema.optional(),
};
const directEvent = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...DirectEventBase, ...shape });

export const DirectMessageReceivedEventSchema = directEvent('direct.message_received', {
  messageId: PrefixedHexSchema,
  clock: Uint64StringSchema,
  kind: z.enum(['TEXT', 'COMMUNITY_INVITE', 'REACTION', 'OTHER']),
  text: z.string().optional(),
  replyTo: PrefixedHexSchema.optional(),
});
export const ContactRequestReceivedEventSchema = directEvent('direct.contact_request_received', {
  messageId: PrefixedHexSchema,
  clock: Uint64StringSchema,
  text: z.string().optional(),
});
/** The peer acknowledged (MVDS) a message the bot sent: it reached one of its devices. */
export const DirectMessageAcknowledgedEventSchema = directEvent('direct.message_acknowledged', {
  messageId: PrefixedHexSchema,
});

/** Everything the event stream carries; subscriptions and webhooks read exactly this. */
export const DomainEventSchema = z.discriminatedUnion('type', [
  CommunityUpdatedEventSchema,
  MemberJoinedEventSchema,
  MemberLeftEventSchema,
  MemberKickedEventSchema,
  MemberBannedEventSchema,
  MemberUnbannedEventSchema,
  MemberRemovedEventSchema,
  MemberRolesChangedEventSchema,
  MessageAddedEventSchema,
  MessageEditedEventSchema,
  MessageDeletedEventSchema,
  MessagePinnedEventSchema,
  ReactionChangedEventSchema,
  RequestReceivedEventSchema,
  RequestDecidedEventSchema,
  RequestCanceledEventSchema,
  KeysRotatedEventSchema,
  DirectMessageReceivedEventSchema,
  ContactRequestReceivedEventSchema,
  DirectMessageAcknowledgedEventSchema,
]);
export type DomainEvent = z.infer<typeof DomainEventSchema>;
export type DomainEventType = DomainEvent['type'];
export type DomainEventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
/** Events of a community (every event but the 1:1 ones). */
export type CommunityEvent = Exclude<DomainEvent, { tenantId: string }>;
/** 1:1 events: a bot's conversations, seen by its tenant only. */
export type DirectEvent = Extract<DomainEvent, { tenantId: string }>;
export const isDirectEvent = (event: DomainEvent): event is DirectEvent => 'tenantId' in event;
