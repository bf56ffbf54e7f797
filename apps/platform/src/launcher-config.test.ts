import { describe, expect, it } from '@jest/globals';
import { launcherConfig } from './launcher-config.js';

describe('the launcher configuration', () => {
  it('has local-development defaults: a 2-node devnet, health ports from 9101, GraphQL on 4000, the console on 4100', () => {
    expect(launcherConfig.load({})).toEqual({
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/status_communities',
      REDIS_URL: 'redis://127.0.0.1:6379',
      PLATFORM_GATEWAYS: 1,
      PLATFORM_DEVNET_NODES: 2,
      PLATFORM_PORT_BASE: 9101,
      API_PORT: 4000,
      API_PATH: '/graphql',
      CONSOLE_PORT: 4100,
      PLATFORM_READY_TIMEOUT_SECONDS: 120,
      PLATFORM_STOP_TIMEOUT_SECONDS: 30,
      PLATFORM_LOG_FORMAT: 'pretty',
      PLATFORM_DEV_SECRETS_FILE: '.local/dev-secrets.env',
    });
  });

  it('names every bad variable and never prints the master key or a node key', () => {
    const result = launcherConfig.parse({
      REDIS_URL: 'http://cache',
      PLATFORM_DEVNET_NODES: '1',
      PLATFORM_LOG_FORMAT: 'xml',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.problems.map((problem) => problem.variable)).toEqual([
      'REDIS_URL',
      'PLATFORM_DEVNET_NODES',
      'PLATFORM_LOG_FORMAT',
    ]);
    const token = `sc_${'1'.repeat(12)}_${'B'.repeat(43)}`;
    const config = launcherConfig.load({
      KEYRING_MASTER_KEY: 'cd'.repeat(32),
      KEYRING_MASTER_KEY_ID: 'k1',
      ADMIN_BOOTSTRAP_TOKEN: token,
      WAKU_NODE_KEY: '9a'.repeat(32),
    });
    const described = JSON.stringify(
      launcherConfig.describe({ ...config, WEBHOOK_SECRET_KEY: 'ef'.repeat(32) }),
    );
    expect(described).not.toContain('ef'.repeat(32));
    expect(described).not.toContain('cd'.repeat(32));
    expect(described).not.toContain(token);
    expect(described).not.toContain('9a'.repeat(32));
  });
});
