import { describe, expect, it } from '@jest/globals';
import { FilterSubscriptions } from './filter-subscriptions.js';

const PUBSUB = '/waku/2/rs/16/32';
const topics = (count: number, from = 0): string[] =>
  Array.from(
    { length: count },
    (_, index) => `/waku/1/0x${(from + index).toString(16).padStart(8, '0')}/rfc26`,
  );

describe('FilterSubscriptions', () => {
  it('finds the subscribers of a pubsub and content topic, and forgets them on unsubscribe', () => {
    const subscriptions = new FilterSubscriptions();
    const [a, b] = topics(2);
    expect(subscriptions.subscribe('peer-1', PUBSUB, [a!, b!], 0).ok).toBe(true);
    expect(subscriptions.subscribe('peer-2', PUBSUB, [a!], 0).ok).toBe(true);
    expect([...subscriptions.subscribersOf(PUBSUB, a!)]).toEqual(['peer-1', 'peer-2']);
    expect([...subscriptions.subscribersOf('/waku/2/rs/16/64', a!)]).toEqual([]);
    expect(subscriptions.size).toEqual({ subscribers: 2, criteria: 3 });

    expect(subscriptions.unsubscribe('peer-1', PUBSUB, [a!], 1).ok).toBe(true);
    expect([...subscriptions.subscribersOf(PUBSUB, a!)]).toEqual(['peer-2']);
    expect(subscriptions.unsubscribe('peer-1', PUBSUB, [a!], 1)).toMatchObject({
      ok: false,
      error: { statusCode: 404 },
    });
    expect(subscriptions.unsubscribeAll('peer-1').ok).toBe(true);
    expect(subscriptions.size).toEqual({ subscribers: 1, criteria: 1 });
    expect(subscriptions.unsubscribeAll('peer-1')).toMatchObject({ ok: false, error: { statusCode: 404 } });
  });

  it('counts a content topic subscribed twice once', () => {
    const subscriptions = new FilterSubscriptions();
    subscriptions.subscribe('peer', PUBSUB, topics(3), 0);
    subscriptions.subscribe('peer', PUBSUB, topics(3, 1), 0);
    expect(subscriptions.size).toEqual({ subscribers: 1, criteria: 4 });
  });

  it('refuses a peer past its criteria and a new peer past the subscribers with 503 as nwaku does, changing nothing', () => {
    const subscriptions = new FilterSubscriptions({
      maxSubscribers: 2,
      maxCriteriaPerSubscriber: 5,
      ttlMs: 1_000,
    });
    expect(subscriptions.subscribe('peer-1', PUBSUB, topics(4), 0).ok).toBe(true);
    expect(subscriptions.subscribe('peer-1', PUBSUB, topics(2, 4), 0)).toMatchObject({
      ok: false,
      error: { statusCode: 503, description: '6 content topics subscribed, at most 5 per peer' },
    });
    expect(subscriptions.subscribe('peer-2', PUBSUB, topics(1), 0).ok).toBe(true);
    expect(subscriptions.subscribe('peer-3', PUBSUB, topics(1), 0)).toMatchObject({
      ok: false,
      error: { statusCode: 503 },
    });
    // A subscriber already there may still add within its own limit.
    expect(subscriptions.subscribe('peer-2', PUBSUB, topics(1, 9), 0).ok).toBe(true);
    expect(subscriptions.size).toEqual({ subscribers: 2, criteria: 6 });
  });

  it('expires subscribers not heard from within the TTL; a ping keeps one alive', () => {
    const subscriptions = new FilterSubscriptions({
      maxSubscribers: 10,
      maxCriteriaPerSubscriber: 10,
      ttlMs: 1_000,
    });
    subscriptions.subscribe('quiet', PUBSUB, topics(1), 0);
    subscriptions.subscribe('pinging', PUBSUB, topics(1), 0);
    expect(subscriptions.ping('pinging', 800).ok).toBe(true);
    expect(subscriptions.ping('stranger', 800)).toMatchObject({ ok: false, error: { statusCode: 404 } });
    expect(subscriptions.expire(1_000)).toEqual([]);
    expect(subscriptions.expire(1_001)).toEqual(['quiet']);
    expect([...subscriptions.subscribersOf(PUBSUB, topics(1)[0]!)]).toEqual(['pinging']);
    expect(subscriptions.expire(1_801)).toEqual(['pinging']);
    expect(subscriptions.size).toEqual({ subscribers: 0, criteria: 0 });
  });
});
