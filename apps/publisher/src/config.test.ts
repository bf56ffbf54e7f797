import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@status-communities/errors';
import { DEFAULT_MAX_SEGMENT_BYTES, describePublisherConfig, parsePublisherConfig } from './config.js';

const MASTER = 'ab'.repeat(32);
const OLD = 'cd'.repeat(32);
const required = { KEYRING_MASTER_KEY: MASTER, KEYRING_MASTER_KEY_ID: 'k2' };

describe('publisher configuration', () => {
  it('defaults to status-go: 24 h re-advertising checked every 5 min, the compatibility shards', () => {
    const parsed = parsePublisherConfig(required);
    if (!parsed.ok) throw parsed.error;
    const config = parsed.value;
    expect(config).toMatchObject({
      SERVICE_NAME: 'publisher',
      HEALTH_PORT: 9105,
      REDIS_KEY_PREFIX: 'sc',
      PUBLISH_DEBOUNCE_MS: 2_000,
      REPUBLISH_INTERVAL_SECONDS: 86_400,
      REPUBLISH_CHECK_SECONDS: 300,
      KEY_REQUEST_CHECK_SECONDS: 300,
      MAX_SEGMENT_BYTES: DEFAULT_MAX_SEGMENT_BYTES,
    });
    expect(DEFAULT_MAX_SEGMENT_BYTES).toBe(150 * 1024 - 512);
    expect(config.shardProfile.publish.description.shards).toEqual([128, 32]);
    expect(config.shardProfile.publish.channelMessage.shards).toEqual([256, 32]);
    expect(config.shardProfile.publish.shardInfo.shards).toEqual([64]);
    expect([...config.masterKeys.byId.keys()]).toEqual(['k2']);
  });

  it('takes other shards, intervals and old master keys', () => {
    const parsed = parsePublisherConfig({
      ...required,
      KEYRING_PREVIOUS_MASTER_KEYS: `k1:${OLD}`,
      DESCRIPTION_SHARDS: '128',
      CHANNEL_MESSAGE_SHARDS: '256',
      REPUBLISH_INTERVAL_SECONDS: '3600',
      REPUBLISH_CHECK_SECONDS: '60',
      SHARD_CLUSTER: '1',
    });
    if (!parsed.ok) throw parsed.error;
    expect(parsed.value.shardProfile).toMatchObject({
      cluster: 1,
      publish: {
        description: { shards: [128] },
        channelMessage: { shards: [256] },
        shardInfo: { shards: [64] },
      },
    });
    expect([...parsed.value.masterKeys.byId.keys()]).toEqual(['k2', 'k1']);
    expect(parsed.value.REPUBLISH_INTERVAL_SECONDS).toBe(3_600);
  });

  it('names every bad variable, and a master key id given twice', () => {
    const parsed = parsePublisherConfig({
      KEYRING_MASTER_KEY: 'short',
      DESCRIPTION_SHARDS: ',',
      MAX_SEGMENT_BYTES: String(DEFAULT_MAX_SEGMENT_BYTES + 1),
      REPUBLISH_CHECK_SECONDS: '0',
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe(ErrorCode.INVALID_CONFIG);
    expect(parsed.error.problems.map((problem) => problem.variable).sort()).toEqual(
      [
        'DESCRIPTION_SHARDS',
        'KEYRING_MASTER_KEY',
        'KEYRING_MASTER_KEY_ID',
        'MAX_SEGMENT_BYTES',
        'REPUBLISH_CHECK_SECONDS',
      ].sort(),
    );
    const twice = parsePublisherConfig({ ...required, KEYRING_PREVIOUS_MASTER_KEYS: `k2:${OLD}` });
    expect(!twice.ok && twice.error.problems.map((problem) => problem.variable)).toEqual([
      'KEYRING_PREVIOUS_MASTER_KEYS',
    ]);
  });

  it('describes itself for logs without any master key', () => {
    const parsed = parsePublisherConfig({ ...required, KEYRING_PREVIOUS_MASTER_KEYS: `k1:${OLD}` });
    if (!parsed.ok) throw parsed.error;
    const described = JSON.stringify(describePublisherConfig(parsed.value));
    expect(described).not.toContain(MASTER);
    expect(described).not.toContain(OLD);
    expect(JSON.parse(described)).toMatchObject({
      KEYRING_MASTER_KEY: '[redacted]',
      KEYRING_PREVIOUS_MASTER_KEYS: '[redacted]',
      masterKeyIds: ['k2', 'k1'],
    });
  });
});
