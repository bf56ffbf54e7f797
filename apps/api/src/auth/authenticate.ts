import type { GraphQLError } from 'graphql';
import { ErrorCode } from '@status-communities/errors';
import type { Caller } from '../context.js';
import { apiError } from '../errors/api-error.js';
import type { RateDecision, RateLimiter } from '../rate-limit/rate-limiter.js';
import type { KeyStore } from './key-store.js';

export interface Authenticator {
  /** The caller of a presented key, or the error to answer with (UNAUTHENTICATED 401, RATE_LIMITED 429). */
  authenticate(secret: string | null): Promise<Caller | GraphQLError>;
}

/** RATE_LIMITED with HTTP 429 and `retryAfter` (seconds). */
export const rateLimitedError = (decision: RateDecision): GraphQLError =>
  apiError(
    ErrorCode.RATE_LIMITED,
    `Rate limit of ${decision.limitPerMinute} requests per minute reached`,
    { retryAfter: decision.retryAfter },
    429,
  );

export const createAuthenticator = (
  keys: KeyStore,
  limiter: RateLimiter,
  defaultLimitPerMinute: number,
): Authenticator => ({
  authenticate: async (secret) => {
    if (secret === null)
      return apiError(
        ErrorCode.UNAUTHENTICATED,
        'An API key is required (Authorization: Bearer <key>)',
        {},
        401,
      );
    const key = await keys.find(secret);
    if (!key) return apiError(ErrorCode.UNAUTHENTICATED, 'Unknown, revoked or expired API key', {}, 401);
    const limit = key.rateLimit ?? defaultLimitPerMinute;
    const decision = await limiter.take(key.id, limit);
    if (!decision.allowed) return rateLimitedError(decision);
    return {
      keyId: key.id,
      keyName: key.name,
      keyPrefix: key.prefix,
      tenantId: key.tenantId,
      scopes: key.scopes,
      communityId: key.communityId,
      rateLimit: { limitPerMinute: limit, remaining: decision.remaining, resetAt: decision.resetAt },
    };
  },
});
