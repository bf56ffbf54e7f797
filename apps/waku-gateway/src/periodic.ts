export interface Periodic {
  /** Runs the task now (after the current run, if one is going) and restarts the interval. */
  runNow(): Promise<void>;
  /** No further runs; resolves when the current one has finished. */
  stop(): Promise<void>;
}

/**
 * Runs `task` every `intervalMs`, never two at once. The timer is unref'd (it never keeps the process up) and a
 * failing run is reported to `onError` and does not stop the schedule.
 */
export const runEvery = (
  intervalMs: number,
  task: () => Promise<void>,
  onError: (error: unknown) => void,
): Periodic => {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const schedule = (): void => {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(() => void runNow(), intervalMs);
    timer.unref();
  };

  const runNow = (): Promise<void> => {
    running = running.then(async () => {
      if (stopped) return;
      try {
        await task();
      } catch (error) {
        onError(error);
      }
      schedule();
    });
    return running;
  };

  schedule();
  return {
    runNow,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
};
