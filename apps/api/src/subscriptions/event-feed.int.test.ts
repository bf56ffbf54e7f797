import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@status-communities/errors';
import {
  appendEvent,
  closeRedis,
  createRedisConnection,
  deleteKeyspace,
  eventStream,
} from '@status-communities/queue';
import type { DomainEvent, EventStream } from '@status-communities/queue';
import { waitFor } from '@status-communities/testing';
import { communityIdOf, memberJoined, messageAdded } from '../testing/domain-events.js';
import { openEventFeed } from './event-feed.js';
import type { FeedItem } from './event-feed.js';
import { matchesFilter } from './event-filter.js';
import type { EventFilter } from './event-filter.js';
import { EventStreamTail } from './stream-tail.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const prefix = `test-api-feed-${randomUUID()}`;
const A = communityIdOf(1);
const B = communityIdOf(2);

/** Reads a feed in the background, keeping what it yields. */
const collect = (feed: AsyncIterableIterator<FeedItem>) => {
  const items: FeedItem[] = [];
  const done = (async () => {
    for await (const item of feed) items.push(item);
  })();
  return { items, done, events: () => items.flatMap((item) => (item.stored ? [item.stored.event] : [])) };
};

describe('event feeds over the real event stream', () => {
  const redis = createRedisConnection(REDIS_URL);
  const tails: EventStreamTail[] = [];
  let streams = 0;
  const freshStream = (maxLen?: number): EventStream =>
    eventStream({ prefix: `${prefix}-${(streams += 1)}`, ...(maxLen === undefined ? {} : { maxLen }) });
  const startTail = async (stream: EventStream): Promise<EventStreamTail> => {
    const tail = await EventStreamTail.start({
      redis: createRedisConnection(REDIS_URL),
      stream,
      blockMs: 1_000,
      onError: (error) => {
        throw error;
      },
    });
    tails.push(tail);
    return tail;
  };
  const feedOf = (tail: EventStreamTail, stream: EventStream, filter: EventFilter, extra = {}) =>
    openEventFeed({
      tail,
      redis,
      stream,
      matches: (event) => matchesFilter(event, filter),
      visible: async () => true,
      capacity: 1_000,
      ...extra,
    });

  beforeAll(() => redis.connect());
  afterAll(async () => {
    await Promise.all(tails.map((tail) => tail.close()));
    for (let n = 1; n <= streams; n += 1) await deleteKeyspace(redis, `${prefix}-${n}`);
    await closeRedis(redis);
  });

  it('gives live events filtered by community, channel and type', async () => {
    const stream = freshStream();
    const tail = await startTail(stream);
    const byCommunity = collect(feedOf(tail, stream, { communityId: A }));
    const byChannel = collect(feedOf(tail, stream, { communityId: A, channelId: 'general' }));
    const joinsOnly = collect(feedOf(tail, stream, { types: new Set(['member.joined'] as const) }));
    await waitFor('three listeners', () => tail.listenerCount === 3);

    const sent: DomainEvent[] = [
      memberJoined(A, 1),
      messageAdded(A, 'general', 2),
      messageAdded(A, 'random', 3),
      messageAdded(B, 'general', 4),
      memberJoined(B, 5),
    ];
    for (const event of sent) await appendEvent(redis, event, stream);

    await waitFor('every feed', () => joinsOnly.items.length === 2 && byCommunity.items.length === 3);
    await waitFor('the channel feed', () => byChannel.items.length === 1);
    expect(byCommunity.events()).toEqual([sent[0], sent[1], sent[2]]);
    expect(byChannel.events()).toEqual([sent[1]]);
    expect(joinsOnly.events()).toEqual([sent[0], sent[4]]);
  });

  it('resumes after an id with the backlog, then live events, with no gap and no repeat while events keep coming', async () => {
    const stream = freshStream();
    const ids: string[] = [];
    const append = async (n: number) => ids.push(await appendEvent(redis, memberJoined(A, n), stream));
    for (let n = 1; n <= 300; n += 1) await append(n);
    const tail = await startTail(stream);
    // Events keep arriving while the feed reads its backlog (small pages, so the switch happens mid-flow).
    const producing = (async () => {
      for (let n = 301; n <= 600; n += 1) await append(n);
    })();
    const resumed = collect(feedOf(tail, stream, {}, { after: ids[99], pageSize: 7 }));
    await producing;

    await waitFor('events 101 to 600', () => resumed.items.length >= 500, { timeoutMs: 20_000 });
    expect(resumed.items.map((item) => item.stored?.id)).toEqual(ids.slice(100));
    expect(resumed.events()).toEqual(Array.from({ length: 500 }, (_, i) => memberJoined(A, i + 101)));
  });

  it('delivers every event to the subscribers of two separate tails (two API instances)', async () => {
    const stream = freshStream();
    const [first, second] = [await startTail(stream), await startTail(stream)];
    const one = collect(feedOf(first, stream, {}));
    const two = collect(feedOf(second, stream, {}));
    const three = collect(feedOf(second, stream, {}));
    await waitFor('listeners', () => first.listenerCount === 1 && second.listenerCount === 2);

    const sent = Array.from({ length: 50 }, (_, i) => memberJoined(A, i));
    for (const event of sent) await appendEvent(redis, event, stream);

    await waitFor('all three', () => [one, two, three].every((feed) => feed.items.length === 50));
    for (const feed of [one, two, three]) expect(feed.events()).toEqual(sent);
  });

  it('closes a subscriber that falls behind by more than its capacity with SLOW_CONSUMER, keeping the others', async () => {
    const stream = freshStream();
    const tail = await startTail(stream);
    const slow = feedOf(tail, stream, {}, { capacity: 5 });
    const fast = collect(feedOf(tail, stream, {}));
    // The slow subscriber asks for its first event, then reads nothing more until 20 have come.
    const first = slow.next();
    await waitFor('listeners', () => tail.listenerCount === 2);
    for (let n = 1; n <= 20; n += 1) await appendEvent(redis, memberJoined(A, n), stream);
    await waitFor('the fast subscriber', () => fast.items.length === 20);

    expect((await first).value).toMatchObject({ stored: { event: memberJoined(A, 1) } });
    const next = await slow.next();
    expect(next.value?.error).toMatchObject({ code: ErrorCode.SLOW_CONSUMER, details: { capacity: 5 } });
    expect(await slow.next()).toEqual({ done: true, value: undefined });
    expect(tail.listenerCount).toBe(1);
  });

  it('leaves no listener behind when the subscriber stops while waiting for an event', async () => {
    const stream = freshStream();
    const tail = await startTail(stream);
    const feed = feedOf(tail, stream, {});
    const waiting = feed.next();
    await waitFor('a listener', () => tail.listenerCount === 1);

    await feed.return?.();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(tail.listenerCount).toBe(0);
  });

  it('refuses a cursor older than the oldest kept event, and one after the newest', async () => {
    const stream = freshStream(10);
    const first = await appendEvent(redis, memberJoined(A, 0), stream);
    for (let n = 1; n <= 300; n += 1) await appendEvent(redis, memberJoined(A, n), stream);
    const tail = await startTail(stream);

    const expired = await feedOf(tail, stream, {}, { after: first }).next();
    expect(expired.value?.error).toMatchObject({ code: ErrorCode.CURSOR_EXPIRED });
    const future = await feedOf(tail, stream, {}, { after: `${Date.now() + 60_000}-0` }).next();
    expect(future.value?.error).toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
    expect(tail.listenerCount).toBe(0);
  });
});
