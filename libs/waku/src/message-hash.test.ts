import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { messageHash as wakuCoreMessageHash } from '@waku/core';
import { bigIntToUint64 } from '@status-communities/proto';
import type { HashableMessage } from './message-hash.js';
import { messageHash, messageHashHex } from './message-hash.js';

const hex = (value: string): Uint8Array => Uint8Array.from(Buffer.from(value, 'hex'));
const utf8 = (value: string): Uint8Array => new TextEncoder().encode(value);

describe('messageHash: 14/WAKU2-MESSAGE test vectors', () => {
  const pubsubTopic = '/waku/2/default-waku/proto';
  const base = {
    payload: hex('010203045445535405060708'),
    contentTopic: '/waku/2/default-content/proto',
    timestamp: bigIntToUint64(0x175789bfa23f8400n),
  };
  const vectors: [string, HashableMessage, string][] = [
    [
      'meta of 12 bytes',
      { ...base, meta: hex('73757065722d736563726574') },
      '64cce733fed134e83da02b02c6f689814872b1a0ac97ea56b76095c3c72bfe05',
    ],
    [
      'meta of 64 bytes',
      { ...base, meta: Uint8Array.from({ length: 64 }, (_, i) => i) },
      '7158b6498753313368b9af8f6e0a0a05104f68f972981da42a43bc53fb0c1b27',
    ],
    ['no meta', base, 'a2554498b31f5bcdfcbf7fa58ad1c2d45f0254f3f8110a85588ec3cf10720fd8'],
    [
      'empty payload',
      { ...base, payload: new Uint8Array(), meta: hex('73757065722d736563726574') },
      '483ea950cb63f9b9d6926b262bb36194d3f40a0463ce8446228350bd44e96de4',
    ],
  ];
  it.each(vectors)('%s', (_name, message, expected) => {
    expect(messageHashHex(pubsubTopic, message)).toBe(expected);
  });
});

describe('messageHash agrees with @waku/core 0.0.40', () => {
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  const cases: [
    string,
    string,
    { payload: Uint8Array; contentTopic: string; meta?: Uint8Array; ns: bigint },
  ][] = [
    [
      'meta and a current timestamp',
      '/waku/2/rs/16/32',
      { payload: utf8('hello'), contentTopic: '/waku/1/0x01020304/rfc26', meta: utf8('m'), ns: nowNs },
    ],
    [
      'no meta',
      '/waku/2/rs/16/64',
      { payload: utf8('request'), contentTopic: '/waku/1/0xaabbccdd/rfc26', ns: nowNs + 1n },
    ],
    [
      'empty meta',
      '/waku/2/rs/16/128',
      { payload: utf8('x'), contentTopic: '/waku/1/0xaabbccdd/rfc26', meta: new Uint8Array(), ns: 1n },
    ],
    [
      '64-byte meta, 150 KiB payload',
      '/waku/2/rs/16/256',
      {
        payload: new Uint8Array(150 * 1024).fill(7),
        contentTopic: '/c/1/t/proto',
        meta: new Uint8Array(64).fill(9),
        ns: 1_700_000_000_123_456_789n,
      },
    ],
    [
      'largest int64 timestamp, non-ASCII topic',
      '/waku/2/rs/16/1023',
      { payload: utf8('é'), contentTopic: '/app/1/ünïcode/proto', ns: 2n ** 63n - 1n },
    ],
  ];
  it.each(cases)('%s', (_name, pubsubTopic, { payload, contentTopic, meta, ns }) => {
    const ours = messageHash(pubsubTopic, { payload, contentTopic, meta, timestamp: bigIntToUint64(ns) });
    const theirs = wakuCoreMessageHash(pubsubTopic, {
      payload,
      contentTopic,
      meta,
      timestamp: ns,
      version: 1,
      rateLimitProof: undefined,
      ephemeral: undefined,
    });
    expect(Buffer.from(ours).toString('hex')).toBe(Buffer.from(theirs).toString('hex'));
  });

  it('hashes an absent timestamp as 0 (8 zero bytes), like nwaku and go-waku; @waku/core omits it', () => {
    const message = { payload: utf8('p'), contentTopic: '/c/1/t/proto' };
    const expected = createHash('sha256')
      .update(utf8('/waku/2/rs/16/32'))
      .update(message.payload)
      .update(utf8(message.contentTopic))
      .update(new Uint8Array(8))
      .digest('hex');
    expect(messageHashHex('/waku/2/rs/16/32', message)).toBe(expected);
    expect(messageHashHex('/waku/2/rs/16/32', { ...message, timestamp: 0 })).toBe(expected);
    const theirs = wakuCoreMessageHash('/waku/2/rs/16/32', {
      ...message,
      timestamp: undefined,
      meta: undefined,
      version: undefined,
      rateLimitProof: undefined,
      ephemeral: undefined,
    });
    expect(Buffer.from(theirs).toString('hex')).not.toBe(expected);
  });

  it('depends on the pubsub topic and returns 32 plain bytes', () => {
    const message = { payload: utf8('p'), contentTopic: '/c/1/t/proto', timestamp: 5 };
    const hash = messageHash('/waku/2/rs/16/32', message);
    expect(hash).toBeInstanceOf(Uint8Array);
    expect(hash.length).toBe(32);
    expect(messageHashHex('/waku/2/rs/16/64', message)).not.toBe(Buffer.from(hash).toString('hex'));
  });
});
