import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { runEvery } from './periodic.js';

// Jest's fake clock: the interval is counted, not waited for.
beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
});

/** A task whose runs each wait until the test releases them. */
const heldTask = () => {
  const releases: (() => void)[] = [];
  let running = 0;
  const state = { runs: 0, finished: 0, maxRunning: 0 };
  const task = async () => {
    running++;
    state.maxRunning = Math.max(state.maxRunning, running);
    state.runs++;
    await new Promise<void>((resolve) => releases.push(resolve));
    running--;
    state.finished++;
  };
  return { task, state, release: () => releases.shift()?.() };
};

describe('runEvery', () => {
  it('runs on its interval and survives a failing run', async () => {
    let runs = 0;
    const errors: unknown[] = [];
    const task = runEvery(
      10,
      async () => {
        runs++;
        if (runs === 1) throw new Error('first run fails');
      },
      (error) => errors.push(error),
    );
    await jest.advanceTimersByTimeAsync(9);
    expect(runs).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(runs).toBe(1);
    await jest.advanceTimersByTimeAsync(20);
    expect(runs).toBe(3);
    expect(errors).toEqual([new Error('first run fails')]);
    await task.stop();
  });

  it('never runs two at once: a run asked for meanwhile waits for the one going', async () => {
    const { task, state, release } = heldTask();
    const periodic = runEvery(10, task, () => undefined);
    const both = Promise.all([periodic.runNow(), periodic.runNow()]);
    // The interval passes several times while the first run holds.
    await jest.advanceTimersByTimeAsync(50);
    expect(state.runs).toBe(1);
    release();
    await jest.advanceTimersByTimeAsync(0);
    expect(state.runs).toBe(2);
    const stopping = periodic.stop();
    release();
    await both;
    await stopping;
    expect(state).toEqual({ runs: 2, finished: 2, maxRunning: 1 });
  });

  it('runs nothing after stop, and stop waits for the run in progress', async () => {
    const { task, state, release } = heldTask();
    const periodic = runEvery(5, task, () => undefined);
    void periodic.runNow();
    await jest.advanceTimersByTimeAsync(0);
    let stopped = false;
    const stopping = periodic.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(state.finished).toBe(1);

    await jest.advanceTimersByTimeAsync(100);
    await periodic.runNow();
    expect(state.runs).toBe(1);
  });
});
