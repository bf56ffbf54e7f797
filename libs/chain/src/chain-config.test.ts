import { describe, expect, it } from '@jest/globals';
import { defineEnvConfig } from '@status-communities/config';
import { chainVariables } from './chain-config.js';

const config = defineEnvConfig({ name: 'test', variables: chainVariables });

describe('CHAIN_RPC_URLS', () => {
  it('reads chain id = URL pairs', () => {
    const parsed = config.parse({ CHAIN_RPC_URLS: '1=https://eth.example/v1, 10=http://127.0.0.1:8545' });
    expect(parsed.ok && parsed.value).toEqual({
      CHAIN_RPC_URLS: new Map([
        ['1', 'https://eth.example/v1'],
        ['10', 'http://127.0.0.1:8545'],
      ]),
      CHAIN_RPC_TIMEOUT_MS: 10_000,
      CHAIN_CACHE_TTL_MS: 30_000,
    });
  });

  it('is empty when unset', () => {
    const parsed = config.parse({});
    expect(parsed.ok && parsed.value.CHAIN_RPC_URLS).toEqual(new Map());
  });

  it.each(['1=ftp://x', 'mainnet=https://x', '0=https://x', '1=https://a,1=https://b', '1'])(
    'refuses %s',
    (value) => {
      const parsed = config.parse({ CHAIN_RPC_URLS: value });
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error.message).toContain('CHAIN_RPC_URLS');
    },
  );
});
