import { createSourceEventStream, execute } from 'graphql';
import type { ExecutionArgs, ExecutionResult } from 'graphql';
import { bug } from '@status-communities/errors';
import type { FeedItem } from './event-feed.js';
import { nextFrame, nextFramePrefix, serialisePayload } from './next-frame.js';
import { payloadShapeOf } from './payload-shape.js';
import type { SubscriptionRequest } from './payload-shape.js';
import { isPollable, pollableOf } from './pollable-feed.js';
import type { PollableFeed } from './pollable-feed.js';
import { SharedPayloads } from './shared-payloads.js';

/** Where one subscription's frames go: its graphql-ws id and request, and its socket's send. */
export interface SubscriptionTarget {
  readonly id: string;
  readonly request: SubscriptionRequest;
  /** Resolves once the socket took the frame: a client that stops reading holds its subscriber back. */
  readonly send: (frame: string) => Promise<void>;
}

type Execute = (item: FeedItem) => ExecutionResult | Promise<ExecutionResult>;

interface FrameOptions {
  readonly execute: Execute;
  readonly payloads: SharedPayloads;
  readonly shape: string;
  readonly prefix: string;
  readonly send: (frame: string) => Promise<void>;
}

const DONE = { done: true, value: undefined } as const;

interface Waiting {
  readonly resolve: (step: IteratorResult<ExecutionResult>) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * A subscription's feed as graphql-ws `next` frames written straight to its socket, the payload shared with
 * every subscriber of the same shape. What it yields to graphql-ws is only what graphql-ws must send itself:
 * the error that ends the feed (SLOW_CONSUMER, CURSOR_EXPIRED), followed by its `complete`.
 *
 * Frames are written while graphql-ws waits on `next`, one at a time: the next frame goes once the socket
 * took the last one, so a client that stops reading holds its events in its feed's bounded buffer. A
 * subscriber with nothing queued gets a live event written in the tick the tail hands it out (the feed
 * wakes `pump` synchronously); one that is behind is drained from its buffer as each write completes.
 * `return` (the client's `complete`, a closed socket) closes the feed at once, even while a write waits.
 */
class FrameStream implements AsyncIterableIterator<ExecutionResult> {
  readonly #feed: PollableFeed<FeedItem>;
  readonly #options: FrameOptions;
  /** graphql-ws's `next`, while it waits: frames are written only then. */
  #waiting: Waiting | undefined;
  #writing = false;

  constructor(feed: PollableFeed<FeedItem>, options: FrameOptions) {
    this.#feed = feed;
    this.#options = options;
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
      this.#pump();
    });
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    this.#settle(DONE);
    await this.#feed.close();
    return DONE;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  readonly #pump = (): void => {
    while (this.#waiting !== undefined && !this.#writing) {
      let step: IteratorResult<FeedItem> | undefined;
      try {
        step = this.#feed.take();
      } catch (error) {
        return this.#fail(error);
      }
      if (step === undefined) return this.#feed.wait(this.#pump);
      if (step.done === true) return this.#settle(DONE);
      const item = step.value;
      if (item.error !== undefined) return this.#yieldError(item);
      // Executing the events' fields is synchronous (plain data): no promise between event and socket.
      const { payloads, shape, execute } = this.#options;
      const payload = payloads.payloadOf(item.stored, shape, () => {
        const result = execute(item);
        return isPromise(result) ? result.then(serialisePayload) : serialisePayload(result);
      });
      this.#writing = true;
      if (typeof payload === 'string') this.#write(payload);
      else payload.then(this.#write, this.#failWrite);
    }
  };

  readonly #write = (payload: string): void => {
    const { send, prefix } = this.#options;
    let sent: Promise<void>;
    try {
      sent = send(nextFrame(prefix, payload));
    } catch (error) {
      // Thrown in the tail's hand-out, it would leave this subscriber writing forever.
      return this.#failWrite(error);
    }
    sent.then(this.#written, this.#failWrite);
  };

  readonly #written = (): void => {
    this.#writing = false;
    this.#pump();
  };

  readonly #failWrite = (error: unknown): void => {
    this.#writing = false;
    this.#fail(error);
  };

  #yieldError(item: FeedItem): void {
    const waiting = this.#waiting;
    this.#waiting = undefined;
    Promise.resolve(this.#options.execute(item)).then(
      (value) => waiting?.resolve({ done: false, value }),
      (error: unknown) => waiting?.reject(error),
    );
  }

  /** Ends graphql-ws's loop with the error (it sends it and `complete`); the feed is of no more use. */
  #fail(error: unknown): void {
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.reject(error);
    void this.#feed.close();
  }

  #settle(step: IteratorResult<ExecutionResult>): void {
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.resolve(step);
  }
}

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> => value instanceof Promise;

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value;

/**
 * graphql-ws's `subscribe` for this schema, executing each event once per payload shape instead of once per
 * subscriber. graphql-ws hands the same ExecutionArgs object to its `context` hook (which calls `target`)
 * and then to `subscribe`: that is how an operation finds its id and socket.
 */
export const createFrameDelivery = () => {
  const targets = new WeakMap<ExecutionArgs, SubscriptionTarget>();
  const payloads = new SharedPayloads();
  return {
    target: (args: ExecutionArgs, target: SubscriptionTarget): void => {
      targets.set(args, target);
    },
    subscribe: async (args: ExecutionArgs) => {
      const target = targets.get(args) ?? bug('a subscription reached subscribe without its target');
      // Refusals (the field's subscribe threw) come back as a result with errors, for graphql-ws to send.
      const source = await createSourceEventStream(args);
      if (!isAsyncIterable(source)) return source;
      const feed = isPollable<FeedItem>(source)
        ? source
        : pollableOf(source[Symbol.asyncIterator]() as AsyncIterator<FeedItem>);
      return new FrameStream(feed, {
        // As graphql's own subscribe does per event: the event is the root value of the operation.
        execute: (item) => execute({ ...args, rootValue: item }),
        payloads,
        shape: payloadShapeOf(args.schema, args.document, target.request),
        prefix: nextFramePrefix(target.id),
        send: target.send,
      });
    },
  };
};
