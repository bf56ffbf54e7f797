import type { ApiScope, PrismaClient } from '@status-communities/db';
import { apiKeyPrefix, hashApiKey } from './api-key-secret.js';

/** A key as authentication needs it. */
export interface ActiveKey {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly tenantId: string;
  readonly scopes: readonly ApiScope[];
  readonly communityId: string | null;
  readonly rateLimit: number | null;
}

export interface KeyStore {
  /** The active key (not revoked, not expired, tenant enabled) for a presented secret, or null. */
  find(secret: string): Promise<ActiveKey | null>;
  /** Drops what is remembered of a key (base64 sha256 of its secret, keyCacheId): its next use reads the database. */
  forget(keyHash: string): void;
}

/** How the cache names a key: the base64 of the sha256 of its secret, as stored in `api_keys.key_hash`. */
export const keyCacheId = (keyHash: Uint8Array): string => Buffer.from(keyHash).toString('base64');

/** `last_used_at` is written at most this often per key and instance. */
const LAST_USED_EVERY_MS = 60_000;

/**
 * Looks keys up by the sha256 of the secret (unique index), remembering answers for `cacheMs` (API_KEY_CACHE_MS) so a busy
 * client costs one query every few seconds, not one per request.
 */
export const createKeyStore = (prisma: PrismaClient, clock: () => number, cacheMs: number): KeyStore => {
  const cache = new Map<string, { key: ActiveKey | null; until: number }>();
  const lastUsedWritten = new Map<string, number>();

  const touch = (id: string, now: number): void => {
    if ((lastUsedWritten.get(id) ?? 0) > now - LAST_USED_EVERY_MS) return;
    lastUsedWritten.set(id, now);
    // Best effort: a lost update only makes last_used_at older.
    void prisma.apiKey.update({ where: { id }, data: { lastUsedAt: new Date(now) } }).catch(() => undefined);
  };

  const load = async (keyHash: Uint8Array<ArrayBuffer>, now: number): Promise<ActiveKey | null> => {
    const row = await prisma.apiKey.findUnique({
      where: { keyHash },
      include: { tenant: { select: { disabledAt: true } } },
    });
    if (!row || row.revokedAt || row.tenant.disabledAt) return null;
    if (row.expiresAt && row.expiresAt.getTime() <= now) return null;
    return {
      id: row.id,
      name: row.name,
      prefix: row.prefix,
      tenantId: row.tenantId,
      scopes: row.scopes,
      communityId: row.communityId,
      rateLimit: row.rateLimit,
    };
  };

  return {
    find: async (secret) => {
      if (apiKeyPrefix(secret) === null) return null;
      const now = clock();
      // Remembered by hash: no secret is kept in memory past the request.
      const keyHash = hashApiKey(secret);
      const cacheKey = keyCacheId(keyHash);
      const cached = cache.get(cacheKey);
      const key = cached && cached.until > now ? cached.key : await load(keyHash, now);
      if (!cached || cached.until <= now) {
        if (cache.size > 10_000) cache.clear();
        cache.set(cacheKey, { key, until: now + cacheMs });
      }
      if (key) touch(key.id, now);
      return key;
    },
    forget: (keyHash) => void cache.delete(keyHash),
  };
};
