import { z } from 'zod';
import type { Logger } from '@status-communities/observability';
import { listenForNotices, publishNotice, redisKeys } from '@status-communities/queue';
import type { RedisClient } from '@status-communities/queue';

/** A revoked API key: its id (WebSockets are held by id) and the base64 sha256 of its secret (the cache key). */
export interface RevokedKey {
  readonly id: string;
  readonly keyHash: string;
}

const revokedKeyNotice = z.object({ id: z.string().min(1), keyHash: z.string().min(1) });

export type RevokedKeyListener = (key: RevokedKey) => void;

/**
 * Revocations reach every api instance at once over Redis pub/sub: each drops the key from its KeyStore cache
 * and closes the key's WebSockets, instead of serving the key until its cache entry expires (API_KEY_CACHE_MS)
 * and its subscriptions for as long as they stay open.
 */
export interface KeyRevocations {
  /**
   * Tells this instance's listeners at once, then every other instance. A notice that cannot be published
   * (Redis down) is logged: the revocation is stored, and other instances' caches expire within API_KEY_CACHE_MS.
   */
  announce(key: RevokedKey): Promise<void>;
  /** Called for every key revoked anywhere, this instance's included (a second call for one key is harmless). */
  onRevoked(listener: RevokedKeyListener): void;
  /** Hears other instances' notices on `subscriber` (a connection of its own) until the returned close. */
  listen(subscriber: RedisClient): Promise<() => Promise<void>>;
}

export const createKeyRevocations = (
  publisher: RedisClient,
  prefix: string,
  logger: Logger,
): KeyRevocations => {
  const channel = redisKeys(prefix).apiKeyRevoked;
  const listeners: RevokedKeyListener[] = [];
  const tell = (key: RevokedKey): void => {
    for (const listener of listeners) listener(key);
  };
  return {
    announce: async (key) => {
      tell(key);
      try {
        await publishNotice(publisher, channel, key);
      } catch (error) {
        logger.warn({ err: error, keyId: key.id }, 'API key revocation not announced to other instances');
      }
    },
    onRevoked: (listener) => void listeners.push(listener),
    listen: (subscriber) =>
      listenForNotices(subscriber, channel, revokedKeyNotice, {
        onNotice: tell,
        onInvalid: () => logger.warn({ channel }, 'malformed API key revocation notice ignored'),
      }),
  };
};
