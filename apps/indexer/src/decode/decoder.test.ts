import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { generatePrivateKey, symKeyFor } from '@status-communities/crypto';
import { encodeProto, status } from '@status-communities/proto';
import { encodeStatusMessage, memberUpdateChatId } from '@status-communities/protocol';
import { bytesToBase64 } from '@status-communities/queue';
import { newKey, TestCommunity } from '@status-communities/testing';
import { ThreadDecoder, inlineDecoder } from './decoder.js';

const owner = newKey();
const alice = newKey();
const community = new TestCommunity(owner);
community.addMember(alice);
const general = community.addChannel('general');
const key = symKeyFor(memberUpdateChatId(community.communityId));
const other = symKeyFor('another chat');

describe('decoders', () => {
  const thread = new ThreadDecoder();
  const inline = inlineDecoder();
  afterAll(async () => {
    await thread.close();
  });

  it('open the same message the same way on the decode thread and inline', async () => {
    const hello = community.chat(alice, general, 'hello');
    const request = () => ({ payload: hello.inbound.payload, symKeys: [other, key], nowMs: Date.now() });
    const [onThread, onCaller] = await Promise.all([thread.open(request()), inline.open(request())]);
    expect(onThread).toEqual(onCaller);
    expect(onThread).toMatchObject({ kind: 'message', route: 1, messageId: hello.messageId, type: 1 });
  });

  it('answer a burst of requests in order, failures included', async () => {
    const sent = Array.from({ length: 50 }, (_, i) => community.chat(alice, general, `message ${i}`));
    const results = await Promise.all(
      sent.map((message, i) =>
        thread.open({
          payload: i % 10 === 0 ? randomBytes(100).toString('base64') : message.inbound.payload,
          symKeys: [key],
          nowMs: Date.now(),
        }),
      ),
    );
    results.forEach((opened, i) => {
      if (i % 10 === 0) expect(opened).toEqual({ kind: 'failed', code: 'DECRYPTION_FAILED' });
      else expect(opened).toMatchObject({ kind: 'message', messageId: sent[i]?.messageId });
    });
  });

  it('reassemble a segmented payload on the thread', async () => {
    const encoded = encodeStatusMessage({
      type: status.ApplicationMetadataMessage.Type.CHAT_MESSAGE,
      payload: encodeProto(
        status.ChatMessage,
        status.ChatMessage.create({
          clock: Date.now(),
          timestamp: Date.now(),
          text: 'long '.repeat(100),
          chatId: community.chatId(general),
          messageType: status.MessageType.COMMUNITY_CHAT,
          contentType: status.ChatMessage.ContentType.TEXT_PLAIN,
        }),
      ),
      signerPriv: generatePrivateKey(),
      envelope: { symKey: key },
      wrapInProtocolMessage: true,
      maxSegmentSize: 200,
    });
    if (!encoded.ok) throw encoded.error;
    const parts = await Promise.all(
      encoded.value.payloads.map((payload) =>
        thread.open({ payload: bytesToBase64(payload), symKeys: [key], nowMs: Date.now() }),
      ),
    );
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.slice(0, -1).every((part) => part.kind === 'segment')).toBe(true);
    expect(parts.at(-1)).toMatchObject({ kind: 'message', messageId: encoded.value.messageId });
  });

  it('refuse work once closed', async () => {
    const closed = new ThreadDecoder();
    await closed.close();
    await expect(
      closed.open({ payload: randomBytes(10).toString('base64'), symKeys: [key], nowMs: 0 }),
    ).rejects.toThrow('closed');
  });
});
