import { Cluster, Redis } from 'ioredis';
import type { ClusterOptions, RedisOptions } from 'ioredis';
import { parseRedisUrl } from '@status-communities/config';
import { ErrorCode, StatusError } from '@status-communities/errors';
import type { CheckOutcome, Logger } from '@status-communities/observability';
import { raceTimeout } from '@status-communities/observability';
import { logConnectionErrors } from './connection-errors.js';
import { failingStreak } from './operation-errors.js';
import type { RedisClient } from './redis-client.js';
import { isClusterConnection } from './redis-client.js';

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
 * The one way the platform connects to Redis, for BullMQ, the event stream, dedup claims, rate limits, route
 * notices and locks. `url` is `REDIS_URL`: `redis://…` (one server) or `redis+cluster://host:port,…` (a Redis
 * Cluster's seed nodes, see @status-communities/config parseRedisUrl). `maxRetriesPerRequest: null` is what
 * BullMQ requires of worker connections (a command waits for reconnection instead of failing after 20
 * retries). `lazyConnect` opens the socket on first use, so building a service's connections at start costs
 * nothing and a connection that is never used holds no handle.
 */
export const createRedisConnection = (url: string, options: RedisConnectionOptions = {}): RedisClient => {
  const target = parseRedisUrl(url);
  if (target === undefined)
    throw new StatusError(ErrorCode.BAD_USER_INPUT, 'Not a redis://, rediss:// or redis+cluster:// URL');
  const redisOptions: RedisOptions = {
    maxRetriesPerRequest: null,
    ...(options.connectionName === undefined ? {} : { connectionName: options.connectionName }),
    ...(options.role === 'producer'
      ? { commandTimeout: options.commandTimeoutMs ?? PRODUCER_COMMAND_TIMEOUT_MS }
      : {}),
  };
  const redis =
    target.kind === 'single'
      ? new Redis(target.url, { ...redisOptions, lazyConnect: true })
      : new Cluster([...target.nodes], clusterOptions(target, redisOptions));
  if (options.logger !== undefined) logConnectionErrors(redis, options.logger);
  return redis;
};

const clusterOptions = (
  target: Extract<ReturnType<typeof parseRedisUrl>, { kind: 'cluster' }>,
  redisOptions: RedisOptions,
): ClusterOptions => ({
  lazyConnect: true,
  redisOptions: {
    ...redisOptions,
    ...(target.username === undefined ? {} : { username: target.username }),
    ...(target.password === undefined ? {} : { password: target.password }),
    ...(target.tls ? { tls: {} } : {}),
  },
});

const infoField = (info: string, field: string): string | undefined =>
  new RegExp(`^${field}:(.*)$`, 'm').exec(info)?.[1]?.trim();

export interface RedisReadinessOptions {
  /**
   * A key of the service's own (redisKeys(prefix).readinessProbe(service)) the check writes with a short TTL:
   * a Redis that answers PING but refuses every write — out of memory under noeviction, a replica after a
   * failover (READONLY), failed snapshots (MISCONF), a slot whose master is gone — fails the check.
   */
  readonly probeKey?: string;
  /**
   * The service's other connections, by name (its workers'): an error streak on any of them fails the check
   * (operation-errors.ts), as one on the probed connection itself does.
   */
  readonly connections?: ReadonlyMap<string, RedisClient>;
}

/** How long a readiness probe's key lives: it is rewritten at every probe, and gone soon after the service. */
const PROBE_TTL_MS = 60_000;

/**
 * The `redis` readiness check. A connection that is not `ready` (reconnecting while Redis is down, or closed)
 * fails at once instead of waiting for a reply that a consumer connection would queue until Redis is back; one
 * that has not connected yet (lazy) connects with the probe. Beyond PING, which any node answers, it fails when
 * the service could not use Redis although Redis answers:
 * - a cluster client whose cluster is down (`cluster_state:fail`: a master owning slots is gone, so every
 *   command on a key of those slots, and with full coverage required every keyed command, gets CLUSTERDOWN);
 * - a single-server client on a node of a multi-node cluster (REDIS_URL should be redis+cluster://): most
 *   keys live on other nodes and every command on them gets MOVED;
 * - with `probeKey`, a write of the service's own key that Redis refuses (the error is the check's message);
 * - a worker on the connection, or on one of `connections`, got errors from Redis in a row (a failing streak).
 */
export const redisReadiness = async (
  redis: RedisClient,
  options: RedisReadinessOptions = {},
): Promise<CheckOutcome> => {
  if (redis.status !== 'ready' && redis.status !== 'wait')
    return { ok: false, details: { status: redis.status } };
  for (const [name, connection] of [['', redis] as const, ...(options.connections ?? [])]) {
    const streak = failingStreak(connection);
    if (streak !== undefined)
      return {
        ok: false,
        details: {
          ...(name === '' ? {} : { connection: name }),
          errorsInARow: streak.errors,
          error: streak.message,
        },
      };
  }
  if ((await redis.ping()) !== 'PONG') return false;
  const topology = await clusterOutcome(redis);
  if (topology !== true || options.probeKey === undefined) return topology;
  await redis.set(options.probeKey, String(Date.now()), 'PX', PROBE_TTL_MS);
  return true;
};

const clusterOutcome = async (redis: RedisClient): Promise<CheckOutcome> => {
  if (isClusterConnection(redis)) {
    const state = infoField(String(await redis.cluster('INFO')), 'cluster_state');
    return state === 'ok' ? true : { ok: false, details: { clusterState: state ?? 'unknown' } };
  }
  if (infoField(await redis.info('cluster'), 'cluster_enabled') !== '1') return true;
  const nodes = Number(infoField(String(await redis.cluster('INFO')), 'cluster_known_nodes') ?? '1');
  return nodes <= 1
    ? true
    : {
        ok: false,
        details: {
          clusterNodes: nodes,
          problem: 'a cluster node reached as one server: use redis+cluster://',
        },
      };
};

/**
 * QUIT (lets pending replies arrive), or a hard disconnect when that fails or takes over `timeoutMs`; resolves
 * once the client has ended, so nothing of it outlives the call.
 */
export const closeRedis = async (redis: RedisClient, timeoutMs = 5_000): Promise<void> => {
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
