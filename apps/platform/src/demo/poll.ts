import { setTimeout as sleep } from 'node:timers/promises';

/** Reads again every `intervalMs` until `read` gives a value; rejects naming `what` after `timeoutMs`. */
export const poll = async <T>(
  what: string,
  read: () => Promise<T | undefined>,
  { timeoutMs, intervalMs = 500 }: { timeoutMs: number; intervalMs?: number },
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not there after ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
};
