import { describe, expect, it } from '@jest/globals';
import { PeerRateLimiter } from './rate-limit.js';

describe('PeerRateLimiter', () => {
  it('lets a burst through, then the sustained rate, per peer', () => {
    const limiter = new PeerRateLimiter({ perSecond: 2, burst: 3 });
    expect([0, 0, 0, 0].map(() => limiter.take('a', 0))).toEqual([true, true, true, false]);
    expect(limiter.take('b', 0)).toBe(true);
    expect(limiter.take('a', 499)).toBe(false);
    expect(limiter.take('a', 500)).toBe(true);
    expect(limiter.take('a', 500)).toBe(false);
  });

  it('forgets peers whose bucket has refilled', () => {
    const limiter = new PeerRateLimiter({ perSecond: 2, burst: 2 });
    limiter.take('a', 0);
    limiter.take('b', 900);
    limiter.prune(1_000);
    expect(limiter.peers).toBe(1);
  });
});
