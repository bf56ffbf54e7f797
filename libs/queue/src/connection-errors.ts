import type { Logger } from '@status-communities/observability';
import type { RedisClient } from './redis-client.js';
import { connectionNameOf } from './redis-client.js';

/** While a connection keeps failing, one reminder a minute says it still does (and how often it failed). */
export const CONNECTION_ERROR_REMINDER_MS = 60_000;

export interface ConnectionErrorLog {
  /** An error of the connection, or of a BullMQ queue or worker re-emitting it. */
  note(error: Error): void;
}

const logs = new WeakMap<RedisClient, ConnectionErrorLog>();

/**
 * Sends a Redis client's errors to the service's JSON log instead of ioredis' raw stderr line ("Unhandled error
 * event"): the first error of an outage at warn, a reminder at most once per CONNECTION_ERROR_REMINDER_MS with
 * the count, and the end of the outage at info. ioredis reports every reconnect attempt as an error, so one line
 * per attempt would bury everything else in the log while Redis is down.
 */
export const logConnectionErrors = (
  redis: RedisClient,
  logger: Logger,
  now: () => number = Date.now,
): ConnectionErrorLog => {
  const connection = connectionNameOf(redis);
  let outage: { readonly since: number; errors: number; remindedAt: number } | undefined;
  const log: ConnectionErrorLog = {
    note: (error) => {
      const at = now();
      if (outage === undefined) {
        outage = { since: at, errors: 1, remindedAt: at };
        logger.warn({ err: error, connection }, 'redis connection failed');
        return;
      }
      outage.errors += 1;
      if (at - outage.remindedAt < CONNECTION_ERROR_REMINDER_MS) return;
      outage.remindedAt = at;
      logger.warn(
        {
          err: error,
          connection,
          errors: outage.errors,
          downSeconds: Math.round((at - outage.since) / 1_000),
        },
        'redis connection still failing',
      );
    },
  };
  redis.on('error', log.note);
  // A cluster client reports a node's failure (a master gone) as `node error`, its own (no node left) as `error`.
  redis.on('node error', log.note);
  redis.on('ready', () => {
    if (outage === undefined) return;
    logger.info(
      { connection, errors: outage.errors, downSeconds: Math.round((now() - outage.since) / 1_000) },
      'redis connection restored',
    );
    outage = undefined;
  });
  logs.set(redis, log);
  return log;
};

/** The error log of a connection made with a logger, for the queues and workers that share it. */
export const connectionErrorLog = (redis: RedisClient): ConnectionErrorLog | undefined => logs.get(redis);
