import { Redis } from 'ioredis';
import type { RedisOptions } from 'ioredis';
import type { CheckOutcome, Logger } from '@status-communities/observability';
import { raceTimeout } from '@status-communities/observability';
import { logConnectionErrors } from './connection-errors.js';

/** How long a producer's command may wait (also while Redis is unreachable) before it fails. */
export const PRODUCER_COMMAND_TIMEOUT_MS = 5_000;

export interface RedisConnectionOptions {
  /**
   * `consumer` (default) for workers and blocking stream reads: commands wait for Redis to come back.
   * `producer` for request paths (the API adding a job): a command fails after `commandTimeoutMs` instead of
   * hanging while Redis is down. Never use a producer connection for blocking reads.
   */
  readonly role?: 'consumer' | 'producer';
  readonly commandTimeoutMs?: number;
  /** Shown by CLIENT LIST, e.g. `indexer:worker`. */
  readonly connectionName?: string;
  /**
   * Where the connection's errors go (see logConnectionErrors). Every service passes its logger: without one
   * ioredis prints each failed reconnect to stderr, outside the JSON log.
   */
  readonly logger?: Logger;
}

/**
 * An ioredis client for BullMQ and the event stream. `maxRetriesPerRequest: null` is what BullMQ requires of
 * worker connections (a command waits for reconnection instead of failing after 20 retries). `lazyConnect`
 * opens the socket on first use, so building a service's connections at start costs nothing and a connection
 * that is never used holds no handle.
 */
export const createRedisConnection = (url: string, options: RedisConnectionOptions = {}): Redis => {
  const redisOptions: RedisOptions = {
    maxRetriesPerRequest: null,
    lazyConnect: true,
    ...(options.connectionName === undefined ? {} : { connectionName: options.connectionName }),
    ...(options.role === 'producer'
      ? { commandTimeout: options.commandTimeoutMs ?? PRODUCER_COMMAND_TIMEOUT_MS }
      : {}),
  };
  const redis = new Redis(url, redisOptions);
  if (options.logger !== undefined) logConnectionErrors(redis, options.logger);
  return redis;
};

/**
 * The `redis` readiness check: a connection that is not `ready` (reconnecting while Redis is down, or closed) fails at
 * once instead of waiting for a reply that a consumer connection would queue until Redis is back; one that has
 * not connected yet (lazy) connects with the PING.
 */
export const redisReadiness = async (redis: Redis): Promise<CheckOutcome> => {
  if (redis.status !== 'ready' && redis.status !== 'wait')
    return { ok: false, details: { status: redis.status } };
  return (await redis.ping()) === 'PONG';
};

/**
 * QUIT (lets pending replies arrive), or a hard disconnect when that fails or takes over `timeoutMs`; resolves
 * once the client has ended, so nothing of it outlives the call.
 */
export const closeRedis = async (redis: Redis, timeoutMs = 5_000): Promise<void> => {
  if (redis.status === 'end') return;
  if (redis.status === 'wait' || redis.status === 'reconnecting') {
    // No socket to quit (lazy and never used, or between attempts): disconnecting cancels the retry timer.
    // ioredis reports `end` only for the first case; either way nothing is left running.
    redis.disconnect();
    return;
  }
  const ended = new Promise<void>((resolve) => redis.once('end', () => resolve()));
  const quit = await raceTimeout(
    redis.quit().catch(() => 'failed'),
    timeoutMs,
  );
  if (quit !== 'OK') redis.disconnect();
  await raceTimeout(ended, timeoutMs);
};
