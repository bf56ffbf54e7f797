import { ErrorCode, StatusError } from '@status-communities/errors';
import { readEvents } from '@status-communities/queue';
import type { DomainEvent, EventStream, StoredEvent } from '@status-communities/queue';
import type { RedisClient } from '@status-communities/queue';
import { BoundedBuffer } from './bounded-buffer.js';
import type { PollableFeed } from './pollable-feed.js';
import { compareStreamIds } from './stream-ids.js';
import { streamInfo } from './stream-info.js';
import type { EventStreamTail } from './stream-tail.js';

export interface EventFeedOptions {
  /** Where live events come from: what the backlog must reach, and the hand-out. */
  readonly tail: Pick<EventStreamTail, 'position' | 'listen'>;
  /** For the backlog (plain XREAD, no blocking): may be shared. */
  readonly redis: RedisClient;
  readonly stream: EventStream;
  /** Resume: the events after this id come first, then live ones. Without it, live events only. */
  readonly after?: string | undefined;
  /** Cheap test run on the tail's turn for every event (the subscriber's filter). */
  readonly matches: (event: DomainEvent) => boolean;
  /** Authorisation, run on the subscriber's turn for events that matched; a boolean when known at once. */
  readonly visible: (event: DomainEvent) => boolean | Promise<boolean>;
  /** Live events held for a subscriber that reads slower than they come; past it, SLOW_CONSUMER. */
  readonly capacity: number;
  readonly pageSize?: number;
}

/** An event for the subscriber, or the error that ends its feed. */
export type FeedItem =
  | { readonly stored: StoredEvent; readonly error?: undefined }
  | { readonly error: StatusError; readonly stored?: undefined };

const slowConsumer = (capacity: number): StatusError =>
  new StatusError(
    ErrorCode.SLOW_CONSUMER,
    `more than ${capacity} events waited for this subscriber: subscription closed; resume from the last eventId received`,
    { capacity },
  );

/** CURSOR_EXPIRED when events after `after` may have been trimmed away. */
const checkCursor = async (options: EventFeedOptions, after: string): Promise<StatusError | undefined> => {
  if (after === '0-0') return undefined;
  const info = await streamInfo(options.redis, options.stream);
  if (compareStreamIds(after, info.lastId) > 0)
    return new StatusError(ErrorCode.BAD_USER_INPUT, `event id ${after} is after the newest event`, {
      after,
    });
  const gone = info.trimmed && info.firstId !== undefined && compareStreamIds(after, info.firstId) < 0;
  return gone
    ? new StatusError(
        ErrorCode.CURSOR_EXPIRED,
        `events after ${after} are no longer kept; reload and resubscribe`,
        {
          after,
          oldestKept: info.firstId,
        },
      )
    : undefined;
};

const DONE = { done: true, value: undefined } as const;

/**
 * The events a subscriber gets: those after `after` from the stream (the backlog), then live ones from the
 * tail, with neither a gap nor a repeat at the switch. The backlog is read until it reaches the tail's
 * position and the live listener is added in the same tick as that check, so the listener gets exactly the
 * events after what the backlog covered; live events the backlog already gave (it may read past the tail)
 * are skipped by id. Nothing is buffered during the backlog: it is read page by page at the reader's pace.
 * Read with `take` (a caught-up reader gets a live event in the tick the tail hands it out, with no promise
 * between) or as an async iterator; it starts at the first read.
 */
export const openEventFeed = (options: EventFeedOptions): EventFeed => new EventFeed(options);

export class EventFeed implements PollableFeed<FeedItem>, AsyncIterableIterator<FeedItem> {
  readonly #options: EventFeedOptions;
  readonly #live: BoundedBuffer<StoredEvent>;
  #phase: 'idle' | 'backlog' | 'live' | 'ended' = 'idle';
  /** In the backlog, what it covered so far; once live, the live events up to it are skipped. */
  #last: string | undefined;
  #page: readonly StoredEvent[] = [];
  #pageIndex = 0;
  /** A backlog page or the cursor check is on its way. */
  #reading = false;
  #streamGone = false;
  /** An event that matched, until its visibility is known: the events after it wait, keeping the order. */
  #held: { readonly stored: StoredEvent; seen: boolean | undefined } | undefined;
  /** The item that ends the feed (SLOW_CONSUMER, CURSOR_EXPIRED), then the end. */
  #ending: FeedItem | undefined;
  #failure: { readonly error: unknown } | undefined;
  #stop: (() => void) | undefined;
  #wake: (() => void) | undefined;

  constructor(options: EventFeedOptions) {
    this.#options = options;
    this.#last = options.after;
    this.#live = new BoundedBuffer(options.capacity);
  }

  take(): IteratorResult<FeedItem> | undefined {
    if (this.#phase === 'idle') this.#start();
    for (;;) {
      if (this.#phase === 'ended') return this.#endStep();
      if (this.#held !== undefined) {
        const { stored, seen } = this.#held;
        if (seen === undefined) return undefined;
        this.#held = undefined;
        if (seen) return { done: false, value: { stored } };
        continue;
      }
      const stored = this.#phase === 'backlog' ? this.#fromBacklog() : this.#fromLive();
      if (stored === undefined) {
        // Overflowed or refused while reading: the loop's next turn gives the end.
        if (this.#ended()) continue;
        return undefined;
      }
      const seen = this.#options.visible(stored.event);
      if (seen === true) return { done: false, value: { stored } };
      if (seen !== false) this.#hold(stored, seen);
    }
  }

  wait(wake: () => void): void {
    this.#wake = wake;
  }

  async close(): Promise<void> {
    this.#phase = 'ended';
    this.#ending = undefined;
    this.#failure = undefined;
    this.#release();
    this.#signal();
  }

  async next(): Promise<IteratorResult<FeedItem>> {
    for (;;) {
      const step = this.take();
      if (step !== undefined) return step;
      await new Promise<void>((resolve) => this.wait(resolve));
    }
  }

  // Ends a reader waiting for a live event at once, so an unsubscribed client leaves no listener behind.
  async return(): Promise<IteratorResult<FeedItem>> {
    await this.close();
    return DONE;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #ended(): boolean {
    return this.#phase === 'ended';
  }

  #start(): void {
    const after = this.#last;
    if (after === undefined) return this.#listen();
    this.#phase = 'backlog';
    if (after === '0-0') return;
    this.#reading = true;
    checkCursor(this.#options, after).then(
      (expired) => {
        this.#reading = false;
        if (this.#phase === 'ended') return;
        if (expired) this.#end(expired);
        this.#signal();
      },
      (error: unknown) => this.#fail(error),
    );
  }

  #fromBacklog(): StoredEvent | undefined {
    while (this.#pageIndex < this.#page.length) {
      const stored = this.#page[this.#pageIndex] as StoredEvent;
      this.#pageIndex += 1;
      if (this.#options.matches(stored.event)) return stored;
    }
    if (this.#reading) return undefined;
    // The check and the listener in one tick: nothing falls between the backlog and the live events.
    const behind = compareStreamIds(this.#last as string, this.#options.tail.position) < 0;
    if (behind && !this.#streamGone) this.#read(this.#last as string);
    else this.#listen();
    return undefined;
  }

  #read(after: string): void {
    const { redis, stream, pageSize = 200 } = this.#options;
    this.#reading = true;
    readEvents(redis, { stream, after, count: pageSize }).then(
      (page) => {
        this.#reading = false;
        if (this.#phase === 'ended') return;
        // Only when the stream was deleted under us: nothing more to read.
        if (page.lastId === undefined) this.#streamGone = true;
        else {
          this.#page = page.events;
          this.#pageIndex = 0;
          this.#last = page.lastId;
        }
        this.#signal();
      },
      (error: unknown) => this.#fail(error),
    );
  }

  #listen(): void {
    this.#phase = 'live';
    this.#page = [];
    const { tail, matches } = this.#options;
    this.#stop = tail.listen((stored) => {
      if (!matches(stored.event)) return;
      this.#live.push(stored);
      this.#signal();
    });
  }

  #fromLive(): StoredEvent | undefined {
    for (;;) {
      const stored = this.#live.shift();
      if (stored === undefined) {
        if (this.#live.overflowed) this.#end(slowConsumer(this.#options.capacity));
        return undefined;
      }
      if (this.#last !== undefined) {
        if (compareStreamIds(stored.id, this.#last) <= 0) continue;
        // The tail hands events out in stream order: the ones after this are past the backlog too.
        this.#last = undefined;
      }
      return stored;
    }
  }

  #hold(stored: StoredEvent, seen: Promise<boolean>): void {
    const held: { readonly stored: StoredEvent; seen: boolean | undefined } = { stored, seen: undefined };
    this.#held = held;
    seen.then(
      (visible) => {
        if (this.#held !== held) return;
        held.seen = visible;
        this.#signal();
      },
      (error: unknown) => this.#fail(error),
    );
  }

  #endStep(): IteratorResult<FeedItem> {
    const failure = this.#failure;
    if (failure !== undefined) {
      this.#failure = undefined;
      throw failure.error;
    }
    const ending = this.#ending;
    this.#ending = undefined;
    return ending === undefined ? DONE : { done: false, value: ending };
  }

  #end(error: StatusError): void {
    this.#phase = 'ended';
    this.#ending = { error };
    this.#release();
  }

  #fail(error: unknown): void {
    if (this.#phase === 'ended') return;
    this.#phase = 'ended';
    this.#failure = { error };
    this.#release();
    this.#signal();
  }

  #release(): void {
    this.#stop?.();
    this.#stop = undefined;
    this.#live.close();
    this.#page = [];
    this.#held = undefined;
  }

  #signal(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
