import { describe, expect, it } from '@jest/globals';
import { DEFAULT_INDEXER_HEALTH_PORT, indexerConfig } from './config.js';

describe('indexer configuration', () => {
  it('has defaults for one machine', () => {
    const config = indexerConfig.load({});
    expect(config).toMatchObject({
      SERVICE_NAME: 'indexer',
      HEALTH_PORT: DEFAULT_INDEXER_HEALTH_PORT,
      REDIS_KEY_PREFIX: 'sc',
      INDEXER_CONCURRENCY: 512,
      INDEXER_BATCH_SIZE: 256,
      INDEXER_BATCH_WAIT_MS: 20,
      INDEXER_DECODE_THREAD: true,
      INDEXER_LOCK_DURATION_MS: 30_000,
      INDEXER_STALLED_INTERVAL_MS: 30_000,
      INDEXER_ROUTES_REFRESH_SECONDS: 60,
      INDEXER_OUTBOX_SWEEP_SECONDS: 10,
      INDEXER_HOLD_MAX_MESSAGES: 1_000,
      INDEXER_HOLD_MAX_BYTES: 1_048_576,
      INDEXER_HOLD_MAX_AGE_SECONDS: 600,
      INDEXER_HOLD_SWEEP_SECONDS: 30,
    });
  });

  it('names every bad variable at once', () => {
    const parsed = indexerConfig.parse({
      REDIS_KEY_PREFIX: '{sc}',
      INDEXER_BATCH_SIZE: '0',
      INDEXER_DECODE_THREAD: 'sometimes',
      DATABASE_URL: 'mysql://localhost/db',
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.problems.map((problem) => problem.variable).sort()).toEqual([
      'DATABASE_URL',
      'INDEXER_BATCH_SIZE',
      'INDEXER_DECODE_THREAD',
      'REDIS_KEY_PREFIX',
    ]);
  });
});
