import { describe, expect, it } from '@jest/globals';
import { newApiKeySecret } from './auth/api-key-secret.js';
import { apiConfig } from './config.js';

describe('api configuration', () => {
  it('has defaults for everything', () => {
    const parsed = apiConfig.parse({});
    expect(parsed.ok && parsed.value).toMatchObject({
      API_PORT: 4000,
      API_PATH: '/graphql',
      HEALTH_PORT: 9104,
      API_RATE_LIMIT_PER_MINUTE: 600,
      API_MAX_QUERY_DEPTH: 12,
      API_MAX_QUERY_COST: 50_000,
      API_MAX_QUERY_ALIASES: 100,
      API_KEY_CACHE_MS: 5_000,
      API_QUERY_CACHE_ENTRIES: 10_000,
      API_QUERY_CACHE_MAX_AGE_MS: 10_000,
      API_BOOTSTRAP_TENANT: 'platform',
    });
  });

  it('names every bad variable, and never prints the bootstrap token', () => {
    const parsed = apiConfig.parse({
      API_PATH: 'graphql',
      API_MAX_QUERY_DEPTH: '1',
      ADMIN_BOOTSTRAP_TOKEN: 'short',
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.problems.map((problem) => problem.variable).sort()).toEqual([
      'ADMIN_BOOTSTRAP_TOKEN',
      'API_MAX_QUERY_DEPTH',
      'API_PATH',
    ]);
    const token = newApiKeySecret().secret;
    const config = apiConfig.load({ ADMIN_BOOTSTRAP_TOKEN: token });
    expect(JSON.stringify(apiConfig.describe(config))).not.toContain(token);
  });
});
