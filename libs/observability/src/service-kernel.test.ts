import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import pino from 'pino';
import type { ServiceScope } from './service-kernel.js';
import { startService } from './service-kernel.js';

/** A logger whose lines the test reads back (messages only). */
const recordingLogger = () => {
  const messages: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      messages.push((JSON.parse(chunk.toString()) as { msg: string }).msg);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), messages };
};

/** Three resources that record when they are disposed, and whether the service still said ready then. */
const buildThree = (events: string[]) => async (scope: ServiceScope) => {
  for (const name of ['postgres', 'redis', 'worker']) {
    scope.defer(name, async () => {
      events.push(`${name} disposed, ready=${(await scope.readiness.check()).ready}`);
    });
  }
  return { answer: 42 };
};

describe('startService', () => {
  it('gives back what the build made, and logs started once with its fields', async () => {
    const { logger, messages } = recordingLogger();
    const service = await startService({
      name: 'test service',
      logger,
      build: buildThree([]),
      startedFields: (parts) => ({ answer: parts.answer }),
    });
    expect(service.answer).toBe(42);
    expect(service.healthUrl).toBeUndefined();
    expect(messages.filter((message) => message === 'test service started')).toHaveLength(1);
  });

  it('stops once however often called: not ready first, then disposes last made first, and logs stopped once', async () => {
    const { logger, messages } = recordingLogger();
    const events: string[] = [];
    const service = await startService({ name: 'test service', logger, build: buildThree(events) });
    await Promise.all([service.stop(), service.stop()]);
    await service.stop();
    expect(events).toEqual([
      'worker disposed, ready=false',
      'redis disposed, ready=false',
      'postgres disposed, ready=false',
    ]);
    expect(messages.filter((message) => message === 'test service stopped')).toHaveLength(1);
  });

  it('on a failed build disposes what was made, in reverse, and rejects with the build error', async () => {
    const { logger, messages } = recordingLogger();
    const events: string[] = [];
    const failure = new Error('redis refused');
    const started = startService({
      name: 'test service',
      logger,
      build: async (scope) => {
        scope.defer('postgres', () => events.push('postgres disposed'));
        scope.own('queue', 'the queue', (queue) => events.push(`${queue} disposed`));
        throw failure;
      },
    });
    await expect(started).rejects.toBe(failure);
    expect(events).toEqual(['the queue disposed', 'postgres disposed']);
    expect(messages).not.toContain('test service started');
  });

  it('runs every disposer even when one fails, and logs the failed step', async () => {
    const { logger, messages } = recordingLogger();
    const events: string[] = [];
    const service = await startService({
      name: 'test service',
      logger,
      build: async (scope) => {
        scope.defer('postgres', () => events.push('postgres disposed'));
        scope.defer('queue', () => Promise.reject(new Error('stuck')));
        return {};
      },
    });
    await service.stop();
    expect(events).toEqual(['postgres disposed']);
    expect(messages).toContain('test service stop step failed');
  });
});
