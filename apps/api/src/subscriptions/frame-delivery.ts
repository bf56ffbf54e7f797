import { createSourceEventStream, execute } from 'graphql';
import type { ExecutionArgs, ExecutionResult } from 'graphql';
import { bug } from '@status-communities/errors';
import type { FeedItem } from './event-feed.js';
import { nextFrame, nextFramePrefix, serialisePayload } from './next-frame.js';
import { payloadShapeOf } from './payload-shape.js';
import type { SubscriptionRequest } from './payload-shape.js';
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

/**
 * A subscription's feed as graphql-ws `next` frames written straight to its socket, the payload shared with
 * every subscriber of the same shape. What it yields to graphql-ws is only what graphql-ws must send itself:
 * the error that ends the feed (SLOW_CONSUMER, CURSOR_EXPIRED), followed by its `complete`. A hand-written
 * iterator, not a generator: `return` (the client's `complete`, a closed socket) reaches the feed at once,
 * even while a send waits, so no listener stays behind.
 */
const frameIterator = (
  feed: AsyncIterator<FeedItem>,
  { execute, payloads, shape, prefix, send }: FrameOptions,
): AsyncIterableIterator<ExecutionResult> => ({
  async next() {
    for (;;) {
      const step = await feed.next();
      if (step.done === true) return DONE;
      const item = step.value;
      if (item.error !== undefined) return { done: false, value: await execute(item) };
      // Executing the events' fields is synchronous (plain data): no promise between event and socket.
      const payload = payloads.payloadOf(item.stored, shape, () => {
        const result = execute(item);
        return isPromise(result) ? result.then(serialisePayload) : serialisePayload(result);
      });
      await send(nextFrame(prefix, typeof payload === 'string' ? payload : await payload));
    }
  },
  async return() {
    await feed.return?.();
    return DONE;
  },
  [Symbol.asyncIterator]() {
    return this;
  },
});

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
      return frameIterator(source[Symbol.asyncIterator]() as AsyncIterator<FeedItem>, {
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
