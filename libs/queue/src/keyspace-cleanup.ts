import type { Redis } from 'ioredis';
import { checkKeyPrefix } from './keyspace.js';

/** Deletes every key under `prefix:` (test runs, a torn-down deployment). Returns how many were deleted. */
export const deleteKeyspace = async (redis: Redis, prefix: string): Promise<number> => {
  const pattern = `${checkKeyPrefix(prefix)}:*`;
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
};
