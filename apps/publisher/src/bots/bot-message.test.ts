import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@status-communities/errors';
import { decodeProto, status } from '@status-communities/proto';
import type { ChannelBotCommand } from './bot-message.js';
import { buildBotMessage } from './bot-message.js';

const communityId = `0x03${'cd'.repeat(32)}`;
const channelId = '30804ea7-bd66-4d5d-91eb-b2dcfe2515b3';
const messageId = `0x${'ab'.repeat(32)}`;
const now = 1_732_531_200_000;
const context = { clock: now + 60_000, nowMs: now, displayName: 'Helper Bot' };
const base = {
  actor: 'test',
  correlationId: 'c',
  botKey: `0x04${'11'.repeat(64)}`,
  communityId,
  channelId,
};
const AppType = status.ApplicationMetadataMessage.Type;
const COMMUNITY_CHAT = status.MessageType.COMMUNITY_CHAT;

const built = (
  command: ChannelBotCommand,
  overrides: Partial<typeof context> & { deletedBy?: string } = {},
) => {
  const result = buildBotMessage(command, { ...context, ...overrides });
  if (!result.ok) throw result.error;
  return result.value;
};

describe('bot channel messages', () => {
  it('builds a text ChatMessage (and a reply) for the channel chat', () => {
    const message = built({ ...base, type: 'message.send', text: 'hello', replyTo: messageId });
    expect(message.type).toBe(AppType.CHAT_MESSAGE);
    const decoded = decodeProto(status.ChatMessage, message.payload);
    expect(decoded.ok && decoded.value).toMatchObject({
      text: 'hello',
      responseTo: messageId,
      chatId: communityId + channelId,
      messageType: COMMUNITY_CHAT,
      contentType: status.ChatMessage.ContentType.TEXT_PLAIN,
      displayName: 'Helper Bot',
    });
    if (decoded.ok)
      expect([Number(decoded.value.clock), Number(decoded.value.timestamp)]).toEqual([now + 60_000, now]);
  });

  it('builds edits, deletes, reactions and pins of a message', () => {
    const edit = built({ ...base, type: 'message.edit', messageId, text: 'better' });
    expect(edit.type).toBe(AppType.EDIT_MESSAGE);
    expect(decodeProto(status.EditMessage, edit.payload)).toMatchObject({
      value: { messageId, text: 'better' },
    });

    const del = built({ ...base, type: 'message.delete', messageId }, { deletedBy: base.botKey });
    expect(del.type).toBe(AppType.DELETE_MESSAGE);
    expect(decodeProto(status.DeleteMessage, del.payload)).toMatchObject({
      value: { messageId, deletedBy: base.botKey },
    });

    const reaction = built({ ...base, type: 'reaction.set', messageId, emoji: 'LAUGH', retracted: true });
    expect(reaction.type).toBe(AppType.EMOJI_REACTION);
    expect(decodeProto(status.EmojiReaction, reaction.payload)).toMatchObject({
      value: { type: status.EmojiReaction.Type.LAUGH, retracted: true, messageType: COMMUNITY_CHAT },
    });

    const pin = built({ ...base, type: 'message.pin', messageId, pinned: false });
    expect(pin.type).toBe(AppType.PIN_MESSAGE);
    expect(decodeProto(status.PinMessage, pin.payload)).toMatchObject({
      value: { messageId, pinned: false },
    });
  });

  it('refuses what receivers would drop', () => {
    const invalid = (command: ChannelBotCommand, overrides: Partial<typeof context> = {}) => {
      const result = buildBotMessage(command, { ...context, ...overrides });
      return result.ok ? undefined : [result.error.code, result.error.details['reason']];
    };
    expect(invalid({ ...base, type: 'message.send', text: '   ' })).toEqual([
      ErrorCode.INVALID_CHAT_MESSAGE,
      'text-empty',
    ]);
    expect(invalid({ ...base, type: 'message.send', text: '😀'.repeat(4_097) })).toEqual([
      ErrorCode.INVALID_CHAT_MESSAGE,
      'text-too-long',
    ]);
    // More than 120 s ahead of the envelope time.
    expect(invalid({ ...base, type: 'message.send', text: 'hi' }, { clock: now + 121_001 })).toEqual([
      ErrorCode.INVALID_CHAT_MESSAGE,
      'clock-too-high',
    ]);
    expect(invalid({ ...base, type: 'message.send', text: 'hi' }, { displayName: 'x' })).toEqual([
      ErrorCode.INVALID_CHAT_MESSAGE,
      'display-name',
    ]);
    expect(invalid({ ...base, type: 'message.send', text: 'hi', channelId: '' })).toEqual([
      ErrorCode.INVALID_CHAT_MESSAGE,
      'chat-id',
    ]);
  });
});
