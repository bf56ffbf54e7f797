import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode, StatusError } from '@status-communities/errors';

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
    if (Date.now() > deadline)
      throw new StatusError(ErrorCode.INTERNAL, `${what}: not there after ${timeoutMs} ms`, { timeoutMs });
    await sleep(intervalMs);
  }
};
