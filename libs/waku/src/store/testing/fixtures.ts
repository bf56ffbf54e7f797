import { randomBytes } from 'node:crypto';
import { proto_store } from '@waku/proto';
import { bigIntToUint64, waku } from '@status-communities/proto';

export const SHARD = 32;
export const PUBSUB_TOPIC = '/waku/2/rs/16/32';
export const CONTENT_TOPIC = '/waku/1/0x12345678/rfc26';
export const OTHER_CONTENT_TOPIC = '/waku/1/0x9abcdef0/rfc26';

/** Unix ns for a ms offset from a fixed base, so that orders are exact. */
export const BASE_NS = 1_700_000_000_000n * 1_000_000n;
export const atMs = (offsetMs: number): bigint => BASE_NS + BigInt(offsetMs) * 1_000_000n;

/** A version-1 message (the payload stands in for ciphertext) at `timestampNs`. */
export const storedMessage = (
  timestampNs: bigint,
  overrides: Partial<waku.WakuMessage.$Properties> = {},
): waku.WakuMessage =>
  waku.WakuMessage.create({
    payload: randomBytes(32),
    contentTopic: CONTENT_TOPIC,
    version: 1,
    timestamp: bigIntToUint64(timestampNs),
    ...overrides,
  });

export const encodeRequest = (request: Partial<proto_store.StoreQueryRequest>): Uint8Array =>
  proto_store.StoreQueryRequest.encode({ requestId: 'test-request', ...request });
