import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { ErrorCode } from '@status-communities/errors';
import {
  ConfigError,
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  defineServiceConfig,
  envBoolean,
  envInteger,
  envList,
  envPort,
  envString,
  envUrl,
} from './index.js';

const gatewayConfig = defineServiceConfig({
  serviceName: 'waku-gateway',
  healthPort: 9101,
  variables: {
    WAKU_SHARDS: envList(z.coerce.number().int().min(0).max(1023), [32, 64, 128, 256]),
    WAKU_BOOTSTRAP_PEERS: envList(z.string().startsWith('/'), []),
    STORE_RETENTION_DAYS: envInteger({ min: 1, max: 3650, defaultValue: 30 }),
    STORE_ENABLED: envBoolean(true),
  },
});

const publisherConfig = defineServiceConfig({
  serviceName: 'publisher',
  variables: { KEYRING_MASTER_KEY: envString(), WEBHOOK_URL: envUrl(['https']) },
  secrets: ['KEYRING_MASTER_KEY'],
});

describe('service configuration from the environment', () => {
  it('gives every shared and own variable its local-development default', () => {
    const config = gatewayConfig.load({});
    expect(config).toEqual({
      SERVICE_NAME: 'waku-gateway',
      LOG_LEVEL: 'info',
      DATABASE_URL: DEFAULT_DATABASE_URL,
      REDIS_URL: DEFAULT_REDIS_URL,
      HEALTH_PORT: 9101,
      WAKU_SHARDS: [32, 64, 128, 256],
      WAKU_BOOTSTRAP_PEERS: [],
      STORE_RETENTION_DAYS: 30,
      STORE_ENABLED: true,
    });
    expect(DEFAULT_REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(DEFAULT_DATABASE_URL).toBe('postgresql://postgres@127.0.0.1:5432/status_communities');
  });

  it('parses values into their types and ignores unrelated variables', () => {
    const config = gatewayConfig.load({
      SERVICE_NAME: 'gateway-b',
      LOG_LEVEL: 'debug',
      DATABASE_URL: 'postgres://u:p@db:5432/sc',
      REDIS_URL: 'rediss://cache:6380',
      HEALTH_PORT: '0',
      WAKU_SHARDS: '32, 64,,1',
      WAKU_BOOTSTRAP_PEERS: '/ip4/127.0.0.1/tcp/60000/p2p/16Uiu2',
      STORE_RETENTION_DAYS: '90',
      STORE_ENABLED: 'no',
      PATH: '/usr/bin',
    });
    expect(config).toEqual({
      SERVICE_NAME: 'gateway-b',
      LOG_LEVEL: 'debug',
      DATABASE_URL: 'postgres://u:p@db:5432/sc',
      REDIS_URL: 'rediss://cache:6380',
      HEALTH_PORT: 0,
      WAKU_SHARDS: [32, 64, 1],
      WAKU_BOOTSTRAP_PEERS: ['/ip4/127.0.0.1/tcp/60000/p2p/16Uiu2'],
      STORE_RETENTION_DAYS: 90,
      STORE_ENABLED: false,
    });
    expect(gatewayConfig.variableNames).toContain('WAKU_SHARDS');
    expect(gatewayConfig.variableNames).not.toContain('PATH');
  });

  it('treats an empty value as unset', () => {
    expect(gatewayConfig.load({ REDIS_URL: '', HEALTH_PORT: '' })).toMatchObject({
      REDIS_URL: DEFAULT_REDIS_URL,
      HEALTH_PORT: 9101,
    });
  });

  it('names every bad variable at once, without echoing values', () => {
    const result = gatewayConfig.parse({
      LOG_LEVEL: 'loud',
      REDIS_URL: 'http://user:hunter2@cache:6379',
      DATABASE_URL: 'not a url',
      HEALTH_PORT: '70000',
      WAKU_SHARDS: '32,abc',
      STORE_RETENTION_DAYS: '1.5',
      STORE_ENABLED: 'maybe',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const error = result.error;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.code).toBe(ErrorCode.INVALID_CONFIG);
    expect(error.problems.map((problem) => problem.variable)).toEqual([
      'LOG_LEVEL',
      'DATABASE_URL',
      'REDIS_URL',
      'HEALTH_PORT',
      'WAKU_SHARDS',
      'STORE_RETENTION_DAYS',
      'STORE_ENABLED',
    ]);
    expect(error.message).toContain('Invalid configuration for waku-gateway (7 variables):');
    expect(error.message).toContain(
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
    );
    expect(error.message).toContain(
      'REDIS_URL: must be a redis:// or rediss:// URL, or redis+cluster://host:port,host:port,…',
    );
    expect(error.message).toContain('DATABASE_URL: must be a postgres:// or postgresql:// URL');
    expect(error.message).toContain('HEALTH_PORT: must be a port from 0 to 65535');
    expect(error.message).toContain(
      'WAKU_SHARDS: item 2 of the list: Invalid input: expected number, received NaN',
    );
    expect(error.message).toContain('STORE_RETENTION_DAYS: must be an integer');
    expect(error.message).toContain('STORE_ENABLED: must be true or false');
    expect(error.message).not.toContain('hunter2');
  });

  it('reports a required variable that is missing as not set, and throws at load', () => {
    const result = publisherConfig.parse({ WEBHOOK_URL: 'http://insecure.example' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.problems).toEqual([
      { variable: 'KEYRING_MASTER_KEY', problem: 'is required but not set' },
      { variable: 'WEBHOOK_URL', problem: 'must be a https:// URL' },
    ]);
    expect(() => publisherConfig.load({})).toThrow(ConfigError);
    expect(() => publisherConfig.load({})).toThrow(/KEYRING_MASTER_KEY: is required but not set/);
  });

  it('describes a configuration for logs with secrets and URL passwords hidden', () => {
    const config = publisherConfig.load({
      KEYRING_MASTER_KEY: 'aa'.repeat(32),
      WEBHOOK_URL: 'https://hooks.example/x',
      DATABASE_URL: 'postgresql://app:s3cret@db:5432/sc',
      REDIS_URL: 'redis+cluster://:s3cret@redis-0:6379,redis-1:6379',
    });
    expect(config.KEYRING_MASTER_KEY).toBe('aa'.repeat(32));
    const described = publisherConfig.describe(config);
    expect(described).toMatchObject({
      SERVICE_NAME: 'publisher',
      KEYRING_MASTER_KEY: '[redacted]',
      DATABASE_URL: 'postgresql://app:***@db:5432/sc',
      REDIS_URL: 'redis+cluster://:***@redis-0:6379,redis-1:6379',
      HEALTH_PORT: 9090,
    });
    expect(JSON.stringify(described)).not.toContain('s3cret');
    expect(JSON.stringify(described)).not.toContain('aa'.repeat(32));
  });

  it('lets a service override a shared variable', () => {
    const api = defineServiceConfig({ serviceName: 'api', variables: { HEALTH_PORT: envPort(4000) } });
    expect(api.load({}).HEALTH_PORT).toBe(4000);
  });
});
