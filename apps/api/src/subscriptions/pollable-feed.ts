/**
 * A feed read without promises: `take` answers at once, and a reader with nothing to take asks to be woken.
 * A subscriber that is caught up thus gets each live event in the tick the stream tail hands it out.
 */
export interface PollableFeed<T> {
  /** The next step if one is ready, `undefined` when there is none yet (then `wait`); throws what ended the feed. */
  take(): IteratorResult<T> | undefined;
  /** Calls `wake` once, when `take` may have something new; one reader, so one waiting call at a time. */
  wait(wake: () => void): void;
  /** The reader is gone: ends the feed, leaving nothing behind (listeners, reads). */
  close(): Promise<void>;
}

export const isPollable = <T>(value: object): value is PollableFeed<T> =>
  'take' in value &&
  typeof value.take === 'function' &&
  'wait' in value &&
  typeof value.wait === 'function' &&
  'close' in value &&
  typeof value.close === 'function';

/** Any async iterator as a pollable feed: it is read one step ahead of `take`, never more. */
export const pollableOf = <T>(iterator: AsyncIterator<T>): PollableFeed<T> => {
  let ready: IteratorResult<T> | undefined;
  let failure: { readonly error: unknown } | undefined;
  let reading = false;
  let closed = false;
  let wake: (() => void) | undefined;
  const signal = () => {
    const waiting = wake;
    wake = undefined;
    waiting?.();
  };
  return {
    take() {
      if (failure !== undefined) throw failure.error;
      const step = ready;
      // The end stays: every later `take` sees it too.
      if (step?.done === false) ready = undefined;
      if (step === undefined && !reading) {
        reading = true;
        iterator.next().then(
          (next) => {
            reading = false;
            if (!closed) ready = next;
            signal();
          },
          (error: unknown) => {
            reading = false;
            if (!closed) failure = { error };
            signal();
          },
        );
      }
      return step;
    },
    wait(next) {
      wake = next;
    },
    async close() {
      closed = true;
      ready = { done: true, value: undefined };
      signal();
      await iterator.return?.();
    },
  };
};
