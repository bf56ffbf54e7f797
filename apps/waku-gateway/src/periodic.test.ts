import { describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { runEvery } from './periodic.js';

describe('runEvery', () => {
  it('runs on its interval, never two at once, and survives a failing run', async () => {
    let running = 0;
    let overlapped = false;
    let runs = 0;
    const errors: unknown[] = [];
    const task = runEvery(
      10,
      async () => {
        running++;
        overlapped ||= running > 1;
        runs++;
        await sleep(15);
        running--;
        if (runs === 1) throw new Error('first run fails');
      },
      (error) => errors.push(error),
    );
    await Promise.all([task.runNow(), task.runNow()]);
    await sleep(80);
    await task.stop();

    expect(runs).toBeGreaterThanOrEqual(4);
    expect(overlapped).toBe(false);
    expect(errors).toEqual([new Error('first run fails')]);
  });

  it('runs nothing after stop, and stop waits for the run in progress', async () => {
    let finished = 0;
    const task = runEvery(
      5,
      async () => {
        await sleep(20);
        finished++;
      },
      () => undefined,
    );
    void task.runNow();
    await sleep(1);
    await task.stop();
    const afterStop = finished;
    await sleep(30);

    expect(afterStop).toBe(1);
    expect(finished).toBe(1);
    await task.runNow();
    expect(finished).toBe(1);
  });
});
