import { describe, expect, it } from '@jest/globals';
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL } from '@status-communities/config';
import { ErrorCode } from '@status-communities/errors';
import { STATUS_FLEET_STORE_NODES } from '@status-communities/waku';
import {
  DEFAULT_GATEWAY_HEALTH_PORT,
  DIRECT_MESSAGE_SHARD,
  describeGatewayConfig,
  parseGatewayConfig,
} from './config.js';

const PEER = '/ip4/127.0.0.1/tcp/60001/p2p/12D3KooWEvLj6hPTv2Wq8XCQ4DjvhB9XrVkZMFNyT17B6jh7atPu';

const problemsOf = (env: Record<string, string>) => {
  const parsed = parseGatewayConfig(env);
  if (parsed.ok) throw new Error('expected a configuration error');
  expect(parsed.error.code).toBe(ErrorCode.INVALID_CONFIG);
  return parsed.error.problems;
};

describe('parseGatewayConfig', () => {
  it('gives every variable its default once the node has a way to find peers', () => {
    const parsed = parseGatewayConfig({ WAKU_FLEET: 'status.prod' });
    expect(parsed.ok && parsed.value).toEqual({
      SERVICE_NAME: 'waku-gateway',
      LOG_LEVEL: 'info',
      DATABASE_URL: DEFAULT_DATABASE_URL,
      REDIS_URL: DEFAULT_REDIS_URL,
      HEALTH_PORT: DEFAULT_GATEWAY_HEALTH_PORT,
      REDIS_KEY_PREFIX: 'sc',
      ARCHIVE_RETENTION_DAYS: 365,
      ARCHIVE_CONTENT_TOPICS: [],
      WATCH_REFRESH_SECONDS: 30,
      RETENTION_SWEEP_MINUTES: 60,
      OUTBOUND_CONCURRENCY: 16,
      BACKFILL_STORE_PEERS: STATUS_FLEET_STORE_NODES['status.prod'],
      BACKFILL_HOURS: 720,
      // nwaku's limits for Filter and LightPush.
      FILTER_MAX_SUBSCRIBERS: 1000,
      FILTER_MAX_CRITERIA_PER_PEER: 1000,
      FILTER_MAX_CONTENT_TOPICS_PER_REQUEST: 100,
      FILTER_SUBSCRIPTION_TTL_SECONDS: 300,
      LIGHTPUSH_RATE_PER_SECOND: 10,
      LIGHTPUSH_RATE_BURST: 10,
      waku: expect.objectContaining({ fleet: 'status.prod', shards: [32, 64, 128, 256], announce: [] }),
    });
  });

  it('reads the gateway variables and the WAKU_* ones into one typed configuration', () => {
    const parsed = parseGatewayConfig({
      WAKU_BOOTSTRAP_PEERS: PEER,
      WAKU_SHARDS: '32,64',
      WAKU_LISTEN_ADDRESS: '127.0.0.1',
      WAKU_LISTEN_PORT: '0',
      REDIS_KEY_PREFIX: 'gw-test.1',
      ARCHIVE_RETENTION_DAYS: '90',
      ARCHIVE_CONTENT_TOPICS: '/waku/1/0x01020304/rfc26, /waku/1/0xa0b0c0d0/rfc26',
      BACKFILL_STORE_PEERS: PEER,
      OUTBOUND_CONCURRENCY: '4',
    });
    if (!parsed.ok) throw parsed.error;
    expect(parsed.value).toMatchObject({
      REDIS_KEY_PREFIX: 'gw-test.1',
      ARCHIVE_RETENTION_DAYS: 90,
      ARCHIVE_CONTENT_TOPICS: ['/waku/1/0x01020304/rfc26', '/waku/1/0xa0b0c0d0/rfc26'],
      BACKFILL_STORE_PEERS: [PEER],
      OUTBOUND_CONCURRENCY: 4,
      waku: { shards: [32, 64], listen: ['/ip4/127.0.0.1/tcp/0'], bootstrapPeers: [PEER] },
    });
  });

  it("back-fills from the fleet's store nodes unless BACKFILL_STORE_PEERS names others", () => {
    const staging = parseGatewayConfig({ WAKU_FLEET: 'status.staging' });
    expect(staging.ok && staging.value.BACKFILL_STORE_PEERS).toEqual(
      STATUS_FLEET_STORE_NODES['status.staging'],
    );
    expect(STATUS_FLEET_STORE_NODES['status.staging']).toHaveLength(6);
    const own = parseGatewayConfig({ WAKU_FLEET: 'status.prod', BACKFILL_STORE_PEERS: PEER });
    expect(own.ok && own.value.BACKFILL_STORE_PEERS).toEqual([PEER]);
    const local = parseGatewayConfig({ WAKU_BOOTSTRAP_PEERS: PEER });
    expect(local.ok && local.value.BACKFILL_STORE_PEERS).toEqual([]);
  });

  it('names every bad variable at once, WAKU_* included', () => {
    const problems = problemsOf({
      REDIS_KEY_PREFIX: '{sc}',
      ARCHIVE_RETENTION_DAYS: '0',
      ARCHIVE_CONTENT_TOPICS: '/my-app/1/chat/proto',
      BACKFILL_STORE_PEERS: '/ip4/127.0.0.1/tcp/1',
      FILTER_MAX_SUBSCRIBERS: '0',
      FILTER_SUBSCRIPTION_TTL_SECONDS: '5',
      LIGHTPUSH_RATE_PER_SECOND: 'ten',
    });
    expect(problems.map((problem) => problem.variable)).toEqual([
      'REDIS_KEY_PREFIX',
      'ARCHIVE_RETENTION_DAYS',
      'ARCHIVE_CONTENT_TOPICS',
      'BACKFILL_STORE_PEERS',
      'FILTER_MAX_SUBSCRIBERS',
      'FILTER_SUBSCRIPTION_TTL_SECONDS',
      'LIGHTPUSH_RATE_PER_SECOND',
      'WAKU_BOOTSTRAP_PEERS',
    ]);
    expect(problems.at(-1)?.problem).toBe('set it or WAKU_FLEET: the node needs peers to join');
    expect(problems.find((problem) => problem.variable === 'BACKFILL_STORE_PEERS')?.problem).toContain(
      '/p2p/',
    );
  });

  it('refuses WAKU_SHARDS without the shard of 1:1 messages, naming the variable', () => {
    const problems = problemsOf({
      WAKU_FLEET: 'status.prod',
      WAKU_SHARDS: '64,128',
      OUTBOUND_CONCURRENCY: '0',
    });
    expect(problems.map((problem) => problem.variable)).toEqual(['OUTBOUND_CONCURRENCY', 'WAKU_SHARDS']);
    expect(problems.at(-1)?.problem).toMatch(
      /^must include shard 32: every 1:1 message of the bots rides it/,
    );
    expect(DIRECT_MESSAGE_SHARD).toBe(32);
    const ordered = parseGatewayConfig({ WAKU_FLEET: 'status.prod', WAKU_SHARDS: '256,32' });
    expect(ordered.ok && ordered.value.waku.shards).toEqual([256, 32]);
  });

  it('describes itself without the database password', () => {
    const parsed = parseGatewayConfig({
      WAKU_FLEET: 'status.staging',
      DATABASE_URL: 'postgres://gateway:hunter2@db:5432/sc',
    });
    if (!parsed.ok) throw parsed.error;
    const described = describeGatewayConfig(parsed.value);
    expect(JSON.stringify(described)).not.toContain('hunter2');
    expect(described['waku']).toMatchObject({ fleet: 'status.staging' });
  });
});
