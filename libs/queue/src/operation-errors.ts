import type { RedisClient } from './redis-client.js';

/**
 * Errors a connection's users (BullMQ workers) got from Redis in a row, with no operation succeeding between
 * them. A worker whose every fetch fails — MOVED from a cluster reached as one server, NOPERM, OOM, a script
 * Redis refuses — keeps looping while PING answers; its connection's streak is what tells readiness so.
 */
export interface ErrorStreak {
  readonly errors: number;
  /** Unix ms of the first and the latest error of the streak. */
  readonly since: number;
  readonly latest: number;
  readonly message: string;
}

/** A streak this long, each error within the window of the one before and the latest within it, fails readiness. */
export const FAILING_STREAK_ERRORS = 3;
export const FAILING_STREAK_WINDOW_MS = 60_000;

const streaks = new WeakMap<RedisClient, ErrorStreak>();

export const noteOperationError = (redis: RedisClient, error: Error, now = Date.now()): void => {
  const previous = streaks.get(redis);
  // An idle worker completes no job between errors: only errors close together make one streak.
  const streak =
    previous !== undefined && now - previous.latest <= FAILING_STREAK_WINDOW_MS ? previous : undefined;
  streaks.set(redis, {
    errors: (streak?.errors ?? 0) + 1,
    since: streak?.since ?? now,
    latest: now,
    message: error.message,
  });
};

/** An operation went through: the streak, if any, is over. */
export const noteOperationSuccess = (redis: RedisClient): void => {
  streaks.delete(redis);
};

/** The connection's streak when it is long and recent enough to call the service not ready. */
export const failingStreak = (redis: RedisClient, now = Date.now()): ErrorStreak | undefined => {
  const streak = streaks.get(redis);
  return streak !== undefined &&
    streak.errors >= FAILING_STREAK_ERRORS &&
    now - streak.latest <= FAILING_STREAK_WINDOW_MS
    ? streak
    : undefined;
};
