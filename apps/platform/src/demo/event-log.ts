/** The fields every event of the API's `events` subscription has (CommunityEvent), and any others asked for. */
export interface CommunityEvent {
  readonly eventId: string;
  readonly type: string;
  readonly communityId: string;
  readonly correlationId: string | null;
  readonly [field: string]: unknown;
}

interface Waiter {
  readonly matches: (event: CommunityEvent) => boolean;
  readonly resolve: (event: CommunityEvent) => void;
}

/** Events as they arrive, and a way to wait for one (it may have come already). */
export class EventLog {
  private readonly events: CommunityEvent[] = [];
  private readonly waiters = new Set<Waiter>();

  add(event: CommunityEvent): void {
    this.events.push(event);
    for (const waiter of this.waiters)
      if (waiter.matches(event)) {
        this.waiters.delete(waiter);
        waiter.resolve(event);
      }
  }

  /** The first event, past or future, that `matches`; rejects naming `what` after `timeoutMs`. */
  waitFor(
    what: string,
    matches: (event: CommunityEvent) => boolean,
    timeoutMs: number,
  ): Promise<CommunityEvent> {
    const seen = this.events.find(matches);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: Waiter = {
        matches,
        resolve: (event) => {
          clearTimeout(timer);
          resolve(event);
        },
      };
      this.waiters.add(waiter);
    });
  }
}
