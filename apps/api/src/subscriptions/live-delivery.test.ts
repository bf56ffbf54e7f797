import { makeExecutableSchema } from '@graphql-tools/schema';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'graphql';
import type { ExecutionArgs, ExecutionResult } from 'graphql';
import { eventStream } from '@status-communities/queue';
import type { RedisClient, StoredEvent } from '@status-communities/queue';
import { fromStatusError } from '../errors/api-error.js';
import { messageAdded } from '../testing/domain-events.js';
import { openEventFeed } from './event-feed.js';
import type { FeedItem } from './event-feed.js';
import { createFrameDelivery } from './frame-delivery.js';
import type { EventListener } from './stream-tail.js';

/** A stream tail the test drives: `handOut` gives an event to every listener at once, as the real one does. */
const fakeTail = () => {
  const listeners = new Set<EventListener>();
  return {
    position: '0-0',
    listen: (listener: EventListener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    handOut: (stored: StoredEvent) => {
      for (const listener of listeners) listener(stored);
    },
    get listenerCount() {
      return listeners.size;
    },
  };
};

// Live-only feeds never read the stream: any use of Redis is a failure.
const noRedis = new Proxy({} as RedisClient, {
  get: () => {
    throw new Error('a live-only feed read Redis');
  },
});

/** A socket's send the test completes by hand: `release` lets the oldest waiting write finish. */
const heldSend = () => {
  const frames: string[] = [];
  const waiting: (() => void)[] = [];
  return {
    frames,
    send: (frame: string) =>
      new Promise<void>((resolve) => {
        frames.push(frame);
        waiting.push(resolve);
      }),
    release: () => waiting.shift()?.(),
  };
};

/** A socket that takes every frame at once. */
const openSend = () => {
  const frames: string[] = [];
  return {
    frames,
    send: async (frame: string) => {
      frames.push(frame);
    },
  };
};

/** Whether the n-th message is visible to the subscriber, known at once or later. */
type Visible = (n: number) => boolean | Promise<boolean>;

const setup = ({ capacity = 1_000, visible = (() => true) as Visible } = {}) => {
  const tail = fakeTail();
  const schema = makeExecutableSchema({
    typeDefs: `
      type Query { ok: Boolean }
      type Subscription { messages: Message! }
      type Message { eventId: ID! text: String }`,
    resolvers: {
      Subscription: {
        messages: {
          subscribe: () =>
            openEventFeed({
              tail,
              redis: noRedis,
              stream: eventStream({ prefix: 'test' }),
              matches: () => true,
              visible: (event) => visible('clock' in event ? Number(event.clock) : 0),
              capacity,
            }),
          resolve: (item: FeedItem) => {
            if (item.error) throw fromStatusError(item.error);
            return { eventId: item.stored.id, ...item.stored.event };
          },
        },
      },
    },
  });
  const delivery = createFrameDelivery();
  const subscribe = async (id: string, send: (frame: string) => Promise<void>) => {
    const query = `subscription { messages { eventId text } }`;
    const args: ExecutionArgs = { schema, document: parse(query), variableValues: {} };
    delivery.target(args, { id, request: { query }, send });
    const results = (await delivery.subscribe(args)) as AsyncIterableIterator<ExecutionResult>;
    // graphql-ws waits on `next` from the start; frames are written while it does.
    return { results, pending: results.next() };
  };
  const handOut = (n: number): StoredEvent => {
    const stored = { id: `1764000000000-${n}`, event: messageAdded(`0x02${'aa'.repeat(32)}`, 'general', n) };
    tail.handOut(stored);
    return stored;
  };
  return { tail, subscribe, handOut };
};

const idsOf = (frames: readonly string[]) =>
  frames.map(
    (frame) =>
      (JSON.parse(frame) as { payload: { data: { messages: { eventId: string } } } }).payload.data.messages
        .eventId,
  );
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `1764000000000-${from + i}`);
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('live events written straight to the socket', () => {
  it('writes a caught-up subscriber its event in the tick the tail hands it out', async () => {
    const { subscribe, handOut } = setup();
    const socket = openSend();
    await subscribe('a', socket.send);

    handOut(1);
    // No await between the hand-out and this check: no promise stands between the tail and the socket.
    expect(idsOf(socket.frames)).toEqual(range(1, 1));
    await settle();
    handOut(2);
    expect(idsOf(socket.frames)).toEqual(range(1, 2));
    expect(JSON.parse(socket.frames[0] ?? '')).toEqual({
      id: 'a',
      type: 'next',
      payload: { data: { messages: { eventId: '1764000000000-1', text: 'message 1' } } },
    });
  });

  it('gives a caught-up subscriber and one with a backlog every event in order, the second once its socket drains', async () => {
    const { subscribe, handOut } = setup();
    const fast = openSend();
    const slow = heldSend();
    await subscribe('fast', fast.send);
    await subscribe('slow', slow.send);

    for (let n = 1; n <= 5; n += 1) handOut(n);
    await settle();
    expect(idsOf(fast.frames)).toEqual(range(1, 5));
    // One write at a time: the slow socket holds the rest in its buffer.
    expect(idsOf(slow.frames)).toEqual(range(1, 1));

    for (let n = 1; n <= 4; n += 1) {
      slow.release();
      await settle();
    }
    expect(idsOf(slow.frames)).toEqual(range(1, 5));
    slow.release();
    await settle();
    // Caught up again: the next event goes out in the hand-out's tick.
    handOut(6);
    expect(idsOf(slow.frames)).toEqual(range(1, 6));
    expect(idsOf(fast.frames)).toEqual(range(1, 6));
  });

  it('ends a subscriber whose socket stops taking frames with SLOW_CONSUMER, the others carrying on', async () => {
    const { tail, subscribe, handOut } = setup({ capacity: 3 });
    const fast = openSend();
    const stuck = heldSend();
    await subscribe('fast', fast.send);
    const slow = await subscribe('stuck', stuck.send);

    for (let n = 1; n <= 10; n += 1) {
      handOut(n);
      await settle();
    }
    expect(idsOf(fast.frames)).toEqual(range(1, 10));
    expect(idsOf(stuck.frames)).toEqual(range(1, 1));

    // The socket takes the frame it held: the subscriber learns it fell too far behind.
    stuck.release();
    const step = await slow.pending;
    expect(step.done).toBe(false);
    expect(step.value?.errors?.[0]?.extensions?.['code']).toBe('SLOW_CONSUMER');
    expect(await slow.results.next()).toEqual({ done: true, value: undefined });
    expect(idsOf(stuck.frames)).toEqual(range(1, 1));
    expect(tail.listenerCount).toBe(1);
  });

  it('keeps the order when an event waits for its visibility, skipping the ones not visible', async () => {
    let allow!: (visible: boolean) => void;
    const later = new Promise<boolean>((resolve) => (allow = resolve));
    const { subscribe, handOut } = setup({
      visible: (n) => (n === 1 ? later : n !== 3),
    });
    const socket = openSend();
    await subscribe('a', socket.send);

    for (let n = 1; n <= 4; n += 1) handOut(n);
    await settle();
    expect(socket.frames).toEqual([]);
    allow(true);
    await settle();
    expect(idsOf(socket.frames)).toEqual(['1764000000000-1', '1764000000000-2', '1764000000000-4']);
  });

  it('closes the feed at once when graphql-ws ends the subscription while a write waits', async () => {
    const { tail, subscribe, handOut } = setup();
    const stuck = heldSend();
    const sub = await subscribe('a', stuck.send);
    handOut(1);
    handOut(2);

    await sub.results.return?.();
    expect(tail.listenerCount).toBe(0);
    expect(await sub.pending).toEqual({ done: true, value: undefined });
    stuck.release();
    await settle();
    expect(idsOf(stuck.frames)).toEqual(range(1, 1));
  });
});
