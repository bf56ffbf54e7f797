import { GraphQLError } from 'graphql';
import { newCorrelationId } from '@status-communities/observability';
import type { ApiContext } from '../context.js';
import type { DatabaseRouter } from '../db/database-router.js';
import type { OperationKind } from '../db/operation-kind.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';
import { createRateLimiter } from '../rate-limit/rate-limiter.js';
import type { ApiServices } from '../services.js';
import { createAuthenticator } from './authenticate.js';
import { createKeyStore } from './key-store.js';

/** The key check every HTTP request and WebSocket connection goes through, and the rate limiter it counts on. */
export interface RequestAuth {
  readonly limiter: RateLimiter;
  /** The operation's context for an API key secret; a refused key rejects with its GraphQL error (counted). */
  contextFor(secret: string | null): Promise<ApiContext>;
  /**
   * The context of one operation: on the PostgreSQL that serves it (a query possibly on the read replica,
   * src/db/read-routing.ts). `operation` is asked only when a replica is configured.
   */
  forOperation(context: ApiContext, operation: () => OperationKind | undefined): Promise<ApiContext>;
}

export const createRequestAuth = (services: ApiServices, database: DatabaseRouter): RequestAuth => {
  const { prisma, redis, settings, clock } = services;
  const limiter = createRateLimiter(redis, settings.redisKeyPrefix);
  const keys = createKeyStore(prisma, clock, services.config.API_KEY_CACHE_MS);
  services.keyRevocations.onRevoked(({ keyHash }) => keys.forget(keyHash));
  const authenticator = createAuthenticator(keys, limiter, settings.defaultRateLimitPerMinute);
  return {
    limiter,
    contextFor: async (secret) => {
      const caller = await authenticator.authenticate(secret);
      if (caller instanceof GraphQLError) {
        services.metrics.refused.inc({ code: String(caller.extensions['code']) });
        throw caller;
      }
      return { caller, services, requestId: newCorrelationId() };
    },
    forOperation: async (context, operation) => {
      const client = await database.clientFor(operation, context.caller.tenantId);
      return client === prisma ? context : { ...context, services: { ...services, prisma: client } };
    },
  };
};
