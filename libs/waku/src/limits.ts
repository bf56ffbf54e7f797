import type { Result } from '@status-communities/errors';
import { err, ok } from '@status-communities/errors';
import type { waku } from '@status-communities/proto';
import { uint64ToBigInt } from '@status-communities/proto';
import { STATUS_MESSAGE_VERSION } from '@status-communities/protocol';

/** nwaku and go-waku relay at most 150 KiB per encoded WakuMessage (64/WAKU2-NETWORK); js-waku's 1 MiB is not what the fleet carries. */
export const MAX_MESSAGE_BYTES = 150 * 1024;

/** nwaku's archive drops messages whose timestamp is more than 20 s from its clock (MaxMessageTimestampVariance). */
export const DEFAULT_TIMESTAMP_WINDOW_MS = 20_000;

export { STATUS_MESSAGE_VERSION };

/** Why a message was not relayed, published or archived. Values are stable metric label values. */
export const DropReason = {
  UNDECODABLE: 'undecodable',
  OVERSIZE: 'oversize',
  EMPTY_CONTENT_TOPIC: 'empty_content_topic',
  EMPTY_PAYLOAD: 'empty_payload',
  MISSING_TIMESTAMP: 'missing_timestamp',
  STALE_TIMESTAMP: 'stale_timestamp',
  FUTURE_TIMESTAMP: 'future_timestamp',
  UNSUPPORTED_VERSION: 'unsupported_version',
} as const;

export type DropReason = (typeof DropReason)[keyof typeof DropReason];

/** `reason` is for counting, `detail` for people. */
export interface MessageDrop {
  readonly reason: DropReason;
  readonly detail: string;
}

export type MessageCheck = Result<void, MessageDrop>;

/** What the checks read; a decoded WakuMessage and the plain object given to publish both fit. */
export type CheckedMessage = Pick<
  waku.WakuMessage.$Properties,
  'payload' | 'contentTopic' | 'version' | 'timestamp'
>;

export interface Clock {
  readonly nowMs: number;
  readonly windowMs?: number;
}

const drop = (reason: DropReason, detail: string): MessageCheck => err({ reason, detail });
const passed: MessageCheck = ok(undefined);

export const checkSize = (byteLength: number): MessageCheck =>
  byteLength > MAX_MESSAGE_BYTES
    ? drop(DropReason.OVERSIZE, `${byteLength} bytes exceeds ${MAX_MESSAGE_BYTES}`)
    : passed;

export const checkContentTopic = (message: CheckedMessage): MessageCheck =>
  message.contentTopic ? passed : drop(DropReason.EMPTY_CONTENT_TOPIC, 'content topic is empty');

export const checkPayload = (message: CheckedMessage): MessageCheck =>
  message.payload && message.payload.length > 0 ? passed : drop(DropReason.EMPTY_PAYLOAD, 'payload is empty');

export const checkVersion = (message: CheckedMessage, expected = STATUS_MESSAGE_VERSION): MessageCheck =>
  (message.version ?? 0) === expected
    ? passed
    : drop(DropReason.UNSUPPORTED_VERSION, `version ${message.version ?? 0}, expected ${expected}`);

const NS_PER_MS = 1_000_000n;

/** The timestamp (Unix ns) must be set and within `windowMs` of `nowMs`, inclusive, either way. */
export const checkTimestamp = (message: CheckedMessage, clock: Clock): MessageCheck => {
  // 14/WAKU2-MESSAGE: an absent timestamp means 0.
  const timestampNs = uint64ToBigInt(message.timestamp);
  if (timestampNs === 0n) return drop(DropReason.MISSING_TIMESTAMP, 'timestamp is not set');
  const nowNs = BigInt(clock.nowMs) * NS_PER_MS;
  const windowNs = BigInt(clock.windowMs ?? DEFAULT_TIMESTAMP_WINDOW_MS) * NS_PER_MS;
  const offsetMs = Number((timestampNs - nowNs) / NS_PER_MS);
  if (timestampNs < nowNs - windowNs)
    return drop(DropReason.STALE_TIMESTAMP, `timestamp is ${-offsetMs} ms in the past`);
  if (timestampNs > nowNs + windowNs)
    return drop(DropReason.FUTURE_TIMESTAMP, `timestamp is ${offsetMs} ms in the future`);
  return passed;
};

const firstDrop = (checks: readonly (() => MessageCheck)[]): MessageCheck => {
  for (const check of checks) {
    const result = check();
    if (!result.ok) return result;
  }
  return passed;
};

/** 11/WAKU2-RELAY validation: what any relay accepts and forwards. */
export const checkRelayable = (message: CheckedMessage, byteLength: number): MessageCheck =>
  firstDrop([() => checkSize(byteLength), () => checkContentTopic(message), () => checkPayload(message)]);

/** What we publish: relayable, version 1, and timely enough that store nodes keep it. */
export const checkPublishable = (message: CheckedMessage, byteLength: number, clock: Clock): MessageCheck =>
  firstDrop([
    () => checkRelayable(message, byteLength),
    () => checkVersion(message),
    () => checkTimestamp(message, clock),
  ]);
