// The response cache as the server runs it: the cache, its reader of the event stream and its plugin, or
// nothing when API_QUERY_CACHE_ENTRIES is 0.
import type { ApolloServerPlugin } from '@apollo/server';
import type { PrismaClient } from '@status-communities/db';
import type { Metrics, ServiceScope } from '@status-communities/observability';
import { eventStream } from '@status-communities/queue';
import type { RedisClient } from '@status-communities/queue';
import type { ApiConfig } from '../config.js';
import type { ApiContext } from '../context.js';
import type { ApiServices } from '../services.js';
import { startCacheInvalidation } from './cache-invalidation.js';
import type { CachedAnswer } from './response-cache-plugin.js';
import { responseCachePlugin } from './response-cache-plugin.js';
import { ResponseCache } from './response-cache.js';

export interface QueryCacheParts {
  readonly services: ApiServices;
  /** Where the stream's newest id is asked for. */
  readonly redis: RedisClient;
  readonly primary: PrismaClient;
  readonly metrics: Metrics;
}

export const startQueryCache = async (
  scope: ServiceScope,
  config: Pick<ApiConfig, 'API_QUERY_CACHE_ENTRIES' | 'API_QUERY_CACHE_MAX_AGE_MS'>,
  { services, redis, primary, metrics }: QueryCacheParts,
): Promise<ApolloServerPlugin<ApiContext> | undefined> => {
  if (config.API_QUERY_CACHE_ENTRIES === 0) return undefined;
  const cache = new ResponseCache<CachedAnswer>({
    maxEntries: config.API_QUERY_CACHE_ENTRIES,
    maxAgeMs: config.API_QUERY_CACHE_MAX_AGE_MS,
    clock: services.clock,
  });
  const invalidation = await startCacheInvalidation({
    cache,
    tailConnection: services.openConsumerConnection('query-cache:tail'),
    redis,
    stream: eventStream({ prefix: services.settings.redisKeyPrefix }),
    onError: (error) => scope.logger.error({ err: error }, 'query cache: event stream reader'),
  });
  scope.defer('query cache', () => invalidation.close());
  return responseCachePlugin({
    cache,
    invalidation,
    primary,
    results: metrics.counter<'result'>({
      name: 'api_query_cache_total',
      help: 'Cacheable queries by what the response cache did: hit, miss (executed, kept) or bypass (not current)',
      labelNames: ['result'],
    }),
  });
};
