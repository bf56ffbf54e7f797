import { ErrorCode, StatusError } from '@status-communities/errors';
import { readEvents } from '@status-communities/queue';
import type { DomainEvent, EventStream, StoredEvent } from '@status-communities/queue';
import type { RedisClient } from '@status-communities/queue';
import { BoundedBuffer } from './bounded-buffer.js';
import { compareStreamIds } from './stream-ids.js';
import { streamInfo } from './stream-info.js';
import type { EventStreamTail } from './stream-tail.js';

export interface EventFeedOptions {
  readonly tail: EventStreamTail;
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

/**
 * The events a subscriber gets: those after `after` from the stream (the backlog), then live ones from the
 * tail, with neither a gap nor a repeat at the switch. The backlog is read until it reaches the tail's
 * position and the live listener is added in the same tick as that check, so the listener gets exactly the
 * events after what the backlog covered; live events the backlog already gave (it may read past the tail)
 * are skipped by id. Nothing is buffered during the backlog: it is read page by page at the reader's pace.
 */
export const openEventFeed = (options: EventFeedOptions): AsyncIterableIterator<FeedItem> => {
  const live = new BoundedBuffer<StoredEvent>(options.capacity);
  const feed = readFeed(options, live);
  return {
    next: () => feed.next(),
    // A generator waiting for a live event would only see `return` at its next event; closing the buffer
    // wakes it now, so an unsubscribed client leaves no listener behind.
    return: async () => {
      live.close();
      return feed.return(undefined);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
};

async function* readFeed(
  options: EventFeedOptions,
  live: BoundedBuffer<StoredEvent>,
): AsyncGenerator<FeedItem> {
  const { tail, matches, visible, capacity } = options;
  let last = options.after;
  if (last !== undefined) {
    const expired = await checkCursor(options, last);
    if (expired) {
      yield { error: expired };
      return;
    }
    while (compareStreamIds(last, tail.position) < 0) {
      const page = await readEvents(options.redis, {
        stream: options.stream,
        after: last,
        count: options.pageSize ?? 200,
      });
      // Only when the stream was deleted under us: nothing more to read.
      if (page.lastId === undefined) break;
      for (const stored of page.events)
        if (matches(stored.event) && (await visible(stored.event))) yield { stored };
      last = page.lastId;
    }
  }
  const stop = tail.listen((stored) => {
    if (matches(stored.event)) live.push(stored);
  });
  try {
    for (;;) {
      const stored = await live.next();
      if (stored === undefined) {
        if (live.overflowed) yield { error: slowConsumer(capacity) };
        return;
      }
      if (last !== undefined) {
        if (compareStreamIds(stored.id, last) <= 0) continue;
        // The tail hands events out in stream order: the ones after this are past the backlog too.
        last = undefined;
      }
      const seen = visible(stored.event);
      if (seen === true || (seen !== false && (await seen))) yield { stored };
    }
  } finally {
    stop();
    live.close();
  }
}
