// status-go's rules for what members send in channels: the shape rules of libs/protocol, then who may post,
// edit, delete, pin and react under the latest accepted description.
import { publicKeyToHex } from '@status-communities/crypto';
import type { StatusError } from '@status-communities/errors';
import { status } from '@status-communities/proto';
import type { Uint64 } from '@status-communities/proto';
import {
  canDeleteMessage,
  canEditMessage,
  canPost,
  clockFromWire,
  validateCommunityChatMessage,
  validateCommunityDeleteMessage,
  validateCommunityEditMessage,
  validateCommunityEmojiReaction,
  validateCommunityPinMessage,
} from '@status-communities/protocol';
import type { CommunityDescriptionModel } from '@status-communities/protocol';
import type { Emoji } from '@status-communities/queue';
import { accept, reject } from './decision.js';
import type { Decision, Origin, TargetRef } from './decision.js';

const AppType = status.ApplicationMetadataMessage.Type;

/** The message an edit, delete, pin or reaction names, as stored (or accepted earlier in the batch). */
export interface StoredTarget extends TargetRef {
  readonly authorKey: string;
}

export interface ChannelContext {
  readonly origin: Origin;
  readonly communityId: string;
  /** The latest accepted description; undefined until one arrives. */
  readonly model: CommunityDescriptionModel | undefined;
  /** `0x04…` control node when it is not the community key. */
  readonly controlNode: string | undefined;
  /** The envelope time status-go checks message clocks against (whisperTimestampMs). */
  readonly envelopeMs: number;
  /** Local time, which reaction clocks are checked against. */
  readonly nowMs: number;
  readonly target: (messageId: string) => StoredTarget | undefined;
}

// The latest instant a JavaScript Date (and so a timestamptz written from one) can hold.
const MAX_DATE_MS = 8.64e15;

/**
 * A wire uint64 in ms as a number, or undefined past what a Date holds: status-go leaves edit and pin clocks
 * and message timestamps unchecked beyond "not 0", and nothing stored may choke on them.
 */
const wireMs = (value: Uint64 | null | undefined): number | undefined => {
  const ms = clockFromWire(value);
  return ms.ok && ms.value <= MAX_DATE_MS ? ms.value : undefined;
};

/** Shape failures: clocks get their own reason, the rest are invalid messages. */
const invalid = (error: StatusError): Decision => {
  const reason = String(error.details['reason'] ?? '');
  return reject(reason.startsWith('clock') ? 'invalid-clock' : 'invalid-message');
};

/** FORBIDDEN carries the permission rule's reason (not-a-member, banned, not-a-poster, …). */
const forbidden = (error: StatusError): Decision => reject(String(error.details['reason'] ?? 'forbidden'));

const mayPost = (
  context: ChannelContext,
  model: CommunityDescriptionModel,
  chatId: string,
  signer: string,
  type: status.ApplicationMetadataMessage.Type,
): Decision | undefined => {
  const allowed = canPost(model, chatId.slice(context.communityId.length), signer, type, {
    ...(context.controlNode ? { controlNode: context.controlNode } : {}),
  });
  return allowed.ok ? undefined : forbidden(allowed.error);
};

/** The target must exist and sit in the channel the action names. */
const targetOf = (
  context: ChannelContext,
  messageId: string,
  chatId: string,
): { readonly target: StoredTarget } | { readonly refused: Decision } => {
  // Ids are compared as stored, lowercase (status-go parses the hex, so either case names the message).
  const target = context.target(messageId.toLowerCase());
  if (!target || target.communityId !== context.communityId) return { refused: reject('unknown-target') };
  if (target.chatId !== chatId) return { refused: reject('wrong-channel') };
  return { target };
};

const targetRef = ({ messageId, communityId, chatId, channelUuid }: StoredTarget): TargetRef => ({
  messageId,
  communityId,
  chatId,
  channelUuid,
});

export const decideChatMessage = (
  context: ChannelContext,
  message: status.ChatMessage,
  signer: Uint8Array,
  messageId: string,
  raw: Uint8Array,
): Decision => {
  const { model, communityId } = context;
  if (!model) return reject('unknown-community');
  const valid = validateCommunityChatMessage(message, { wakuTimestampMs: context.envelopeMs, communityId });
  if (!valid.ok) return invalid(valid.error);
  const clock = wireMs(message.clock);
  const timestampMs = wireMs(message.timestamp);
  if (clock === undefined) return reject('invalid-clock');
  if (timestampMs === undefined) return reject('invalid-message');
  const authorKey = publicKeyToHex(signer);
  const refused = mayPost(context, model, message.chatId, authorKey, AppType.CHAT_MESSAGE);
  if (refused) return refused;
  return accept({
    kind: 'message',
    origin: context.origin,
    messageId,
    communityId,
    chatId: message.chatId,
    channelUuid: message.chatId.slice(communityId.length),
    authorKey,
    clock,
    timestampMs,
    text: message.text,
    contentType: message.contentType,
    responseTo: message.responseTo === '' ? undefined : message.responseTo.toLowerCase(),
    raw,
  });
};

export const decideEdit = (
  context: ChannelContext,
  message: status.EditMessage,
  signer: Uint8Array,
  editId: string,
): Decision => {
  const { model, communityId } = context;
  if (!model) return reject('unknown-community');
  const valid = validateCommunityEditMessage(message, { communityId });
  if (!valid.ok) return invalid(valid.error);
  const clock = wireMs(message.clock);
  if (clock === undefined) return reject('invalid-clock');
  const editorKey = publicKeyToHex(signer);
  const refused = mayPost(context, model, message.chatId, editorKey, AppType.EDIT_MESSAGE);
  if (refused) return refused;
  const found = targetOf(context, message.messageId, message.chatId);
  if ('refused' in found) return found.refused;
  const allowed = canEditMessage(model, { authorKey: found.target.authorKey, actorKey: editorKey });
  if (!allowed.ok) return forbidden(allowed.error);
  return accept({
    kind: 'edit',
    origin: context.origin,
    ...targetRef(found.target),
    editId,
    editorKey,
    clock,
    text: message.text,
  });
};

export const decideDelete = (
  context: ChannelContext,
  message: status.DeleteMessage,
  signer: Uint8Array,
): Decision => {
  const { model, communityId } = context;
  if (!model) return reject('unknown-community');
  const valid = validateCommunityDeleteMessage(message, { communityId });
  if (!valid.ok) return invalid(valid.error);
  const found = targetOf(context, message.messageId, message.chatId);
  if ('refused' in found) return found.refused;
  const deletedBy = publicKeyToHex(signer);
  // Authors delete their own; owners, admins and token masters anyone's (no poster role needed for that).
  const allowed = canDeleteMessage(model, { authorKey: found.target.authorKey, actorKey: deletedBy });
  if (!allowed.ok) return forbidden(allowed.error);
  return accept({ kind: 'delete', origin: context.origin, ...targetRef(found.target), deletedBy });
};

export const decidePin = (
  context: ChannelContext,
  message: status.PinMessage,
  signer: Uint8Array,
): Decision => {
  const { model, communityId } = context;
  if (!model) return reject('unknown-community');
  const valid = validateCommunityPinMessage(message, { communityId });
  if (!valid.ok) return invalid(valid.error);
  const clock = wireMs(message.clock);
  if (clock === undefined) return reject('invalid-clock');
  const pinnedBy = publicKeyToHex(signer);
  const refused = mayPost(context, model, message.chatId, pinnedBy, AppType.PIN_MESSAGE);
  if (refused) return refused;
  const found = targetOf(context, message.messageId, message.chatId);
  if ('refused' in found) return found.refused;
  return accept({
    kind: 'pin',
    origin: context.origin,
    ...targetRef(found.target),
    pinnedBy,
    pinned: message.pinned,
    clock,
  });
};

const EMOJI_NAMES: Readonly<Record<number, Emoji>> = {
  [status.EmojiReaction.Type.LOVE]: 'LOVE',
  [status.EmojiReaction.Type.THUMBS_UP]: 'THUMBS_UP',
  [status.EmojiReaction.Type.THUMBS_DOWN]: 'THUMBS_DOWN',
  [status.EmojiReaction.Type.LAUGH]: 'LAUGH',
  [status.EmojiReaction.Type.SAD]: 'SAD',
  [status.EmojiReaction.Type.ANGRY]: 'ANGRY',
};

export const decideReaction = (
  context: ChannelContext,
  message: status.EmojiReaction,
  signer: Uint8Array,
): Decision => {
  const { model, communityId } = context;
  if (!model) return reject('unknown-community');
  const valid = validateCommunityEmojiReaction(message, { nowMs: context.nowMs, communityId });
  if (!valid.ok) return invalid(valid.error);
  const clock = wireMs(message.clock);
  if (clock === undefined) return reject('invalid-clock');
  const memberKey = publicKeyToHex(signer);
  const refused = mayPost(context, model, message.chatId, memberKey, AppType.EMOJI_REACTION);
  if (refused) return refused;
  const found = targetOf(context, message.messageId, message.chatId);
  if ('refused' in found) return found.refused;
  const emoji = EMOJI_NAMES[message.type];
  // validateCommunityEmojiReaction admits LOVE..ANGRY only.
  if (!emoji) return reject('invalid-message');
  return accept({
    kind: 'reaction',
    origin: context.origin,
    ...targetRef(found.target),
    memberKey,
    emoji,
    retracted: message.retracted,
    clock,
  });
};
