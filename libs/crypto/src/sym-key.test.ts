import { describe, expect, it } from '@jest/globals';
import { bytesToHex } from './bytes.js';
import { SymKeyCache, defaultSymKeyCache, deriveSymKey, deriveSymKeyAsync, symKeyFor } from './sym-key.js';
import { vectors } from './testing/vectors.js';

describe('deriveSymKey', () => {
  const symmetricTopics = vectors.contentTopics.flatMap((t) =>
    t.symKey === null ? [] : [[t.use, t.chatId, t.symKey]],
  );

  it('covers every vector that has a symmetric key (7 of them)', () => {
    expect(symmetricTopics).toHaveLength(7);
  });

  it.each(symmetricTopics)('matches the %s vector', (_use, chatId, symKey) => {
    expect(bytesToHex(deriveSymKey(chatId ?? ''))).toBe(symKey);
  });

  it('derives the same key on the thread pool', async () => {
    const topic = vectors.contentTopics[0];
    if (!topic?.symKey) throw new Error('vector missing');
    expect(bytesToHex(await deriveSymKeyAsync(topic.chatId))).toBe(topic.symKey);
  });

  it('returns a plain 32-byte Uint8Array', () => {
    const key = deriveSymKey('x');
    expect(key).toHaveLength(32);
    expect(Object.getPrototypeOf(key)).toBe(Uint8Array.prototype);
  });
});

/** A cache whose derivation is a cheap fake so LRU behaviour can be counted. */
const countingCache = (maxEntries: number): { cache: SymKeyCache; derived: string[] } => {
  const derived: string[] = [];
  const cache = new SymKeyCache({
    maxEntries,
    derive: (chatId) => {
      derived.push(chatId);
      return new Uint8Array(32).fill(chatId.charCodeAt(0));
    },
  });
  return { cache, derived };
};

describe('SymKeyCache', () => {
  it('derives once per chat ID while cached', () => {
    const { cache, derived } = countingCache(4);
    cache.get('a');
    cache.get('a');
    cache.get('b');
    cache.get('a');
    expect(derived).toEqual(['a', 'b']);
    expect(cache.size).toBe(2);
  });

  it('evicts the least recently used entry beyond maxEntries', () => {
    const { cache, derived } = countingCache(2);
    cache.get('a');
    cache.get('b');
    cache.get('a'); // a is now most recent, b least
    cache.get('c'); // evicts b
    expect(cache.has('a')).toBe(true);
    expect(cache.has('b')).toBe(false);
    expect(cache.has('c')).toBe(true);
    expect(cache.size).toBe(2);
    cache.get('b'); // derived again, evicts a
    expect(derived).toEqual(['a', 'b', 'c', 'b']);
    expect(cache.has('a')).toBe(false);
  });

  it('hands out copies so a caller cannot corrupt the cached key', () => {
    const { cache } = countingCache(2);
    const first = cache.get('a');
    first.fill(0);
    expect(cache.get('a')[0]).toBe('a'.charCodeAt(0));
  });

  it('clears', () => {
    const { cache, derived } = countingCache(2);
    cache.get('a');
    cache.clear();
    expect(cache.size).toBe(0);
    cache.get('a');
    expect(derived).toEqual(['a', 'a']);
  });

  it('rejects a non-positive maxEntries', () => {
    expect(() => new SymKeyCache({ maxEntries: 0 })).toThrow(RangeError);
    expect(() => new SymKeyCache({ maxEntries: 1.5 })).toThrow(RangeError);
  });

  it('defaults to 1024 entries and the real pbkdf2 derivation', () => {
    expect(new SymKeyCache().maxEntries).toBe(1024);
    const topic = vectors.contentTopics[0];
    if (!topic?.symKey) throw new Error('vector missing');
    expect(bytesToHex(symKeyFor(topic.chatId))).toBe(topic.symKey);
    expect(defaultSymKeyCache.has(topic.chatId)).toBe(true);
  });
});
