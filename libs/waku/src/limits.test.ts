import { describe, expect, it } from '@jest/globals';
import { bigIntToUint64 } from '@status-communities/proto';
import type { CheckedMessage, MessageCheck } from './limits.js';
import {
  DEFAULT_TIMESTAMP_WINDOW_MS,
  DropReason,
  MAX_MESSAGE_BYTES,
  checkContentTopic,
  checkPayload,
  checkPublishable,
  checkRelayable,
  checkSize,
  checkTimestamp,
  checkVersion,
} from './limits.js';

const NOW_MS = 1_700_000_000_000;
const NOW_NS = BigInt(NOW_MS) * 1_000_000n;
const WINDOW_NS = BigInt(DEFAULT_TIMESTAMP_WINDOW_MS) * 1_000_000n;

const reasonOf = (check: MessageCheck): string => (check.ok ? 'ok' : check.error.reason);

const message = (overrides: Partial<CheckedMessage> = {}): CheckedMessage => ({
  payload: new Uint8Array([1]),
  contentTopic: '/waku/1/0x01020304/rfc26',
  version: 1,
  timestamp: bigIntToUint64(NOW_NS),
  ...overrides,
});

const at = (ns: bigint): CheckedMessage => message({ timestamp: bigIntToUint64(ns) });

describe('checkSize', () => {
  it('allows exactly 150 KiB and refuses one byte more', () => {
    expect(MAX_MESSAGE_BYTES).toBe(153_600);
    expect(reasonOf(checkSize(MAX_MESSAGE_BYTES))).toBe('ok');
    expect(reasonOf(checkSize(MAX_MESSAGE_BYTES + 1))).toBe(DropReason.OVERSIZE);
  });
});

describe('checkTimestamp', () => {
  const clock = { nowMs: NOW_MS };

  it('accepts the window edges, inclusive, and refuses one nanosecond past them', () => {
    expect(reasonOf(checkTimestamp(at(NOW_NS - WINDOW_NS), clock))).toBe('ok');
    expect(reasonOf(checkTimestamp(at(NOW_NS + WINDOW_NS), clock))).toBe('ok');
    expect(reasonOf(checkTimestamp(at(NOW_NS - WINDOW_NS - 1n), clock))).toBe(DropReason.STALE_TIMESTAMP);
    expect(reasonOf(checkTimestamp(at(NOW_NS + WINDOW_NS + 1n), clock))).toBe(DropReason.FUTURE_TIMESTAMP);
  });

  it('uses a configured window', () => {
    const narrow = { nowMs: NOW_MS, windowMs: 1_000 };
    expect(reasonOf(checkTimestamp(at(NOW_NS - 1_000_000_000n), narrow))).toBe('ok');
    expect(reasonOf(checkTimestamp(at(NOW_NS - 1_000_000_001n), narrow))).toBe(DropReason.STALE_TIMESTAMP);
  });

  it('treats an absent or zero timestamp as missing', () => {
    expect(reasonOf(checkTimestamp(message({ timestamp: null }), clock))).toBe(DropReason.MISSING_TIMESTAMP);
    expect(reasonOf(checkTimestamp(message({ timestamp: 0 }), clock))).toBe(DropReason.MISSING_TIMESTAMP);
  });

  it('says how far off a refused timestamp is', () => {
    const result = checkTimestamp(at(NOW_NS - 60_000_000_000n), clock);
    expect(result.ok ? '' : result.error.detail).toBe('timestamp is 60000 ms in the past');
  });
});

describe('field checks', () => {
  it('requires a content topic and a payload', () => {
    expect(reasonOf(checkContentTopic(message({ contentTopic: '' })))).toBe(DropReason.EMPTY_CONTENT_TOPIC);
    expect(reasonOf(checkContentTopic(message({ contentTopic: null })))).toBe(DropReason.EMPTY_CONTENT_TOPIC);
    expect(reasonOf(checkPayload(message({ payload: new Uint8Array() })))).toBe(DropReason.EMPTY_PAYLOAD);
    expect(reasonOf(checkPayload(message({ payload: null })))).toBe(DropReason.EMPTY_PAYLOAD);
    expect(reasonOf(checkPayload(message()))).toBe('ok');
  });

  it('requires version 1, reading an absent version as 0', () => {
    expect(reasonOf(checkVersion(message()))).toBe('ok');
    expect(reasonOf(checkVersion(message({ version: 0 })))).toBe(DropReason.UNSUPPORTED_VERSION);
    expect(reasonOf(checkVersion(message({ version: null })))).toBe(DropReason.UNSUPPORTED_VERSION);
    expect(reasonOf(checkVersion(message({ version: 2 })))).toBe(DropReason.UNSUPPORTED_VERSION);
  });
});

describe('composite checks', () => {
  it('relays any timestamp and version but checks size first', () => {
    const old = message({ version: 0, timestamp: null });
    expect(reasonOf(checkRelayable(old, 10))).toBe('ok');
    const bad = message({ payload: new Uint8Array(), contentTopic: '' });
    expect(reasonOf(checkRelayable(bad, MAX_MESSAGE_BYTES + 1))).toBe(DropReason.OVERSIZE);
    expect(reasonOf(checkRelayable(bad, 10))).toBe(DropReason.EMPTY_CONTENT_TOPIC);
  });

  it('publishes only relayable, version-1, timely messages', () => {
    const clock = { nowMs: NOW_MS };
    expect(reasonOf(checkPublishable(message(), 100, clock))).toBe('ok');
    expect(reasonOf(checkPublishable(message({ payload: null }), 100, clock))).toBe(DropReason.EMPTY_PAYLOAD);
    expect(reasonOf(checkPublishable(message({ version: 0 }), 100, clock))).toBe(
      DropReason.UNSUPPORTED_VERSION,
    );
    expect(reasonOf(checkPublishable(message({ timestamp: null }), 100, clock))).toBe(
      DropReason.MISSING_TIMESTAMP,
    );
  });

  it('uses metric-friendly reason values', () => {
    for (const reason of Object.values(DropReason)) expect(reason).toMatch(/^[a-z_]+$/);
  });
});
