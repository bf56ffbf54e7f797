import { pbkdf2, pbkdf2Sync } from 'node:crypto';
import { toPlainBytes, utf8ToBytes } from './bytes.js';

/** 65356, not 65536: status-go's constant really is this (SG wakuv2/waku.go AddSymKeyFromPassword). */
export const SYM_KEY_PBKDF2_ITERATIONS = 65356;
export const SYM_KEY_LENGTH = 32;

const EMPTY_SALT = new Uint8Array(0);

/**
 * Symmetric key of a chat ID: PBKDF2-HMAC-SHA256(password = UTF-8 chat ID, salt = empty, 65356, 32).
 * The chat-ID *string* is the password (e.g. the 68-char "0x02…" text). ~13 ms: cache it.
 * SG wakuv2/waku.go AddSymKeyFromPassword.
 */
export const deriveSymKey = (chatId: string): Uint8Array =>
  toPlainBytes(
    pbkdf2Sync(utf8ToBytes(chatId), EMPTY_SALT, SYM_KEY_PBKDF2_ITERATIONS, SYM_KEY_LENGTH, 'sha256'),
  );

/** The same derivation on libuv's thread pool, for callers that must not block the event loop. */
export const deriveSymKeyAsync = (chatId: string): Promise<Uint8Array> =>
  new Promise((resolve, reject) => {
    pbkdf2(
      utf8ToBytes(chatId),
      EMPTY_SALT,
      SYM_KEY_PBKDF2_ITERATIONS,
      SYM_KEY_LENGTH,
      'sha256',
      (error, key) => (error ? reject(error) : resolve(toPlainBytes(key))),
    );
  });

export interface SymKeyCacheOptions {
  /** Most keys kept; the least recently used is evicted beyond this (default 1024). */
  maxEntries?: number;
  /** Key derivation; injectable so tests can count derivations. */
  derive?: (chatId: string) => Uint8Array;
}

/** Bounded LRU of chat ID → symmetric key. Returns copies, so callers cannot corrupt the cache. */
export class SymKeyCache {
  readonly maxEntries: number;
  private readonly derive: (chatId: string) => Uint8Array;
  // A Map iterates in insertion order; re-inserting on each hit makes the first key the LRU one.
  private readonly keys = new Map<string, Uint8Array>();

  constructor({ maxEntries = 1024, derive = deriveSymKey }: SymKeyCacheOptions = {}) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1)
      throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
    this.maxEntries = maxEntries;
    this.derive = derive;
  }

  get size(): number {
    return this.keys.size;
  }

  has(chatId: string): boolean {
    return this.keys.has(chatId);
  }

  get(chatId: string): Uint8Array {
    let key = this.keys.get(chatId);
    if (key) {
      this.keys.delete(chatId);
    } else {
      key = this.derive(chatId);
      if (this.keys.size >= this.maxEntries) {
        const oldest = this.keys.keys().next();
        if (!oldest.done) this.keys.delete(oldest.value);
      }
    }
    this.keys.set(chatId, key);
    return key.slice();
  }

  clear(): void {
    this.keys.clear();
  }
}

/** Process-wide cache behind symKeyFor. */
export const defaultSymKeyCache = new SymKeyCache();

/** Symmetric key of a chat ID from the shared cache. */
export const symKeyFor = (chatId: string): Uint8Array => defaultSymKeyCache.get(chatId);
