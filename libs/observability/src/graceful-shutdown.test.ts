import { describe, expect, it, jest } from '@jest/globals';
import { createGracefulShutdown, createLogger, createReadiness } from './index.js';

const quietLogger = () => {
  const lines: string[] = [];
  const logger = createLogger({
    serviceName: 'test',
    destination: { write: (line) => void lines.push(line) },
  });
  return { logger, messages: () => lines.map((line) => (JSON.parse(line) as { msg: string }).msg) };
};

describe('graceful shutdown', () => {
  it('on SIGTERM drains readiness, runs the hooks in order and exits 0', async () => {
    const { logger } = quietLogger();
    const readiness = createReadiness();
    readiness.add('redis', async () => true);
    const order: string[] = [];
    const exited: number[] = [];
    const listenersBefore = process.listenerCount('SIGTERM');
    const shutdown = createGracefulShutdown({ logger, readiness, exit: (code) => void exited.push(code) });
    shutdown.add('http', async () => {
      order.push((await readiness.check()).draining ? 'http (readiness draining)' : 'http');
    });
    shutdown.add('workers', async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      order.push('workers');
    });
    shutdown.add('redis', () => void order.push('redis'));
    expect((await readiness.check()).ready).toBe(true);

    process.emit('SIGTERM');
    // The signal started the run; asking again joins it.
    expect(await shutdown.run('again')).toBe(0);
    expect(exited).toEqual([0]);
    expect(order).toEqual(['http (readiness draining)', 'workers', 'redis']);
    expect((await readiness.check()).ready).toBe(false);
    expect(process.listenerCount('SIGTERM')).toBe(listenersBefore);
  });

  it('goes on after a failing hook and exits 1', async () => {
    const { logger, messages } = quietLogger();
    const exited: number[] = [];
    const order: string[] = [];
    const shutdown = createGracefulShutdown({ logger, signals: [], exit: (code) => void exited.push(code) });
    shutdown.add('workers', () => {
      throw new Error('stuck');
    });
    shutdown.add('redis', () => void order.push('redis'));
    expect(await shutdown.run('test')).toBe(1);
    expect(order).toEqual(['redis']);
    expect(exited).toEqual([1]);
    expect(messages()).toContain('close hook failed');
  });

  it('gives up after the timeout and exits 1', async () => {
    // Fake timers: the timeout is exact, whatever the machine's load.
    jest.useFakeTimers();
    try {
      const { logger, messages } = quietLogger();
      const exited: number[] = [];
      const shutdown = createGracefulShutdown({
        logger,
        signals: [],
        timeoutMs: 30_000,
        exit: (code) => void exited.push(code),
      });
      let release: () => void = () => {};
      shutdown.add('hangs', () => new Promise<void>((resolve) => (release = resolve)));
      const run = shutdown.run('test');
      await jest.advanceTimersByTimeAsync(29_999);
      expect(exited).toEqual([]);
      await jest.advanceTimersByTimeAsync(1);
      expect(exited).toEqual([1]);
      expect(await run).toBe(1);
      expect(messages()).toContain('shutdown timed out');
      release();
    } finally {
      jest.useRealTimers();
    }
  });

  it('exits at once on a second signal while shutting down', async () => {
    const { logger } = quietLogger();
    const exited: number[] = [];
    const shutdown = createGracefulShutdown({
      logger,
      signals: ['SIGINT'],
      exit: (code) => void exited.push(code),
    });
    let release: () => void = () => {};
    shutdown.add('slow', () => new Promise<void>((resolve) => (release = resolve)));
    process.emit('SIGINT');
    process.emit('SIGINT');
    expect(exited).toEqual([1]);
    release();
    expect(await shutdown.run('done')).toBe(0);
    expect(exited).toEqual([1, 0]);
  });
});
