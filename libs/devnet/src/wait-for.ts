import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  /** Default 20 s: only a failing wait takes it, and a 2-core machine shared by several runs needs it. */
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
}

/** What a probe gives while the awaited state is not there yet. */
type NotYet = undefined | null | false;

/**
 * The one wait of the tests: polls `probe` until it gives a value (anything but undefined, null or false) and
 * resolves with it; rejects naming `description` after the timeout. A probe that throws fails the wait at once.
 */
export const waitFor = async <T>(
  description: string,
  probe: () => T | NotYet | Promise<T | NotYet>,
  { timeoutMs = 20_000, intervalMs = 25 }: WaitOptions = {},
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    await sleep(intervalMs);
  }
};
