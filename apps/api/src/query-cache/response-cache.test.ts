import { describe, expect, it } from '@jest/globals';
import { ResponseCache } from './response-cache.js';

const A = `0x02${'aa'.repeat(32)}`;
const B = `0x03${'bb'.repeat(32)}`;

const cacheAt = (options: { maxEntries?: number; maxAgeMs?: number } = {}) => {
  let now = 1_000;
  const cache = new ResponseCache<string>({
    maxEntries: options.maxEntries ?? 10,
    maxAgeMs: options.maxAgeMs ?? 5_000,
    clock: () => now,
  });
  return { cache, advance: (ms: number) => (now += ms) };
};

describe('ResponseCache', () => {
  it('serves what it kept until an event of its community', () => {
    const { cache } = cacheAt();
    expect(cache.set('q', A, cache.generation(A), 'answer')).toBe(true);
    expect(cache.get('q')).toBe('answer');
    cache.invalidate(B);
    expect(cache.get('q')).toBe('answer');
    cache.invalidate(A);
    expect(cache.get('q')).toBeUndefined();
  });

  it('does not keep an answer whose reading began before an event of its community', () => {
    const { cache } = cacheAt();
    const before = cache.generation(A);
    cache.invalidate(A);
    expect(cache.set('q', A, before, 'read before the event')).toBe(false);
    expect(cache.get('q')).toBeUndefined();
    expect(cache.set('q', A, cache.generation(A), 'read after')).toBe(true);
    expect(cache.get('q')).toBe('read after');
  });

  it('retires everything on invalidateAll, including answers being read', () => {
    const { cache } = cacheAt();
    cache.invalidate(A);
    cache.invalidate(A);
    cache.set('a', A, cache.generation(A), 'a');
    const readingB = cache.generation(B);
    cache.invalidateAll();
    expect(cache.get('a')).toBeUndefined();
    expect(cache.set('b', B, readingB, 'b')).toBe(false);
    // Generations keep growing: none taken after equals one taken before.
    expect(cache.generation(A)).toBeGreaterThan(readingB);
    expect(cache.generation(B)).toBeGreaterThan(readingB);
  });

  it('reads again an answer older than the maximum age', () => {
    const { cache, advance } = cacheAt({ maxAgeMs: 100 });
    cache.set('q', A, cache.generation(A), 'answer');
    advance(99);
    expect(cache.get('q')).toBe('answer');
    advance(1);
    expect(cache.get('q')).toBeUndefined();
  });

  it('drops the least recently used answer past its size', () => {
    const { cache } = cacheAt({ maxEntries: 2 });
    cache.set('one', A, cache.generation(A), '1');
    cache.set('two', A, cache.generation(A), '2');
    expect(cache.get('one')).toBe('1');
    cache.set('three', B, cache.generation(B), '3');
    expect(cache.size).toBe(2);
    expect(cache.get('two')).toBeUndefined();
    expect(cache.get('one')).toBe('1');
    expect(cache.get('three')).toBe('3');
  });

  it('keeps nothing with room for nothing', () => {
    const { cache } = cacheAt({ maxEntries: 0 });
    expect(cache.set('q', A, cache.generation(A), 'answer')).toBe(false);
    expect(cache.get('q')).toBeUndefined();
  });
});
