import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@status-communities/errors';
import { bigIntToUint64 } from '@status-communities/proto';
import {
  MAX_CLOCK_FUTURE_DRIFT_MS,
  MESSAGE_CLOCK_BUMP_MS,
  REQUEST_TO_JOIN_EXPIRY_SECONDS,
  checkClock,
  clockFromWire,
  isClockValid,
  isRequestToJoinExpired,
  isWithinWakuMessageWindow,
  msClockToSeconds,
  nextDescriptionClock,
  nextMessageClock,
  requestClockSeconds,
  requestToJoinExpirySeconds,
  wakuTimestampNsFromMs,
  wakuTimestampNsToMs,
  whisperTimestampMs,
} from './clock.js';

const NOW = 1_700_000_000_123;

describe('nextDescriptionClock (SG community.go nextClock)', () => {
  it('jumps to now from 0 or from the past', () => {
    expect(nextDescriptionClock(0, NOW)).toBe(NOW);
    expect(nextDescriptionClock(1, NOW)).toBe(NOW);
    expect(nextDescriptionClock(NOW - 1, NOW)).toBe(NOW);
  });

  it('adds one when the clock is at or past now', () => {
    expect(nextDescriptionClock(NOW, NOW)).toBe(NOW + 1);
    expect(nextDescriptionClock(NOW + 500, NOW)).toBe(NOW + 501);
  });

  it('is strictly increasing over repeated bumps within one millisecond', () => {
    let clock = 1;
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) seen.push((clock = nextDescriptionClock(clock, NOW)));
    expect(seen).toEqual([NOW, NOW + 1, NOW + 2, NOW + 3, NOW + 4]);
  });
});

describe('nextMessageClock (SG protocol/v1/clock.go CalcMessageClock)', () => {
  it('goes one minute ahead of now when the last clock is behind', () => {
    expect(MESSAGE_CLOCK_BUMP_MS).toBe(60_000);
    expect(nextMessageClock(0, NOW)).toBe(NOW + 60_000);
    expect(nextMessageClock(NOW - 1, NOW)).toBe(NOW + 60_000);
  });

  it('adds one when the last clock is not behind now', () => {
    expect(nextMessageClock(NOW, NOW)).toBe(NOW + 1);
    expect(nextMessageClock(NOW + 60_000, NOW)).toBe(NOW + 60_001);
  });
});

describe('isClockValid / checkClock (SG message_validator.go validateClockValue)', () => {
  const ts = 1_700_000_000_000;

  it('rejects 0', () => {
    expect(isClockValid(0, ts)).toBe(false);
    const checked = checkClock(0, ts);
    expect(checked.ok || checked.error.code).toBe(ErrorCode.INVALID_CLOCK);
  });

  it('accepts up to exactly 120 s ahead and rejects one ms more', () => {
    expect(MAX_CLOCK_FUTURE_DRIFT_MS).toBe(120_000);
    expect(isClockValid(ts + 120_000, ts)).toBe(true);
    expect(isClockValid(ts + 120_001, ts)).toBe(false);
    expect(checkClock(ts + 120_000, ts)).toEqual({ ok: true, value: ts + 120_000 });
    const tooHigh = checkClock(ts + 120_001, ts);
    expect(tooHigh.ok || tooHigh.error.code).toBe(ErrorCode.INVALID_CLOCK);
  });

  it('accepts any clock in the past, however old', () => {
    expect(isClockValid(1, ts)).toBe(true);
    expect(isClockValid(ts, ts)).toBe(true);
  });

  it('accepts a message clock made by nextMessageClock at the same time', () => {
    expect(isClockValid(nextMessageClock(0, ts), ts)).toBe(true);
  });

  it('is checked against the seconds-truncated envelope time like status-go', () => {
    // Sent 999 ms into a second: status-go compares with the start of that second.
    const ns = wakuTimestampNsFromMs(ts + 999);
    const clock = ts + 999 + 120_000;
    expect(isClockValid(clock, wakuTimestampNsToMs(ns))).toBe(true);
    expect(isClockValid(clock, whisperTimestampMs(ns))).toBe(false);
  });
});

describe('clockFromWire', () => {
  it('takes numbers and Longs', () => {
    expect(clockFromWire(NOW)).toEqual({ ok: true, value: NOW });
    expect(clockFromWire(bigIntToUint64(BigInt(NOW)))).toEqual({ ok: true, value: NOW });
    expect(clockFromWire(null)).toEqual({ ok: true, value: 0 });
    expect(clockFromWire(bigIntToUint64(BigInt(Number.MAX_SAFE_INTEGER)))).toEqual({
      ok: true,
      value: Number.MAX_SAFE_INTEGER,
    });
  });

  it('refuses values a number cannot hold exactly, up to 2^64 - 1', () => {
    for (const value of [BigInt(Number.MAX_SAFE_INTEGER) + 1n, 2n ** 63n, 2n ** 64n - 1n]) {
      const result = clockFromWire(bigIntToUint64(value));
      expect(result.ok || result.error.code).toBe(ErrorCode.INVALID_CLOCK);
    }
  });
});

describe('request clocks in seconds', () => {
  it('are unix seconds, rounded down', () => {
    expect(requestClockSeconds(1_700_000_000_999)).toBe(1_700_000_000);
    expect(msClockToSeconds(1_700_000_000_999)).toBe(1_700_000_000);
  });

  it('expire 7 days later, from the expiry second on', () => {
    const clock = 1_700_000_000;
    expect(REQUEST_TO_JOIN_EXPIRY_SECONDS).toBe(604_800);
    const expiry = requestToJoinExpirySeconds(clock);
    expect(expiry).toBe(1_700_604_800);
    expect(isRequestToJoinExpired(clock, (expiry - 1) * 1000 + 999)).toBe(false);
    expect(isRequestToJoinExpired(clock, expiry * 1000)).toBe(true);
    expect(isRequestToJoinExpired(clock, clock * 1000)).toBe(false);
  });
});

describe('Waku timestamps', () => {
  it('convert ms ↔ ns', () => {
    expect(wakuTimestampNsFromMs(NOW)).toBe(1_700_000_000_123_000_000n);
    expect(wakuTimestampNsToMs(1_700_000_000_123_999_999n)).toBe(NOW);
    expect(wakuTimestampNsToMs(wakuTimestampNsFromMs(NOW))).toBe(NOW);
  });

  it('give the whisper timestamp as whole seconds × 1000 (uint32 seconds, as status-go)', () => {
    expect(whisperTimestampMs(1_700_000_000_999_999_999n)).toBe(1_700_000_000_000);
    expect(whisperTimestampMs(0n)).toBe(0);
    // Go's uint32 conversion wraps; so does this.
    expect(whisperTimestampMs(2n ** 32n * 1_000_000_000n + 5_000_000_000n)).toBe(5000);
  });

  it('are within the relay window up to 5 minutes either way, and never when 0', () => {
    const ns = wakuTimestampNsFromMs(NOW);
    expect(isWithinWakuMessageWindow(ns, NOW + 300_000)).toBe(true);
    expect(isWithinWakuMessageWindow(ns, NOW - 300_000)).toBe(true);
    expect(isWithinWakuMessageWindow(ns, NOW + 300_001)).toBe(false);
    expect(isWithinWakuMessageWindow(ns - 1n, NOW + 300_000)).toBe(false);
    expect(isWithinWakuMessageWindow(0n, 0)).toBe(false);
    expect(isWithinWakuMessageWindow(ns, NOW + 1000, 999)).toBe(false);
  });
});
