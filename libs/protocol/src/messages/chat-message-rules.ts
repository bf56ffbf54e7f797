// Shape rules for what members post in community channels: ChatMessage, EditMessage, DeleteMessage,
// PinMessage and EmojiReaction. SG protocol/message_validator.go (ValidateReceivedChatMessage,
// ValidateEditMessage, ValidateDeleteMessage, ValidateReceivedEmojiReaction), protocol/messenger_handler.go
// matchChatEntity (community routing), common/utils.go ValidateDisplayName; status-wire.md Appendix A.
// Who may post, edit, delete or pin is a community permission, checked elsewhere.
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { status, uint64ToBigInt } from '@status-communities/proto';
import type { Uint64 } from '@status-communities/proto';
import { checkChannelUuid, parseChannelChatId } from '../topics/chat-ids.js';
import { clockFromWire, isClockValid } from '../topics/clock.js';

/** SG protocol/message_validator.go maxChatMessageTextLength (runes). */
export const MAX_CHAT_MESSAGE_TEXT_LENGTH = 4096;

const ContentType = status.ChatMessage.ContentType;
const MessageType = status.MessageType;
const Reaction = status.EmojiReaction.Type;

// Message IDs are keccak256 hashes rendered `0x` + hex (SG types.HexBytes).
const MESSAGE_ID_PATTERN = /^0x[0-9a-fA-F]{64}$/;
// Go regexp `^[\w-\s]{5,24}$`: RE2's \w is [0-9A-Za-z_] and \s is [\t\n\f\r ]. SG common/utils.go.
const DISPLAY_NAME_PATTERN = /^[0-9A-Za-z_\-\t\n\f\r ]{5,24}$/;
// SG common/utils.go DISPLAY_NAME_EXT
const DISPLAY_NAME_FORBIDDEN_SUFFIXES = ['_eth', '.eth', '-eth'];

/** Where a channel message was received, to check its clock and chat ID against. */
export interface ChannelMessageContext {
  /** The envelope time status-go checks clocks against (topics' whisperTimestampMs). */
  readonly wakuTimestampMs: number;
  /** When given, chat_id must belong to this community. */
  readonly communityId?: string;
}

/** As ChannelMessageContext, without a clock check (status-go checks none for edits, deletes and pins). */
export interface ChannelTargetContext {
  readonly communityId?: string;
}

/** status-go checks a reaction's clock against the local time, not the envelope's. */
export interface EmojiReactionContext {
  readonly nowMs: number;
  readonly communityId?: string;
}

const invalid = (reason: string, message: string): Result<never> =>
  fail(ErrorCode.INVALID_CHAT_MESSAGE, message, { reason });

/**
 * Go's unicode.IsSpace: the Latin-1 spaces (including U+0085 and U+00A0) and the other White_Space code
 * points. JavaScript's trim differs (it also strips U+FEFF and keeps U+0085), so it is not used.
 */
const isGoSpace = (codePoint: number): boolean => {
  if (codePoint <= 0xff)
    return (
      (codePoint >= 0x09 && codePoint <= 0x0d) ||
      codePoint === 0x20 ||
      codePoint === 0x85 ||
      codePoint === 0xa0
    );
  return (
    codePoint === 0x1680 ||
    (codePoint >= 0x2000 && codePoint <= 0x200a) ||
    codePoint === 0x2028 ||
    codePoint === 0x2029 ||
    codePoint === 0x202f ||
    codePoint === 0x205f ||
    codePoint === 0x3000
  );
};

/** Go's strings.TrimSpace. */
const trimGoSpace = (text: string): string => {
  const codePoints = Array.from(text);
  let start = 0;
  let end = codePoints.length;
  while (start < end && isGoSpace(codePoints[start]!.codePointAt(0)!)) start++;
  while (end > start && isGoSpace(codePoints[end - 1]!.codePointAt(0)!)) end--;
  return start === 0 && end === codePoints.length ? text : codePoints.slice(start, end).join('');
};

/**
 * By UTF-16 unit rather than a string iterator (this runs on every received chat message): every Go space is
 * in the BMP, and a surrogate is none, so units and code points give the same answer.
 */
const isBlank = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) if (!isGoSpace(text.charCodeAt(i))) return false;
  return true;
};

/** Unicode code points (Go runes), not UTF-16 units: a surrogate pair counts once. */
const codePointCount = (text: string): number => {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
};

/** Non-blank and at most 4096 runes. SG protocol/message_validator.go ValidateText. */
export const checkChatMessageText = (text: string): Result<void> => {
  if (isBlank(text)) return invalid('text-empty', "text can't be empty");
  if (codePointCount(text) > MAX_CHAT_MESSAGE_TEXT_LENGTH)
    return invalid(
      'text-too-long',
      `text shouldn't be longer than ${MAX_CHAT_MESSAGE_TEXT_LENGTH} characters`,
    );
  return ok(undefined);
};

/** `0 < clock <= referenceMs + 120 s`. SG protocol/message_validator.go validateClockValue. */
const checkClock = (clock: Uint64 | null | undefined, referenceMs: number): Result<void> => {
  const value = clockFromWire(clock);
  // Past 2^53 a clock is far beyond any envelope time.
  if (!value.ok) return invalid('clock-too-high', 'clock value too high');
  if (value.value === 0) return invalid('clock-zero', "clock can't be 0");
  if (!isClockValid(value.value, referenceMs)) return invalid('clock-too-high', 'clock value too high');
  return ok(undefined);
};

const isZero = (value: Uint64 | null | undefined): boolean => uint64ToBigInt(value) === 0n;

/**
 * A channel's chat ID: community ID followed by the channel UUID (topics parseChannelChatId). The UUID
 * part is what the description names the channel, so only the empty and reserved suffixes are refused
 * here; matching it to a real channel is routing's job, as in status-go (matchChatEntity looks it up).
 */
export const isCommunityChannelChatId = (chatId: string, communityId?: string): boolean =>
  communityId === undefined
    ? parseChannelChatId(chatId).ok
    : chatId.startsWith(communityId) && checkChannelUuid(chatId.slice(communityId.length)).ok;

/** chat_id set, a community channel's, and message_type COMMUNITY_CHAT (SG messenger_handler.go matchChatEntity). */
const checkChannelTarget = (
  chatId: string,
  messageType: status.MessageType | null | undefined,
  communityId: string | undefined,
): Result<void> => {
  if (chatId.length === 0) return invalid('chat-id-empty', "chat-id can't be empty");
  if (messageType !== MessageType.COMMUNITY_CHAT)
    return invalid('message-type', 'message type must be COMMUNITY_CHAT in a community channel');
  if (!isCommunityChannelChatId(chatId, communityId))
    return invalid('chat-id', 'chat-id is not a channel of the community');
  return ok(undefined);
};

const checkMessageId = (messageId: string, reason: string, what: string): Result<void> => {
  if (messageId.length === 0) return invalid(`${reason}-empty`, `${what} can't be empty`);
  if (!MESSAGE_ID_PATTERN.test(messageId))
    return invalid(reason, `${what} is not a message ID (0x + 64 hex digits)`);
  return ok(undefined);
};

/** SG common/utils.go ValidateDisplayName, without its check against generated three-word aliases. */
const checkDisplayName = (displayName: string): Result<void> => {
  const name = trimGoSpace(displayName);
  if (name === '') return ok(undefined);
  if (!DISPLAY_NAME_PATTERN.test(name))
    return invalid(
      'display-name',
      'display name may only hold letters, numbers, underscores, hyphens and spaces',
    );
  if (DISPLAY_NAME_FORBIDDEN_SUFFIXES.some((suffix) => name.endsWith(suffix)))
    return invalid('display-name', 'display names ending with "eth" are not allowed');
  return ok(undefined);
};

/** The payload a content type needs. SG protocol/message_validator.go ValidateReceivedChatMessage. */
const checkContent = (message: status.ChatMessage): Result<void> => {
  switch (message.contentType) {
    case ContentType.UNKNOWN_CONTENT_TYPE:
      return invalid('content-type', 'unknown content type');
    case ContentType.TRANSACTION_COMMAND:
      return invalid('content-type', "can't receive request address for transaction from others");
    case ContentType.SYSTEM_MESSAGE_CONTENT_PRIVATE_GROUP:
      return invalid('content-type', 'private group system message content type not allowed');
    case ContentType.SYSTEM_MESSAGE_MUTUAL_EVENT_SENT:
    case ContentType.SYSTEM_MESSAGE_MUTUAL_EVENT_ACCEPTED:
    case ContentType.SYSTEM_MESSAGE_MUTUAL_EVENT_REMOVED:
      return invalid('content-type', 'mutual state event system message content type not allowed');
    case ContentType.STICKER: {
      const sticker = message.sticker;
      if (!sticker) return invalid('sticker-missing', 'no sticker content');
      if (!sticker.hash) return invalid('sticker-hash', 'sticker hash not set');
      return ok(undefined);
    }
    case ContentType.IMAGE: {
      const image = message.image;
      if (!image) return invalid('image-missing', 'no image content');
      if (!image.payload || image.payload.length === 0) return invalid('image-empty', 'image payload empty');
      if (!image.format) return invalid('image-format', 'image type unknown');
      return ok(undefined);
    }
    case ContentType.AUDIO: {
      const audio = message.audio;
      if (!audio) return invalid('audio-missing', 'no audio content');
      if (!audio.payload || audio.payload.length === 0) return invalid('audio-empty', 'audio payload empty');
      if (!audio.type) return invalid('audio-type', 'audio type unknown');
      return ok(undefined);
    }
    case ContentType.BRIDGE_MESSAGE: {
      const bridge = message.bridgeMessage;
      if (!bridge) return invalid('bridge-missing', 'no bridge message content');
      if (!bridge.userName) return invalid('bridge-user-name', 'no username');
      if (!bridge.bridgeName) return invalid('bridge-name', 'no bridge name');
      if (!bridge.content) return invalid('bridge-content', 'no bridge message content text');
      return ok(undefined);
    }
    default:
      return ok(undefined);
  }
};

/**
 * status-go's order for a received ChatMessage: clock against the envelope time, timestamp set, text
 * (unless a Discord or bridge message, or an image without caption), chat ID and message type (`target`),
 * the payload its content type needs, display name; then response_to must be empty or a message ID.
 */
const checkReceivedChatMessage = (
  message: status.ChatMessage,
  wakuTimestampMs: number,
  target: () => Result<void>,
): Result<void> => {
  const clock = checkClock(message.clock, wakuTimestampMs);
  if (!clock.ok) return clock;
  if (isZero(message.timestamp)) return invalid('timestamp-zero', "timestamp can't be 0");
  const contentType = message.contentType;
  const textOptional =
    contentType === ContentType.DISCORD_MESSAGE ||
    contentType === ContentType.BRIDGE_MESSAGE ||
    (contentType === ContentType.IMAGE && message.text === '');
  if (!textOptional) {
    const text = checkChatMessageText(message.text);
    if (!text.ok) return text;
  }
  const targetOk = target();
  if (!targetOk.ok) return targetOk;
  const content = checkContent(message);
  if (!content.ok) return content;
  const displayName = checkDisplayName(message.displayName);
  if (!displayName.ok) return displayName;
  if (message.responseTo !== '') return checkMessageId(message.responseTo, 'response-to', 'response_to');
  return ok(undefined);
};

/** A ChatMessage received in a community channel (status-go's rules, channel target). */
export const validateCommunityChatMessage = (
  message: status.ChatMessage,
  context: ChannelMessageContext,
): Result<void> =>
  checkReceivedChatMessage(message, context.wakuTimestampMs, () =>
    checkChannelTarget(message.chatId, message.messageType, context.communityId),
  );

/**
 * A ChatMessage received in a 1:1 chat: the same rules, chat_id non-empty and message_type ONE_TO_ONE.
 * The chat is the signer's, whatever chat_id says (SG messenger_handler.go matchChatEntity).
 */
export const validateOneToOneChatMessage = (
  message: status.ChatMessage,
  context: { readonly wakuTimestampMs: number },
): Result<void> =>
  checkReceivedChatMessage(message, context.wakuTimestampMs, () => {
    if (message.chatId.length === 0) return invalid('chat-id-empty', "chat-id can't be empty");
    if (message.messageType !== MessageType.ONE_TO_ONE)
      return invalid('message-type', 'message type must be ONE_TO_ONE in a 1:1 chat');
    return ok(undefined);
  });

/** SG protocol/message_validator.go ValidateEditMessage: clock set, target message, new text. */
export const validateCommunityEditMessage = (
  message: status.EditMessage,
  context: ChannelTargetContext = {},
): Result<void> => {
  if (isZero(message.clock)) return invalid('clock-zero', "clock can't be 0");
  const target = checkChannelTarget(message.chatId, message.messageType, context.communityId);
  if (!target.ok) return target;
  const messageId = checkMessageId(message.messageId, 'message-id', 'message-id');
  if (!messageId.ok) return messageId;
  return checkChatMessageText(message.text);
};

/** SG protocol/message_validator.go ValidateDeleteMessage (status-go checks no clock here). */
export const validateCommunityDeleteMessage = (
  message: status.DeleteMessage,
  context: ChannelTargetContext = {},
): Result<void> => {
  const target = checkChannelTarget(message.chatId, message.messageType, context.communityId);
  if (!target.ok) return target;
  return checkMessageId(message.messageId, 'message-id', 'message-id');
};

/**
 * status-go has no validator for pins beyond chat routing; the same required fields as an edit apply:
 * clock set, target chat and message.
 */
export const validateCommunityPinMessage = (
  message: status.PinMessage,
  context: ChannelTargetContext = {},
): Result<void> => {
  if (isZero(message.clock)) return invalid('clock-zero', "clock can't be 0");
  const target = checkChannelTarget(message.chatId, message.messageType, context.communityId);
  if (!target.ok) return target;
  return checkMessageId(message.messageId, 'message-id', 'message-id');
};

/**
 * SG protocol/message_validator.go ValidateReceivedEmojiReaction: clock against the local time, target
 * message and chat, a reaction type. status-go only refuses type 0; numbers past ANGRY (6) name no emoji
 * the app can show, so they are refused too.
 */
export const validateCommunityEmojiReaction = (
  message: status.EmojiReaction,
  context: EmojiReactionContext,
): Result<void> => {
  const clock = checkClock(message.clock, context.nowMs);
  if (!clock.ok) return clock;
  const messageId = checkMessageId(message.messageId, 'message-id', 'message-id');
  if (!messageId.ok) return messageId;
  if (message.type < Reaction.LOVE || message.type > Reaction.ANGRY)
    return invalid('reaction-type', `unknown emoji reaction type ${message.type}`);
  return checkChannelTarget(message.chatId, message.messageType, context.communityId);
};
