import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Batcher } from './batcher.js';

// Jest's fake clock where a test is about the wait: counted, not waited for.
afterEach(() => {
  jest.useRealTimers();
});

/** A batcher whose batches are recorded; `gate` holds a batch until released. */
const recording = (maxSize: number, maxWaitMs: number, failOn?: (items: readonly number[]) => boolean) => {
  const batches: number[][] = [];
  let release: (() => void) | undefined;
  let holding = false;
  const batcher = new Batcher<number, string>({
    maxSize,
    maxWaitMs,
    process: async (items) => {
      batches.push([...items]);
      if (holding) await new Promise<void>((resolve) => (release = resolve));
      if (failOn?.(items)) throw new Error(`batch ${items.join(',')} failed`);
      return items.map((item) => `done ${item}`);
    },
  });
  return {
    batcher,
    batches,
    hold: () => (holding = true),
    release: () => {
      holding = false;
      release?.();
    },
  };
};

describe('Batcher', () => {
  it('runs a full batch at once and a partial one after the wait', async () => {
    jest.useFakeTimers();
    const { batcher, batches } = recording(3, 30);
    const results = await Promise.all([1, 2, 3].map((item) => batcher.add(item)));
    expect(results).toEqual(['done 1', 'done 2', 'done 3']);
    let fourth: string | undefined;
    const adding = batcher.add(4).then((result) => (fourth = result));
    await jest.advanceTimersByTimeAsync(29);
    expect(fourth).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    await adding;
    expect(fourth).toBe('done 4');
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('runs one batch at a time, and what queued meanwhile goes next in batches of at most maxSize', async () => {
    jest.useFakeTimers();
    const { batcher, batches, hold, release } = recording(2, 0);
    hold();
    const first = batcher.add(1);
    await jest.advanceTimersByTimeAsync(0);
    expect(batches).toEqual([[1]]);
    const rest = [2, 3, 4, 5, 6].map((item) => batcher.add(item));
    expect(batcher.waiting).toBe(5);
    release();
    await jest.runAllTimersAsync();
    await Promise.all([first, ...rest]);
    expect(batches).toEqual([[1], [2, 3], [4, 5], [6]]);
  });

  it('retries a failed batch item by item, so only the poisonous item fails', async () => {
    const { batcher, batches } = recording(3, 0, (items) => items.includes(2));
    const outcomes = await Promise.allSettled([1, 2, 3].map((item) => batcher.add(item)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(batches).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it('flushes what is queued without waiting for the timer', async () => {
    const { batcher, batches } = recording(10, 60_000);
    const pending = batcher.add(1);
    await batcher.flush();
    expect(await pending).toBe('done 1');
    expect(batches).toEqual([[1]]);
  });
});
