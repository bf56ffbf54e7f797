import { describe, expect, it } from '@jest/globals';
import type { ApiProblem } from './errors.js';
import type { FeedEvent, FeedSink, FeedState } from './live-feed.js';
import { reconnectDelay, startResumableFeed } from './live-feed.js';

/** A transport whose openings the test drives by hand, and timers it fires by hand. */
const harness = () => {
  const openings: { after: string | undefined; sink: FeedSink; closed: boolean }[] = [];
  const timers: { run: () => void; ms: number; cleared: boolean }[] = [];
  const events: string[] = [];
  const states: { state: FeedState; codes?: string[] }[] = [];
  const feed = startResumableFeed(
    (after, sink) => {
      const opening = { after, sink, closed: false };
      openings.push(opening);
      return () => void (opening.closed = true);
    },
    {
      onEvent: (event) => events.push(event.eventId),
      onState: (state, problems?: readonly ApiProblem[]) =>
        states.push({ state, ...(problems ? { codes: problems.map((problem) => problem.code) } : {}) }),
    },
    {
      setTimeout: (run, ms) => {
        const timer = { run, ms, cleared: false };
        timers.push(timer);
        return timer;
      },
      clearTimeout: (handle) => {
        if (handle) (handle as { cleared: boolean }).cleared = true;
      },
    },
  );
  return { feed, openings, timers, events, states };
};

const event = (eventId: string): FeedEvent => ({
  eventId,
  type: 'MEMBER_JOINED',
  communityId: '0x02',
  occurredAt: '2026-12-07T12:00:00Z',
});

describe('the resumable live feed', () => {
  it('opens live-only, then after a drop resumes from the last eventId it delivered', () => {
    const { feed, openings, timers, events, states } = harness();
    expect(openings.map((opening) => opening.after)).toEqual([undefined]);
    openings[0]?.sink.connected();
    openings[0]?.sink.next(event('1-0'));
    openings[0]?.sink.next(event('1-1'));
    openings[0]?.sink.error([{ code: 'NETWORK', message: 'connection closed (1006)' }], false);
    expect(timers.map((timer) => timer.ms)).toEqual([500]);
    timers[0]?.run();
    expect(openings.map((opening) => opening.after)).toEqual([undefined, '1-1']);
    openings[1]?.sink.connected();
    openings[1]?.sink.next(event('1-2'));
    expect(events).toEqual(['1-0', '1-1', '1-2']);
    expect(states).toEqual([
      { state: 'connecting' },
      { state: 'live' },
      { state: 'reconnecting', codes: ['NETWORK'] },
      { state: 'reconnecting' },
      { state: 'live' },
    ]);
    expect(feed.lastEventId).toBe('1-2');
  });

  it('backs off while the API stays away, and starts over once connected', () => {
    const { openings, timers } = harness();
    for (let attempt = 0; attempt < 6; attempt += 1) {
      openings[attempt]?.sink.complete();
      timers[attempt]?.run();
    }
    expect(timers.map((timer) => timer.ms)).toEqual([500, 1000, 2000, 4000, 8000, 10_000]);
    openings[6]?.sink.connected();
    openings[6]?.sink.error([{ code: 'NETWORK', message: 'x' }], false);
    expect(timers[6]?.ms).toBe(500);
    expect(reconnectDelay(30)).toBe(10_000);
  });

  it('stops for good on a fatal failure (a revoked key) and says why', () => {
    const { openings, timers, states } = harness();
    openings[0]?.sink.error([{ code: 'UNAUTHENTICATED', message: 'Forbidden' }], true);
    expect(timers).toEqual([]);
    expect(states.at(-1)).toEqual({ state: 'stopped', codes: ['UNAUTHENTICATED'] });
  });

  it('restarts from live events when its cursor fell out of the stream (CURSOR_EXPIRED)', () => {
    const { openings, timers } = harness();
    openings[0]?.sink.next(event('1-0'));
    openings[0]?.sink.error([{ code: 'CURSOR_EXPIRED', message: 'gone' }], false);
    timers[0]?.run();
    expect(openings[1]?.after).toBeUndefined();
  });

  it('ignores what a closed opening still reports, and stop() closes the open one and the retry', () => {
    const { feed, openings, timers, events } = harness();
    openings[0]?.sink.error([{ code: 'NETWORK', message: 'x' }], false);
    openings[0]?.sink.next(event('late'));
    openings[0]?.sink.error([{ code: 'NETWORK', message: 'again' }], false);
    expect(events).toEqual([]);
    expect(timers).toHaveLength(1);
    timers[0]?.run();
    feed.stop();
    expect(openings[1]?.closed).toBe(true);
    openings[1]?.sink.next(event('after-stop'));
    expect(events).toEqual([]);
  });
});
