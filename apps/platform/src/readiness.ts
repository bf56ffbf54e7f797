import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode, StatusError } from '@status-communities/errors';

export interface ReadyWaitOptions {
  readonly timeoutMs: number;
  /** Polling interval (default 250 ms). */
  readonly intervalMs?: number;
  /** Stops waiting (Ctrl-C, or the service exited). */
  readonly signal?: AbortSignal;
}

const PROBE_TIMEOUT_MS = 2_000;

/** True when `url` answers 200; a refused connection (the service still starting) is false. */
export const isReady = async (url: string): Promise<boolean> => {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
};

/** Polls a /readyz URL until it answers 200; rejects on timeout or abort. */
export const waitUntilReady = async (url: string, options: ReadyWaitOptions): Promise<void> => {
  const deadline = Date.now() + options.timeoutMs;
  const intervalMs = options.intervalMs ?? 250;
  for (;;) {
    options.signal?.throwIfAborted();
    if (await isReady(url)) return;
    if (Date.now() > deadline)
      throw new StatusError(ErrorCode.INTERNAL, `${url} did not answer 200 within ${options.timeoutMs} ms`, {
        url,
        timeoutMs: options.timeoutMs,
      });
    try {
      await sleep(intervalMs, undefined, options.signal ? { signal: options.signal } : {});
    } catch {
      options.signal?.throwIfAborted();
    }
  }
};
