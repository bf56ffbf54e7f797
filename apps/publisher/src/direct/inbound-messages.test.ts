import { describe, expect, it } from '@jest/globals';
import { generatePrivateKey, publicKeyFromPrivateKey } from '@status-communities/crypto';
import { ErrorCode, unwrap } from '@status-communities/errors';
import { encodeProto, status } from '@status-communities/proto';
import type { DirectApplicationMessage } from '@status-communities/protocol';
import {
  buildCommunityInviteMessage,
  buildOneToOneChatMessage,
  unwrapApplicationMessage,
  wrapApplicationMessage,
} from '@status-communities/protocol';
import { readInboundMessage } from './inbound-messages.js';

const AppType = status.ApplicationMetadataMessage.Type;
const peerPriv = generatePrivateKey();
const bot = publicKeyFromPrivateKey(generatePrivateKey());
const replied = `0x${'ab'.repeat(32)}`;

/** An AMM from the peer as the receive path hands it over. */
const fromPeer = (
  type: status.ApplicationMetadataMessage.Type,
  payload: Uint8Array,
): DirectApplicationMessage => {
  const amm = unwrap(unwrapApplicationMessage(wrapApplicationMessage(type, payload, peerPriv)));
  return { ...amm, author: amm.signer! };
};
const chat = (message: status.ChatMessage.$Properties) =>
  fromPeer(AppType.CHAT_MESSAGE, encodeProto(status.ChatMessage, message));

describe('readInboundMessage', () => {
  it('reads a reply as text answering the message it names', () => {
    const message = unwrap(
      buildOneToOneChatMessage({
        recipientKey: bot,
        text: 'thanks!',
        clock: 1_700_000_000_001,
        timestampMs: 1_700_000_000_001,
        responseTo: replied,
      }),
    );
    const amm = chat(message);
    expect(unwrap(readInboundMessage(amm))).toEqual({
      id: amm.messageId,
      kind: 'TEXT',
      contentType: status.ChatMessage.ContentType.TEXT_PLAIN,
      text: 'thanks!',
      replyTo: replied,
      clock: 1_700_000_000_001,
      contact: [],
    });
  });

  it('reads a reaction by its emoji on the message it names', () => {
    const amm = fromPeer(
      AppType.EMOJI_REACTION,
      encodeProto(status.EmojiReaction, {
        clock: 1_700_000_000_002,
        chatId: `0x${Buffer.from(bot).toString('hex')}`,
        messageId: replied,
        messageType: status.MessageType.ONE_TO_ONE,
        type: status.EmojiReaction.Type.THUMBS_UP,
      }),
    );
    expect(unwrap(readInboundMessage(amm))).toMatchObject({
      kind: 'REACTION',
      text: 'THUMBS_UP',
      replyTo: replied,
    });
  });

  it("reads the app's community invitation (share link in the text and an unfurled card) as one", () => {
    const invite = unwrap(
      buildCommunityInviteMessage({
        recipientKey: bot,
        clock: 1_700_000_000_003,
        timestampMs: 1_700_000_000_003,
        communityKey: publicKeyFromPrivateKey(generatePrivateKey(), { compressed: true }),
        shard: null,
        community: {
          displayName: 'Builders',
          description: 'We build',
          membersCount: 3,
          color: '#4360df',
          tagIndices: [],
        },
      }),
    );
    expect(unwrap(readInboundMessage(chat(invite))).kind).toBe('COMMUNITY_INVITE');
  });

  it('keeps other application messages as OTHER, and refuses a payload that is not what its type says', () => {
    expect(unwrap(readInboundMessage(fromPeer(AppType.PIN_MESSAGE, new Uint8Array(0)))).kind).toBe('OTHER');
    const garbled = readInboundMessage(fromPeer(AppType.CHAT_MESSAGE, Uint8Array.of(0xff, 0xff, 0xff)));
    expect(garbled.ok ? undefined : garbled.error.code).toBe(ErrorCode.MALFORMED_PROTOBUF);
  });
});
