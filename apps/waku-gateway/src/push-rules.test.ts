import { describe, expect, it } from '@jest/globals';
import {
  encodeSymmetric,
  encryptGcmNonceLast,
  generatePrivateKey,
  symKeyFor,
} from '@status-communities/crypto';
import { waku } from '@status-communities/proto';
import { communityTopics } from '@status-communities/protocol';
import { checkSignedPayload } from './push-rules.js';

const COMMUNITY_ID = '0x029f196bbfef4fa6a5eb81dd802133a63498325445ca1af1d154b1bb4542955133';
const topics = communityTopics(COMMUNITY_ID);
if (!topics.ok) throw topics.error;
const { memberUpdate, requestsToControlNode } = topics.value;
const check = checkSignedPayload((contentTopic) => topics.value.findByContentTopic(contentTopic));
const push = (contentTopic: string, payload: Uint8Array) => ({
  requestId: 'r',
  pubsubTopic: '/waku/2/rs/16/256',
  message: waku.WakuMessage.create({ contentTopic, payload, version: 1 }),
});
const data = new TextEncoder().encode('hello');
/** 26/WAKU2-PAYLOAD v1 without the signed flag: flags (1-byte size), size, data, encrypted. */
const unsigned = (key: Uint8Array) => encryptGcmNonceLast(Uint8Array.from([0x01, data.length, ...data]), key);

describe('checkSignedPayload', () => {
  const memberKey = symKeyFor(memberUpdate.chatId);

  it('passes a signed envelope under the topic key', () => {
    expect(
      check(push(memberUpdate.contentTopic, encodeSymmetric(data, memberKey, generatePrivateKey()))),
    ).toEqual({
      ok: true,
    });
  });

  it('refuses an unsigned envelope and one that does not decrypt with the topic key', () => {
    expect(check(push(memberUpdate.contentTopic, unsigned(memberKey)))).toMatchObject({
      ok: false,
      error: { reason: 'unsigned_payload' },
    });
    expect(
      check(
        push(
          memberUpdate.contentTopic,
          encodeSymmetric(data, symKeyFor('another chat'), generatePrivateKey()),
        ),
      ),
    ).toMatchObject({ ok: false, error: { reason: 'undecryptable' } });
  });

  it('passes topics it cannot read: the ECIES requests topic and unknown topics', () => {
    expect(check(push(requestsToControlNode.contentTopic, new Uint8Array([1, 2, 3])))).toEqual({ ok: true });
    expect(check(push('/waku/1/0x00000000/rfc26', unsigned(memberKey)))).toEqual({ ok: true });
  });
});
