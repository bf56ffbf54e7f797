import { makeExecutableSchema } from '@graphql-tools/schema';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'graphql';
import type { ExecutionArgs, ExecutionResult } from 'graphql';
import { ErrorCode, StatusError } from '@status-communities/errors';
import type { StoredEvent } from '@status-communities/queue';
import { fromStatusError } from '../errors/api-error.js';
import { messageAdded } from '../testing/domain-events.js';
import type { FeedItem } from './event-feed.js';
import { createFrameDelivery } from './frame-delivery.js';

/** A feed the test drives: items are handed over one by one; `closed` tells whether `return` reached it. */
const manualFeed = () => {
  const waiting: ((step: IteratorResult<FeedItem>) => void)[] = [];
  const feed = {
    closed: false,
    push: (item: FeedItem) => waiting.shift()?.({ done: false, value: item }),
    next: () => new Promise<IteratorResult<FeedItem>>((resolve) => waiting.push(resolve)),
    return: async () => {
      feed.closed = true;
      for (const resolve of waiting.splice(0)) resolve({ done: true, value: undefined });
      return { done: true as const, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return feed;
    },
  };
  return feed;
};

const setup = () => {
  let executions = 0;
  const feeds: ReturnType<typeof manualFeed>[] = [];
  const schema = makeExecutableSchema({
    typeDefs: `
      type Query { ok: Boolean }
      type Subscription { messages(channelId: String): Message! }
      type Message { eventId: ID! text: String channelId: String }`,
    resolvers: {
      Subscription: {
        messages: {
          subscribe: () => {
            const feed = manualFeed();
            feeds.push(feed);
            return feed;
          },
          resolve: (item: FeedItem) => {
            executions += 1;
            if (item.error) throw fromStatusError(item.error);
            return { eventId: item.stored.id, ...item.stored.event };
          },
        },
      },
    },
  });
  const delivery = createFrameDelivery();
  const subscribe = async (id: string, query: string, variables: Record<string, unknown> = {}) => {
    const frames: string[] = [];
    const args: ExecutionArgs = { schema, document: parse(query), variableValues: variables };
    delivery.target(args, {
      id,
      request: { query, variables },
      send: async (frame) => {
        frames.push(frame);
      },
    });
    const results = (await delivery.subscribe(args)) as AsyncIterableIterator<ExecutionResult>;
    return { frames, results, pending: results.next() };
  };
  return { subscribe, feeds, executions: () => executions };
};

const stored = (n: number, channelId = 'general'): StoredEvent => ({
  id: `1764000000000-${n}`,
  event: messageAdded(`0x02${'aa'.repeat(32)}`, channelId, n),
});
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('frames of many subscriptions to one event', () => {
  it('executes each event once per shape and gives every subscriber its own id and selection', async () => {
    const { subscribe, feeds, executions } = setup();
    const texts = `subscription ($channel: String) { messages(channelId: $channel) { eventId text } }`;
    const ids = `subscription { messages { eventId channelId } }`;
    const first = await subscribe('a', texts, { channel: 'general' });
    const second = await subscribe('b"2', texts, { channel: 'random' });
    const third = await subscribe('c', ids);

    const event = stored(1);
    for (const feed of feeds) feed.push({ stored: event });
    await settle();

    expect(executions()).toBe(2);
    expect(first.frames.map((frame) => JSON.parse(frame))).toEqual([
      { id: 'a', type: 'next', payload: { data: { messages: { eventId: event.id, text: 'message 1' } } } },
    ]);
    expect(second.frames.map((frame) => JSON.parse(frame))).toEqual([
      { id: 'b"2', type: 'next', payload: { data: { messages: { eventId: event.id, text: 'message 1' } } } },
    ]);
    expect(third.frames.map((frame) => JSON.parse(frame))).toEqual([
      { id: 'c', type: 'next', payload: { data: { messages: { eventId: event.id, channelId: 'general' } } } },
    ]);
  });

  it('shares nothing between two events, even of equal content', async () => {
    const { subscribe, feeds } = setup();
    const query = `subscription { messages { eventId } }`;
    const one = await subscribe('1', query);
    const other = await subscribe('2', query);
    feeds[0]?.push({ stored: stored(1) });
    feeds[1]?.push({ stored: stored(2) });
    await settle();
    expect(JSON.parse(one.frames[0] ?? '').payload.data.messages.eventId).toBe(stored(1).id);
    expect(JSON.parse(other.frames[0] ?? '').payload.data.messages.eventId).toBe(stored(2).id);
  });

  it('hands the error that ends a feed to graphql-ws, for that subscriber only', async () => {
    const { subscribe, feeds } = setup();
    const query = `subscription { messages { eventId } }`;
    const slow = await subscribe('1', query);
    await subscribe('2', query);
    feeds[0]?.push({ error: new StatusError(ErrorCode.SLOW_CONSUMER, 'too slow') });
    const step = await slow.pending;
    expect(step.done).toBe(false);
    expect(step.value?.errors?.[0]?.extensions?.['code']).toBe('SLOW_CONSUMER');
    expect(slow.frames).toEqual([]);
  });

  it('closes the feed at once when graphql-ws ends the subscription while it waits for an event', async () => {
    const { subscribe, feeds } = setup();
    const sub = await subscribe('1', `subscription { messages { eventId } }`);
    await sub.results.return?.();
    expect(feeds[0]?.closed).toBe(true);
    expect(await sub.pending).toEqual({ done: true, value: undefined });
  });
});
