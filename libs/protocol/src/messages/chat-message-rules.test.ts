import { describe, expect, it } from '@jest/globals';
import { hexToBytesOrThrow } from '@status-communities/crypto';
import { ErrorCode } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { bigIntToUint64, decodeProto, status } from '@status-communities/proto';
import {
  MAX_CHAT_MESSAGE_TEXT_LENGTH,
  isCommunityChannelChatId,
  validateCommunityChatMessage,
  validateCommunityDeleteMessage,
  validateCommunityEditMessage,
  validateCommunityEmojiReaction,
  validateCommunityPinMessage,
} from './chat-message-rules.js';
import { vectors, seededBytes } from './testing/fixtures.js';

const communityId = vectors.keys.community.compressed;
const chatId = `${communityId}5f9c0b2e-1b7d-4c8a-9d51-6a3e2f0c7b14`;
const messageId = `0x${'ab'.repeat(32)}`;
// A valid compressed key that is not the community: the chat ID of some other community's channel.
const elsewhere = `${vectors.keys.member.compressed}5f9c0b2e-1b7d-4c8a-9d51-6a3e2f0c7b14`;
const wakuTimestampMs = 1700000000000;
const ContentType = status.ChatMessage.ContentType;
const MessageType = status.MessageType;

/** The vector's ChatMessage (clock 1700000000123, TEXT_PLAIN, COMMUNITY_CHAT), with changes. */
const vectorChat = status.ChatMessage.decode(
  hexToBytesOrThrow(vectors.applicationMetadataMessages[1]!.payload),
);
const chat = (change: status.ChatMessage.$Properties = {}): status.ChatMessage =>
  status.ChatMessage.create({ ...status.ChatMessage.toObject(vectorChat), ...change });

const reasonOf = (result: Result<void>): unknown => {
  if (result.ok) return 'valid';
  expect(result.error.code).toBe(ErrorCode.INVALID_CHAT_MESSAGE);
  return result.error.details['reason'];
};
const checkChat = (
  change: status.ChatMessage.$Properties,
  context = { wakuTimestampMs, communityId },
): unknown => reasonOf(validateCommunityChatMessage(chat(change), context));

describe('validateCommunityChatMessage', () => {
  it('accepts the vector message, with and without the expected community', () => {
    expect(checkChat({})).toBe('valid');
    expect(reasonOf(validateCommunityChatMessage(vectorChat, { wakuTimestampMs }))).toBe('valid');
  });

  describe('clock (0 < clock <= envelope time + 120 s)', () => {
    it.each([
      [0, 'clock-zero'],
      [wakuTimestampMs + 120_000, 'valid'],
      [wakuTimestampMs + 120_001, 'clock-too-high'],
      [1, 'valid'],
    ])('clock %d → %s', (clock, reason) => {
      expect(checkChat({ clock })).toBe(reason);
    });

    it('refuses a clock past 2^53 without losing precision', () => {
      expect(checkChat({ clock: bigIntToUint64(2n ** 63n) })).toBe('clock-too-high');
    });
  });

  it('refuses a zero timestamp', () => {
    expect(checkChat({ timestamp: 0 })).toBe('timestamp-zero');
  });

  describe('text', () => {
    it.each([
      ['empty', ''],
      ['ASCII spaces', ' \t\n\r\v\f'],
      ['Unicode spaces Go trims', '\u00a0\u0085\u2003\u3000\u2028'],
    ])('refuses %s text', (_name, text) => {
      expect(checkChat({ text })).toBe('text-empty');
    });

    it('keeps a byte-order mark, which Go does not count as space (JavaScript trim would)', () => {
      expect(checkChat({ text: '\ufeff' })).toBe('valid');
    });

    it('keeps spaces around an emoji, and a lone surrogate, as text', () => {
      expect(checkChat({ text: '\u3000😀 ' })).toBe('valid');
      expect(checkChat({ text: ' \ud83d' })).toBe('valid');
    });

    it(`counts code points, not UTF-16 units, against the ${MAX_CHAT_MESSAGE_TEXT_LENGTH} limit`, () => {
      expect(checkChat({ text: '😀'.repeat(MAX_CHAT_MESSAGE_TEXT_LENGTH) })).toBe('valid');
      expect(checkChat({ text: '😀'.repeat(MAX_CHAT_MESSAGE_TEXT_LENGTH + 1) })).toBe('text-too-long');
      expect(checkChat({ text: 'a'.repeat(MAX_CHAT_MESSAGE_TEXT_LENGTH) })).toBe('valid');
      expect(checkChat({ text: 'a'.repeat(MAX_CHAT_MESSAGE_TEXT_LENGTH + 1) })).toBe('text-too-long');
    });
  });

  describe('chat ID and message type', () => {
    it.each([
      ['empty', '', 'chat-id-empty'],
      ['the community alone', communityId, 'chat-id'],
      ['another community', elsewhere, 'chat-id'],
      ['uppercase hex', chatId.toUpperCase().replace('0X', '0x'), 'chat-id'],
      ['a reserved suffix', `${communityId}-memberUpdate`, 'chat-id'],
    ])('refuses a chat ID that is %s', (_name, value, reason) => {
      expect(checkChat({ chatId: value })).toBe(reason);
    });

    it('accepts another community channel when no community is expected', () => {
      expect(reasonOf(validateCommunityChatMessage(chat({ chatId: elsewhere }), { wakuTimestampMs }))).toBe(
        'valid',
      );
    });

    it.each([MessageType.ONE_TO_ONE, MessageType.PUBLIC_GROUP, MessageType.UNKNOWN_MESSAGE_TYPE])(
      'refuses message type %i in a community channel',
      (messageType) => {
        expect(checkChat({ messageType })).toBe('message-type');
      },
    );
  });

  describe('content type and payload (as status-go checks them)', () => {
    const image = { payload: Uint8Array.of(1, 2), format: status.ImageFormat.PNG };
    it.each<[string, status.ChatMessage.$Properties, string]>([
      ['an image without caption', { contentType: ContentType.IMAGE, text: '', image }, 'valid'],
      ['an image with a caption', { contentType: ContentType.IMAGE, text: 'look', image }, 'valid'],
      ['an image with a blank caption', { contentType: ContentType.IMAGE, text: ' ', image }, 'text-empty'],
      ['an IMAGE without image', { contentType: ContentType.IMAGE, text: '' }, 'image-missing'],
      ['an empty image', { contentType: ContentType.IMAGE, text: '', image: { format: 1 } }, 'image-empty'],
      [
        'an image of unknown format',
        { contentType: ContentType.IMAGE, text: '', image: { payload: image.payload } },
        'image-format',
      ],
      ['a STICKER without sticker', { contentType: ContentType.STICKER }, 'sticker-missing'],
      ['a sticker without hash', { contentType: ContentType.STICKER, sticker: { pack: 1 } }, 'sticker-hash'],
      ['a sticker', { contentType: ContentType.STICKER, sticker: { hash: 'e3010170', pack: 1 } }, 'valid'],
      ['an AUDIO without audio', { contentType: ContentType.AUDIO }, 'audio-missing'],
      ['an empty audio', { contentType: ContentType.AUDIO, audio: { type: 1 } }, 'audio-empty'],
      [
        'an audio of unknown type',
        { contentType: ContentType.AUDIO, audio: { payload: Uint8Array.of(1) } },
        'audio-type',
      ],
      [
        'an audio',
        { contentType: ContentType.AUDIO, audio: { payload: Uint8Array.of(1), type: 1 } },
        'valid',
      ],
      [
        'a bridge message',
        {
          contentType: ContentType.BRIDGE_MESSAGE,
          text: '',
          bridgeMessage: { bridgeName: 'discord', userName: 'bob', content: 'hi' },
        },
        'valid',
      ],
      [
        'a bridge message without user',
        { contentType: ContentType.BRIDGE_MESSAGE, bridgeMessage: { bridgeName: 'discord', content: 'hi' } },
        'bridge-user-name',
      ],
      [
        'a BRIDGE_MESSAGE without bridge message',
        { contentType: ContentType.BRIDGE_MESSAGE, text: '' },
        'bridge-missing',
      ],
      ['a Discord message without text', { contentType: ContentType.DISCORD_MESSAGE, text: '' }, 'valid'],
      ['an unknown content type', { contentType: ContentType.UNKNOWN_CONTENT_TYPE }, 'content-type'],
      ['a transaction command', { contentType: ContentType.TRANSACTION_COMMAND }, 'content-type'],
      [
        'a private-group system message',
        { contentType: ContentType.SYSTEM_MESSAGE_CONTENT_PRIVATE_GROUP },
        'content-type',
      ],
      [
        'a mutual-state event',
        { contentType: ContentType.SYSTEM_MESSAGE_MUTUAL_EVENT_ACCEPTED },
        'content-type',
      ],
    ])('%s → %s', (_name, change, reason) => {
      expect(checkChat(change)).toBe(reason);
    });
  });

  describe('display name (status-go ValidateDisplayName)', () => {
    it.each([
      ['', 'valid'],
      ['alice', 'valid'],
      ['  alice-b_c 9  ', 'valid'],
      ['al', 'display-name'],
      ['a'.repeat(25), 'display-name'],
      ['alice!', 'display-name'],
      ['alice_eth', 'display-name'],
      ['alice-eth', 'display-name'],
      ['élise', 'display-name'],
    ])('%j → %s', (displayName, reason) => {
      expect(checkChat({ displayName })).toBe(reason);
    });
  });

  it.each([
    ['', 'valid'],
    [messageId, 'valid'],
    [messageId.toUpperCase().replace('0X', '0x'), 'valid'],
    ['0x1234', 'response-to'],
    ['not an id', 'response-to'],
  ])('response_to %j → %s', (responseTo, reason) => {
    expect(checkChat({ responseTo })).toBe(reason);
  });

  it('never throws on corrupted copies of the vector that still decode as a ChatMessage', () => {
    const random = seededBytes(0xc4a7);
    const original = hexToBytesOrThrow(vectors.applicationMetadataMessages[1]!.payload);
    const reasons = new Set<unknown>();
    let decoded = 0;
    for (let i = 0; i < 3000; i++) {
      const corrupted = Uint8Array.from(original);
      for (const b of random(1 + (i % 3))) corrupted[(b * 7 + i) % corrupted.length] = random(1)[0]!;
      const message = decodeProto<status.ChatMessage>(status.ChatMessage, corrupted);
      if (!message.ok) continue;
      decoded++;
      reasons.add(reasonOf(validateCommunityChatMessage(message.value, { wakuTimestampMs, communityId })));
    }
    expect(decoded).toBeGreaterThan(500);
    expect(reasons.has('valid')).toBe(true);
    expect(reasons.size).toBeGreaterThan(3);
  });
});

describe('validateCommunityEditMessage', () => {
  const edit = (change: status.EditMessage.$Properties = {}): status.EditMessage =>
    status.EditMessage.create({
      clock: 1700000000200,
      text: 'edited',
      chatId,
      messageId,
      messageType: MessageType.COMMUNITY_CHAT,
      contentType: ContentType.TEXT_PLAIN,
      ...change,
    });

  it.each<[string, status.EditMessage.$Properties, string]>([
    ['a valid edit', {}, 'valid'],
    ['clock 0', { clock: 0 }, 'clock-zero'],
    ['no chat ID', { chatId: '' }, 'chat-id-empty'],
    ['no message ID', { messageId: '' }, 'message-id-empty'],
    ['a malformed message ID', { messageId: 'abc' }, 'message-id'],
    ['a 1:1 message type', { messageType: MessageType.ONE_TO_ONE }, 'message-type'],
    ['blank text', { text: ' \n' }, 'text-empty'],
    ['too long text', { text: 'a'.repeat(MAX_CHAT_MESSAGE_TEXT_LENGTH + 1) }, 'text-too-long'],
  ])('%s → %s', (_name, change, reason) => {
    expect(reasonOf(validateCommunityEditMessage(edit(change), { communityId }))).toBe(reason);
  });
});

describe('validateCommunityDeleteMessage', () => {
  const deletion = (change: status.DeleteMessage.$Properties = {}): status.DeleteMessage =>
    status.DeleteMessage.create({
      clock: 5,
      chatId,
      messageId,
      messageType: MessageType.COMMUNITY_CHAT,
      ...change,
    });

  it.each<[string, status.DeleteMessage.$Properties, string]>([
    ['a valid delete', {}, 'valid'],
    ['clock 0 (status-go checks no clock on deletes)', { clock: 0 }, 'valid'],
    ['no chat ID', { chatId: '' }, 'chat-id-empty'],
    ['no message ID', { messageId: '' }, 'message-id-empty'],
    ['an unknown message type', { messageType: MessageType.UNKNOWN_MESSAGE_TYPE }, 'message-type'],
  ])('%s → %s', (_name, change, reason) => {
    expect(reasonOf(validateCommunityDeleteMessage(deletion(change)))).toBe(reason);
  });
});

describe('validateCommunityPinMessage', () => {
  const pin = (change: status.PinMessage.$Properties = {}): status.PinMessage =>
    status.PinMessage.create({
      clock: 5,
      chatId,
      messageId,
      pinned: true,
      messageType: MessageType.COMMUNITY_CHAT,
      ...change,
    });

  it.each<[string, status.PinMessage.$Properties, string]>([
    ['a pin', {}, 'valid'],
    ['an unpin', { pinned: false }, 'valid'],
    ['clock 0', { clock: 0 }, 'clock-zero'],
    ['another community', { chatId: elsewhere }, 'chat-id'],
    ['no message ID', { messageId: '' }, 'message-id-empty'],
  ])('%s → %s', (_name, change, reason) => {
    expect(reasonOf(validateCommunityPinMessage(pin(change), { communityId }))).toBe(reason);
  });
});

describe('validateCommunityEmojiReaction', () => {
  const nowMs = 1700000000000;
  const reaction = (change: status.EmojiReaction.$Properties = {}): status.EmojiReaction =>
    status.EmojiReaction.create({
      clock: nowMs,
      chatId,
      messageId,
      messageType: MessageType.COMMUNITY_CHAT,
      type: status.EmojiReaction.Type.THUMBS_UP,
      ...change,
    });

  it.each([1, 2, 3, 4, 5, 6])('accepts reaction type %i', (type) => {
    expect(reasonOf(validateCommunityEmojiReaction(reaction({ type }), { nowMs, communityId }))).toBe(
      'valid',
    );
  });

  it.each<[string, status.EmojiReaction.$Properties, string]>([
    ['type 0', { type: 0 }, 'reaction-type'],
    ['type 7 (past ANGRY)', { type: 7 as status.EmojiReaction.Type }, 'reaction-type'],
    ['a retraction', { retracted: true }, 'valid'],
    ['clock 0', { clock: 0 }, 'clock-zero'],
    ['a clock more than 120 s ahead of now', { clock: nowMs + 120_001 }, 'clock-too-high'],
    ['no message ID', { messageId: '' }, 'message-id-empty'],
    ['no chat ID', { chatId: '' }, 'chat-id-empty'],
    ['a 1:1 message type', { messageType: MessageType.ONE_TO_ONE }, 'message-type'],
  ])('%s → %s', (_name, change, reason) => {
    expect(reasonOf(validateCommunityEmojiReaction(reaction(change), { nowMs, communityId }))).toBe(reason);
  });
});

describe('isCommunityChannelChatId', () => {
  it('takes community ID + channel UUID, optionally of a given community', () => {
    expect(isCommunityChannelChatId(chatId)).toBe(true);
    expect(isCommunityChannelChatId(chatId, communityId)).toBe(true);
    expect(isCommunityChannelChatId(chatId, vectors.keys.member.compressed)).toBe(false);
    expect(isCommunityChannelChatId(elsewhere)).toBe(true);
    // Well-formed but not a curve point.
    expect(isCommunityChannelChatId(`0x02${'00'.repeat(32)}5f9c0b2e-1b7d-4c8a-9d51-6a3e2f0c7b14`)).toBe(
      false,
    );
    expect(isCommunityChannelChatId(`0x04${'11'.repeat(32)}uuid`)).toBe(false);
    expect(isCommunityChannelChatId(`${communityId}-ping`)).toBe(false);
    expect(isCommunityChannelChatId('')).toBe(false);
  });
});
