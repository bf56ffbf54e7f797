// What a bot says in a channel, as the inner protobuf a Status app member sends: pure, checked with the
// rules receivers apply before it is signed. SG protocol/messenger_messages.go (send, edit, delete),
// messenger_emoji_reactions.go, messenger_pin_messages.go; status-wire.md §2.2.
import type { Result } from '@status-communities/errors';
import { ok } from '@status-communities/errors';
import { encodeProto, status } from '@status-communities/proto';
import {
  channelChatId,
  validateCommunityChatMessage,
  validateCommunityDeleteMessage,
  validateCommunityEditMessage,
  validateCommunityEmojiReaction,
  validateCommunityPinMessage,
  wakuTimestampNsFromMs,
  whisperTimestampMs,
} from '@status-communities/protocol';
import type { BotMessageCommand } from '@status-communities/queue';

const AppType = status.ApplicationMetadataMessage.Type;
const COMMUNITY_CHAT = status.MessageType.COMMUNITY_CHAT;
const TEXT_PLAIN = status.ChatMessage.ContentType.TEXT_PLAIN;

/** The bot commands that act in a channel (requests to join are not channel messages). */
export type ChannelBotCommand = Exclude<
  BotMessageCommand,
  { type: 'community.request-to-join' | 'identity.create' | 'member.keys' | DirectCommand['type'] }
>;
/** A bot's 1:1 commands (issue #15). */
export type DirectCommand = Extract<BotMessageCommand, { type: `direct.${string}` }>;
export const isDirectCommand = (command: BotMessageCommand): command is DirectCommand =>
  command.type.startsWith('direct.');

export interface BotMessageContext {
  /** The Lamport clock allocated for this message (topics nextMessageClock). */
  readonly clock: number;
  /** Now, unix ms: ChatMessage.timestamp and the envelope time receivers check the clock against. */
  readonly nowMs: number;
  /** ChatMessage.display_name: receivers show it for senders who are not contacts. */
  readonly displayName: string;
  /** `0x04…` of the bot when it deletes someone else's message (DeleteMessage.deleted_by). */
  readonly deletedBy?: string;
}

/** An inner message ready to be wrapped in a signed AMM. */
export interface BotInnerMessage {
  readonly type: status.ApplicationMetadataMessage.Type;
  readonly payload: Uint8Array;
}

const REACTION_TYPES = status.EmojiReaction.Type;

/**
 * The inner message of a bot command: message_type COMMUNITY_CHAT, chat_id = community ID + channel UUID,
 * the given clock; refused with the receivers' reason (INVALID_CHAT_MESSAGE) when they would drop it.
 */
export const buildBotMessage = (
  command: ChannelBotCommand,
  context: BotMessageContext,
): Result<BotInnerMessage> => {
  const chatId = channelChatId(command.communityId, command.channelId);
  const { clock, nowMs } = context;
  const target = { communityId: command.communityId };
  switch (command.type) {
    case 'message.send': {
      const message = status.ChatMessage.create({
        clock,
        timestamp: nowMs,
        text: command.text,
        responseTo: command.replyTo ?? '',
        chatId,
        messageType: COMMUNITY_CHAT,
        contentType: TEXT_PLAIN,
        displayName: context.displayName,
      });
      const valid = validateCommunityChatMessage(message, {
        ...target,
        wakuTimestampMs: whisperTimestampMs(wakuTimestampNsFromMs(nowMs)),
      });
      return valid.ok
        ? ok({ type: AppType.CHAT_MESSAGE, payload: encodeProto(status.ChatMessage, message) })
        : valid;
    }
    case 'message.edit': {
      const message = status.EditMessage.create({
        clock,
        text: command.text,
        chatId,
        messageId: command.messageId,
        messageType: COMMUNITY_CHAT,
        contentType: TEXT_PLAIN,
      });
      const valid = validateCommunityEditMessage(message, target);
      return valid.ok
        ? ok({ type: AppType.EDIT_MESSAGE, payload: encodeProto(status.EditMessage, message) })
        : valid;
    }
    case 'message.delete': {
      const message = status.DeleteMessage.create({
        clock,
        chatId,
        messageId: command.messageId,
        messageType: COMMUNITY_CHAT,
        deletedBy: context.deletedBy ?? '',
      });
      const valid = validateCommunityDeleteMessage(message, target);
      return valid.ok
        ? ok({ type: AppType.DELETE_MESSAGE, payload: encodeProto(status.DeleteMessage, message) })
        : valid;
    }
    case 'reaction.set': {
      const message = status.EmojiReaction.create({
        clock,
        chatId,
        messageId: command.messageId,
        messageType: COMMUNITY_CHAT,
        type: REACTION_TYPES[command.emoji],
        retracted: command.retracted,
      });
      const valid = validateCommunityEmojiReaction(message, { ...target, nowMs });
      return valid.ok
        ? ok({ type: AppType.EMOJI_REACTION, payload: encodeProto(status.EmojiReaction, message) })
        : valid;
    }
    case 'message.pin': {
      const message = status.PinMessage.create({
        clock,
        messageId: command.messageId,
        chatId,
        pinned: command.pinned,
        messageType: COMMUNITY_CHAT,
      });
      const valid = validateCommunityPinMessage(message, target);
      return valid.ok
        ? ok({ type: AppType.PIN_MESSAGE, payload: encodeProto(status.PinMessage, message) })
        : valid;
    }
  }
};
