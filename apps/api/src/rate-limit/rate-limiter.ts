import { redisKeys } from '@status-communities/queue';
import type { RedisClient } from '@status-communities/queue';

export interface RateDecision {
  readonly allowed: boolean;
  readonly limitPerMinute: number;
  readonly remaining: number;
  /** Unix ms when the window restarts. */
  readonly resetAt: number;
  /** Whole seconds until a refused caller may try again (0 when allowed). */
  readonly retryAfter: number;
}

export interface RateLimiter {
  /** Counts one request of `subject` against `limitPerMinute`. */
  take(subject: string, limitPerMinute: number): Promise<RateDecision>;
}

const WINDOW_MS = 60_000;

// INCR and the expiry in one round trip and atomically: every instance counts into the same key.
const TAKE_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { count, redis.call('PTTL', KEYS[1]) }`;

/**
 * Fixed one-minute windows per subject in Redis, shared by every API instance. A window starts with the
 * subject's first request in it, so clients are not all reset at the same second.
 */
export const createRateLimiter = (redis: RedisClient, keyPrefix: string): RateLimiter => {
  redis.defineCommand('scRateTake', { numberOfKeys: 1, lua: TAKE_SCRIPT });
  const take = (redis as unknown as { scRateTake(key: string, windowMs: number): Promise<[number, number]> })
    .scRateTake;
  const keys = redisKeys(keyPrefix);
  return {
    take: async (subject, limitPerMinute) => {
      const [count, ttl] = await take.call(redis, keys.rateLimit(subject), WINDOW_MS);
      const msLeft = ttl > 0 ? ttl : WINDOW_MS;
      const allowed = count <= limitPerMinute;
      return {
        allowed,
        limitPerMinute,
        remaining: Math.max(0, limitPerMinute - count),
        resetAt: Date.now() + msLeft,
        retryAfter: allowed ? 0 : Math.ceil(msLeft / 1000),
      };
    },
  };
};
