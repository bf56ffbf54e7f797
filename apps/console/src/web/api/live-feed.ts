import type { ApiProblem } from './errors.js';

/** One event of the `events` subscription, as the console asks for it. */
export interface FeedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly communityId: string;
  readonly occurredAt: string;
  readonly [field: string]: unknown;
}

/** What a subscription transport reports: a value, a failure (with codes when the API gave them), the end. */
export interface FeedSink {
  /** The API accepted the connection and the key: events flow from here on. */
  connected(): void;
  next(event: FeedEvent): void;
  error(problems: readonly ApiProblem[], fatal: boolean): void;
  complete(): void;
}

/** Opens one subscription from `after` (absent: live only); returns how to stop it. */
export type OpenFeed = (after: string | undefined, sink: FeedSink) => () => void;

export type FeedState = 'connecting' | 'live' | 'reconnecting' | 'stopped';

export interface FeedCallbacks {
  onEvent(event: FeedEvent): void;
  onState(state: FeedState, problems?: readonly ApiProblem[]): void;
}

export interface FeedTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Waits between reconnects: 0.5 s doubling to 10 s, so a restarting API is not hammered. */
export const reconnectDelay = (attempt: number): number => Math.min(10_000, 500 * 2 ** attempt);

/**
 * A subscription that survives a dropped connection: after a failure it opens again from the last eventId it
 * delivered, so the API replays what was missed (no gap, no repeat). A fatal failure (a refused key) stops it;
 * CURSOR_EXPIRED (the cursor fell out of the stream) restarts from live events, saying so.
 */
export const startResumableFeed = (open: OpenFeed, callbacks: FeedCallbacks, timers: FeedTimers) => {
  let lastEventId: string | undefined;
  let attempt = 0;
  let close: (() => void) | undefined;
  let retry: unknown;
  let stopped = false;

  const connect = () => {
    callbacks.onState(attempt === 0 ? 'connecting' : 'reconnecting');
    let settled = false;
    const settle = (problems: readonly ApiProblem[] | undefined, fatal: boolean) => {
      if (settled || stopped) return;
      settled = true;
      close = undefined;
      if (fatal) {
        stopped = true;
        callbacks.onState('stopped', problems);
        return;
      }
      if (problems?.some((problem) => problem.code === 'CURSOR_EXPIRED')) lastEventId = undefined;
      callbacks.onState('reconnecting', problems);
      retry = timers.setTimeout(connect, reconnectDelay(attempt));
      attempt += 1;
    };
    close = open(lastEventId, {
      connected: () => {
        if (settled || stopped) return;
        attempt = 0;
        callbacks.onState('live');
      },
      next: (event) => {
        if (settled || stopped) return;
        lastEventId = event.eventId;
        callbacks.onEvent(event);
      },
      error: (problems, fatal) => settle(problems, fatal),
      // The API ends an events subscription only when it goes away: resume as after a failure.
      complete: () => settle(undefined, false),
    });
  };
  connect();

  return {
    get lastEventId() {
      return lastEventId;
    },
    stop() {
      stopped = true;
      timers.clearTimeout(retry);
      close?.();
      callbacks.onState('stopped');
    },
  };
};
