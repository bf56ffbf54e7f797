import { describe, expect, it } from '@jest/globals';
import { bigIntToUint64, waku } from '@status-communities/proto';
import { DropReason, MAX_MESSAGE_BYTES } from './limits.js';
import { decodeRelayed, encodePublishable } from './wire.js';

const NOW_MS = Date.now();
const fields = {
  payload: new Uint8Array([1, 2, 3]),
  contentTopic: '/waku/1/0x01020304/rfc26',
  version: 1,
  timestamp: bigIntToUint64(BigInt(NOW_MS) * 1_000_000n),
};
const encode = (message: waku.WakuMessage.$Properties): Uint8Array =>
  waku.WakuMessage.encode(message).finish();

describe('decodeRelayed', () => {
  it('decodes a valid message', () => {
    const result = decodeRelayed(encode(fields));
    expect(result.ok && result.value.contentTopic).toBe(fields.contentTopic);
  });

  it('refuses bytes that are not a WakuMessage', () => {
    const truncated = encode(fields).subarray(0, 8);
    const result = decodeRelayed(truncated);
    expect(result.ok ? 'ok' : result.error.reason).toBe(DropReason.UNDECODABLE);
  });

  it('refuses oversize input before decoding it', () => {
    const result = decodeRelayed(new Uint8Array(MAX_MESSAGE_BYTES + 1).fill(0xff));
    expect(result.ok ? 'ok' : result.error.reason).toBe(DropReason.OVERSIZE);
  });

  it('refuses an empty payload or content topic', () => {
    const noPayload = decodeRelayed(encode({ ...fields, payload: new Uint8Array() }));
    expect(noPayload.ok ? 'ok' : noPayload.error.reason).toBe(DropReason.EMPTY_PAYLOAD);
    const noTopic = decodeRelayed(encode({ ...fields, contentTopic: '' }));
    expect(noTopic.ok ? 'ok' : noTopic.error.reason).toBe(DropReason.EMPTY_CONTENT_TOPIC);
  });

  it('never throws on random bytes', () => {
    let seed = 11;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 500; round++) {
      const input = new Uint8Array(Math.floor(random() * 300)).map(() => Math.floor(random() * 256));
      expect(() => decodeRelayed(input)).not.toThrow();
    }
  });
});

describe('encodePublishable', () => {
  it('encodes what decodeRelayed reads back', () => {
    const encoded = encodePublishable(fields, { nowMs: NOW_MS });
    expect(encoded.ok).toBe(true);
    const decoded = encoded.ok ? decodeRelayed(encoded.value) : undefined;
    expect(decoded?.ok && Array.from(decoded.value.payload)).toEqual([1, 2, 3]);
  });

  it('counts the encoded size, not the payload size', () => {
    const overhead =
      encode({ ...fields, payload: new Uint8Array(MAX_MESSAGE_BYTES - 100) }).length -
      (MAX_MESSAGE_BYTES - 100);
    const fits = { ...fields, payload: new Uint8Array(MAX_MESSAGE_BYTES - overhead) };
    const tooBig = { ...fields, payload: new Uint8Array(MAX_MESSAGE_BYTES - overhead + 1) };
    expect(encodePublishable(fits, { nowMs: NOW_MS }).ok).toBe(true);
    const refused = encodePublishable(tooBig, { nowMs: NOW_MS });
    expect(refused.ok ? 'ok' : refused.error.reason).toBe(DropReason.OVERSIZE);
  });
});
