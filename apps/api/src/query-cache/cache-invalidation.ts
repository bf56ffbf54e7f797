// What keeps the response cache true: a reader of the domain event stream of its own retires a community's
// answers at each of its events, and an answer is served only while that reader has handed out every event
// the stream holds — so a client that saw an event (by subscription, webhook or another instance) and then
// asks never gets an answer from before it.
import type { EventStream, RedisClient } from '@status-communities/queue';
import { EventStreamTail } from '../subscriptions/stream-tail.js';
import type { ResponseCache } from './response-cache.js';

export interface CacheInvalidation {
  /** True when every event appended so far has been applied to the cache. */
  caughtUp(): Promise<boolean>;
  close(): Promise<void>;
}

export interface CacheInvalidationOptions<V> {
  readonly cache: ResponseCache<V>;
  /** Reads the stream (XREAD BLOCK holds it); closed with the invalidation. */
  readonly tailConnection: RedisClient;
  /** Asks for the stream's newest id, one short command per cached read. */
  readonly redis: RedisClient;
  readonly stream: EventStream;
  readonly onError: (error: unknown) => void;
}

export const startCacheInvalidation = async <V>(
  options: CacheInvalidationOptions<V>,
): Promise<CacheInvalidation> => {
  const { cache, redis, stream } = options;
  const tail = await EventStreamTail.start({
    redis: options.tailConnection,
    stream,
    onError: (error) => {
      // The reader may resume past events it never handed out (trimmed meanwhile): start over.
      cache.invalidateAll();
      options.onError(error);
    },
  });
  tail.listen(({ event }) => {
    if ('communityId' in event) cache.invalidate(event.communityId.toLowerCase());
  });
  return {
    caughtUp: async () => {
      const [newest] = (await redis.xrevrange(stream.key, '+', '-', 'COUNT', 1)) as [string, unknown][];
      return newest === undefined || newest[0] === tail.position;
    },
    close: () => tail.close(),
  };
};
