import { describe, expect, it } from '@jest/globals';
import { waku } from '@status-communities/proto';
import { messageHashHex } from '../message-hash.js';
import { fromStoreWakuMessage, toStoreWakuMessage } from './store-message.js';
import { PUBSUB_TOPIC, atMs, storedMessage } from './testing/fixtures.js';

const encoded = (message: waku.WakuMessage.$Properties): Uint8Array =>
  waku.WakuMessage.encode(message).finish();

describe('Store v3 message conversion', () => {
  it('keeps every field both ways, so the hash and the bytes are unchanged', () => {
    const message = storedMessage(atMs(1), { meta: Uint8Array.from([1, 2, 3]), ephemeral: false });
    const store = toStoreWakuMessage(message);
    expect(store).toMatchObject({ contentTopic: message.contentTopic, version: 1, timestamp: atMs(1) });
    const back = fromStoreWakuMessage(store);
    expect(encoded(back)).toEqual(encoded(message));
    expect(messageHashHex(PUBSUB_TOPIC, back)).toBe(messageHashHex(PUBSUB_TOPIC, message));
  });

  it('keeps a rate limit proof that decodes, and leaves out one that does not', () => {
    const proof = Uint8Array.from([0x0a, 2, 7, 7]);
    expect(
      toStoreWakuMessage(storedMessage(atMs(1), { rateLimitProof: proof })).rateLimitProof?.proof,
    ).toEqual(Uint8Array.from([7, 7]));
    const garbage = toStoreWakuMessage(
      storedMessage(atMs(1), { rateLimitProof: Uint8Array.from([0x0a, 100]) }),
    );
    expect(garbage.rateLimitProof).toBeUndefined();
    expect(garbage.timestamp).toBe(atMs(1));
  });
});
