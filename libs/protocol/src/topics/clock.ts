/**
 * Status clocks. Lamport clocks in milliseconds and request clocks in seconds are plain `number`s: they
 * stay far below 2^53 (ms until the year 287 396). Waku timestamps are nanoseconds and past 2^53, so they
 * are `bigint`. A wire uint64 is turned into a clock with clockFromWire, which refuses what Number
 * cannot hold exactly.
 */
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { uint64ToBigInt } from '@status-communities/proto';
import type { Uint64 } from '@status-communities/proto';

// SG protocol/v1/clock.go clockBumpInMs
export const MESSAGE_CLOCK_BUMP_MS = 60_000;
// SG protocol/message_validator.go maxWhisperFutureDriftMs
export const MAX_CLOCK_FUTURE_DRIFT_MS = 120_000;
// SG protocol/communities/request_to_join.go AddTimeoutToRequestToJoinClock (7 days)
export const REQUEST_TO_JOIN_EXPIRY_SECONDS = 7 * 24 * 60 * 60;
// SG vendor/github.com/waku-org/go-waku/waku/v2/protocol/relay/validators.go messageWindowDuration
export const WAKU_MESSAGE_WINDOW_MS = 5 * 60_000;

const NS_PER_MS = 1_000_000n;
const NS_PER_SECOND = 1_000_000_000n;

/**
 * A clock from a protobuf uint64. Anything above 2^53 − 1 is INVALID_CLOCK: it is beyond any valid
 * clock (it would fail isClockValid) and would lose precision as a number.
 */
export const clockFromWire = (value: Uint64 | null | undefined): Result<number> => {
  const clock = uint64ToBigInt(value);
  if (clock > BigInt(Number.MAX_SAFE_INTEGER))
    return fail(ErrorCode.INVALID_CLOCK, 'clock is too large', { clock: clock.toString() });
  return ok(Number(clock));
};

/**
 * Next CommunityDescription clock: now, unless the current clock is already at or past now, then +1.
 * SG protocol/communities/community.go nextClock.
 */
export const nextDescriptionClock = (current: number, nowMs: number): number =>
  current === 0 || current < nowMs ? nowMs : current + 1;

/**
 * Next clock of a chat message (and edit, delete, pin, reaction) after the last one seen in the chat:
 * a minute ahead of now when time has moved on, so it beats other devices' skew; else +1.
 * SG protocol/v1/clock.go CalcMessageClock.
 */
export const nextMessageClock = (lastClock: number, nowMs: number): number =>
  lastClock < nowMs ? nowMs + MESSAGE_CLOCK_BUMP_MS : lastClock + 1;

/**
 * Receiver check of a message clock against the envelope time (see whisperTimestampMs): reject 0 and
 * anything more than 120 s ahead; exactly 120 s ahead is accepted.
 * SG protocol/message_validator.go validateClockValue; SW utils/is-clock-valid.ts.
 */
export const isClockValid = (clock: number, whisperTimestampMs: number): boolean =>
  clock !== 0 && !(clock > whisperTimestampMs && clock - whisperTimestampMs > MAX_CLOCK_FUTURE_DRIFT_MS);

/** isClockValid as a Result with a reason, for decoders. */
export const checkClock = (clock: number, whisperTimestampMs: number): Result<number> => {
  if (clock === 0) return fail(ErrorCode.INVALID_CLOCK, "clock can't be 0");
  if (!isClockValid(clock, whisperTimestampMs))
    return fail(ErrorCode.INVALID_CLOCK, 'clock value too high', { clock, whisperTimestampMs });
  return ok(clock);
};

/**
 * Clock of a RequestToJoin, RequestToLeave, DeleteCommunityMemberMessages: unix SECONDS.
 * SG communities/manager.go CreateRequestToJoin, messenger_communities.go LeaveCommunity.
 */
export const requestClockSeconds = (nowMs: number): number => Math.floor(nowMs / 1000);

/** A ms clock (e.g. RequestToJoinResponse.clock) in seconds, as the requester compares it with its request (Go uint division). */
export const msClockToSeconds = (clockMs: number): number => Math.floor(clockMs / 1000);

/**
 * When a request to join expires: its clock + 7 days, in seconds. status-go adds 7 calendar days in the
 * node's local time zone (time.AddDate); this is the UTC value, which differs by an hour only across a
 * daylight-saving change on a non-UTC host. SG protocol/communities/request_to_join.go AddTimeoutToRequestToJoinClock.
 */
export const requestToJoinExpirySeconds = (requestClockSecs: number): number =>
  requestClockSecs + REQUEST_TO_JOIN_EXPIRY_SECONDS;

/**
 * A request is expired from its expiry second on (`now >= expiry`). The same test keeps a declined request
 * sticky until then. SG communities/community.go ValidateRequestToJoin, request_to_join.go ShouldRetainDeclined.
 */
export const isRequestToJoinExpired = (requestClockSecs: number, nowMs: number): boolean =>
  requestClockSeconds(nowMs) >= requestToJoinExpirySeconds(requestClockSecs);

/** Waku message timestamp (ns) for a time in ms. SG wakuv2/api.go Post (`timestamp = now in ns`). */
export const wakuTimestampNsFromMs = (ms: number): bigint => BigInt(Math.trunc(ms)) * NS_PER_MS;

/** A Waku timestamp (ns) in whole ms, truncated. */
export const wakuTimestampNsToMs = (ns: bigint): number => Number(ns / NS_PER_MS);

/**
 * The envelope time status-go checks clocks against: the Waku timestamp cut to whole seconds as uint32
 * (`Sent`), times 1000. Using full-ms precision instead would accept clocks status-go rejects.
 * SG wakuv2/common/message.go NewReceivedMessage (Sent), protocol/messenger.go (`Timestamp * 1000`).
 */
export const whisperTimestampMs = (wakuTimestampNs: bigint): number =>
  Number(BigInt.asUintN(32, wakuTimestampNs / NS_PER_SECOND)) * 1000;

/**
 * Relay time window of protected (signed) shards: timestamp set and within ±5 minutes of now.
 * SG vendor/github.com/waku-org/go-waku/waku/v2/protocol/relay/validators.go withinTimeWindow.
 */
export const isWithinWakuMessageWindow = (
  wakuTimestampNs: bigint,
  nowMs: number,
  windowMs: number = WAKU_MESSAGE_WINDOW_MS,
): boolean => {
  if (wakuTimestampNs === 0n) return false;
  const diff = wakuTimestampNsFromMs(nowMs) - wakuTimestampNs;
  const abs = diff < 0n ? -diff : diff;
  return abs <= wakuTimestampNsFromMs(windowMs);
};
