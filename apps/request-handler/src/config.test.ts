import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_REQUEST_HANDLER_HEALTH_PORT,
  describeRequestHandlerConfig,
  parseRequestHandlerConfig,
} from './config.js';

const keyring = { KEYRING_MASTER_KEY: randomBytes(32).toString('hex'), KEYRING_MASTER_KEY_ID: 'k1' };

describe('request handler configuration', () => {
  it("answers on status-go's shards by default", () => {
    const config = parseRequestHandlerConfig(keyring);
    if (!config.ok) throw config.error;
    expect(config.value.HEALTH_PORT).toBe(DEFAULT_REQUEST_HANDLER_HEALTH_PORT);
    expect(config.value.shardProfile.publish.requestToJoinResponse.shards).toEqual([64]);
    expect(config.value.shardProfile.publish.description.shards).toEqual([128, 32]);
    expect(config.value.PUBLISH_DEBOUNCE_MS).toBe(2_000);
    const described = JSON.stringify(describeRequestHandlerConfig(config.value));
    expect(described).not.toContain(keyring.KEYRING_MASTER_KEY);
    expect(described).toContain('"k1"');
  });

  it('takes other shards', () => {
    const config = parseRequestHandlerConfig({ ...keyring, RESPONSE_SHARDS: '64,128', SHARD_CLUSTER: '1' });
    if (!config.ok) throw config.error;
    expect(config.value.shardProfile.cluster).toBe(1);
    expect(config.value.shardProfile.publish.requestToJoinResponse.shards).toEqual([64, 128]);
  });

  it('refuses a bad configuration, naming every bad variable', () => {
    const config = parseRequestHandlerConfig({
      KEYRING_MASTER_KEY_ID: 'k1',
      RESPONSE_SHARDS: '2000',
      REQUEST_CONCURRENCY: '0',
    });
    expect(config.ok).toBe(false);
    if (config.ok) return;
    for (const variable of ['KEYRING_MASTER_KEY', 'RESPONSE_SHARDS', 'REQUEST_CONCURRENCY'])
      expect(config.error.message).toContain(variable);
  });
});
