import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { createLogger } from '@status-communities/observability';
import {
  CONNECTION_ERROR_REMINDER_MS,
  connectionErrorLog,
  logConnectionErrors,
} from './connection-errors.js';

describe('logConnectionErrors', () => {
  it('logs the first error of an outage, a reminder a minute with the count, and the end', () => {
    const lines: Array<Record<string, unknown>> = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    const logger = createLogger({ serviceName: 'test', destination });
    // Never connected: events are emitted by hand.
    const redis = new Redis({ lazyConnect: true, connectionName: 'test:producer' });
    let now = 0;
    const log = logConnectionErrors(redis, logger, () => now);
    expect(connectionErrorLog(redis)).toBe(log);

    redis.emit('error', new Error('connect ECONNREFUSED'));
    now += 2_000;
    redis.emit('error', new Error('connect ECONNREFUSED'));
    now = CONNECTION_ERROR_REMINDER_MS + 1;
    log.note(new Error('Connection is closed.'));
    now += 1_000;
    redis.emit('error', new Error('connect ECONNREFUSED'));
    now = 90_000;
    redis.emit('ready');
    redis.emit('ready');

    expect(lines.map(({ level, msg, errors, downSeconds }) => ({ level, msg, errors, downSeconds }))).toEqual(
      [
        { level: 'warn', msg: 'redis connection failed', errors: undefined, downSeconds: undefined },
        { level: 'warn', msg: 'redis connection still failing', errors: 3, downSeconds: 60 },
        { level: 'info', msg: 'redis connection restored', errors: 4, downSeconds: 90 },
      ],
    );
    expect(lines[0]).toMatchObject({ connection: 'test:producer', err: { message: 'connect ECONNREFUSED' } });
    redis.disconnect();
  });
});
