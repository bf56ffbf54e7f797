// Serves a cacheable query from the response cache when the cache is known current, and keeps the answers of
// those it executes. Authentication and the rate limit have run before (in the context); the answer is kept
// per API key, so whatever the key may see is what it saw.
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import type { PrismaClient } from '@status-communities/db';
import type { ApiContext } from '../context.js';
import type { CacheInvalidation } from './cache-invalidation.js';
import { cacheableCommunity } from './cacheable-query.js';
import type { ResponseCache } from './response-cache.js';

export type CachedAnswer = Pick<FormattedExecutionResult, 'data'>;

/** `hit`: served from the cache; `miss`: executed and offered to it; `bypass`: executed, the cache not current. */
export type CacheResult = 'hit' | 'miss' | 'bypass';

export interface ResponseCachePluginOptions {
  readonly cache: ResponseCache<CachedAnswer>;
  readonly invalidation: CacheInvalidation;
  /** Only answers read from the primary are kept: a replica may still be behind the events. */
  readonly primary: PrismaClient;
  /** `api_query_cache_total{result}` */
  readonly results: { inc(labels: { result: CacheResult }): void };
}

const keyOf = (request: GraphQLRequestContext<ApiContext>): string =>
  [
    request.contextValue.caller.keyId,
    request.queryHash,
    request.operationName ?? '',
    JSON.stringify(request.request.variables ?? {}),
  ].join('\u0000');

/** A failed look at the stream (Redis away) reads as behind: the query is answered from the database. */
const caughtUp = (invalidation: CacheInvalidation): Promise<boolean> =>
  invalidation.caughtUp().catch(() => false);

export const responseCachePlugin = (options: ResponseCachePluginOptions): ApolloServerPlugin<ApiContext> => ({
  requestDidStart: async () => {
    let kept: { key: string; communityId: string; generation: number } | undefined;
    return {
      responseForOperation: async (request) => {
        const communityId = cacheableCommunity(request.operation, request.request.variables);
        if (communityId === undefined) return null;
        const { cache, invalidation, results } = options;
        // Taken before anything is read: an event of the community from now on retires this answer.
        const generation = cache.generation(communityId);
        if (request.contextValue.services.prisma !== options.primary || !(await caughtUp(invalidation))) {
          results.inc({ result: 'bypass' });
          return null;
        }
        const key = keyOf(request);
        const cached = cache.get(key);
        if (cached !== undefined) {
          results.inc({ result: 'hit' });
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: cached },
          };
        }
        results.inc({ result: 'miss' });
        kept = { key, communityId, generation };
        return null;
      },
      willSendResponse: async ({ response }) => {
        if (kept === undefined || response.body.kind !== 'single') return;
        const { data, errors } = response.body.singleResult;
        // An error may be passing (a timeout, a refused read): asked again, it is read again.
        if (errors === undefined && data !== undefined)
          options.cache.set(kept.key, kept.communityId, kept.generation, { data });
      },
    };
  },
});
