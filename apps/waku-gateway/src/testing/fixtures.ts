import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { generatePrivateKey, publicKeyFromPrivateKey } from '@status-communities/crypto';
import type { Logger, Metrics } from '@status-communities/observability';
import { createLogger } from '@status-communities/observability';
import { closeRedis, createRedisConnection, deleteKeyspace } from '@status-communities/queue';
import type { RedisClient } from '@status-communities/queue';
import type { Devnet } from '@status-communities/testing';
import { waitForMesh } from '@status-communities/testing';
import type { GatewayConfig } from '../config.js';
import { parseGatewayConfig } from '../config.js';
import type { Gateway, GatewayDependencies } from '../service.js';
import { startGateway } from '../service.js';

export const REDIS_URL = 'redis://127.0.0.1:6379';

/** A Redis key prefix no other test uses. */
export const uniquePrefix = (): string => `test-gw-${randomUUID().slice(0, 8)}`;

/** A fresh community id (0x + compressed key), valid for communityTopics. */
export const newCommunityId = (): string =>
  '0x' + Buffer.from(publicKeyFromPrivateKey(generatePrivateKey(), { compressed: true })).toString('hex');

/** A configuration for a gateway on 127.0.0.1 with free ports, joining `devnet`. */
export const testConfig = (
  devnet: Devnet,
  databaseUrl: string,
  prefix: string,
  env: Record<string, string> = {},
): GatewayConfig => {
  const parsed = parseGatewayConfig({
    WAKU_BOOTSTRAP_PEERS: devnet.multiaddrs.join(','),
    WAKU_LISTEN_ADDRESS: '127.0.0.1',
    WAKU_LISTEN_PORT: '0',
    HEALTH_PORT: '0',
    REDIS_URL,
    DATABASE_URL: databaseUrl,
    REDIS_KEY_PREFIX: prefix,
    LOG_LEVEL: 'debug',
    ...env,
  });
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
};

/** A logger whose JSON lines are kept in `lines`. */
export const captureLogs = (): { logger: Logger; lines: Record<string, unknown>[] } => {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n'))
        if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ serviceName: 'waku-gateway', level: 'debug', destination }), lines };
};

/** Starts a gateway and waits until it has mesh peers on every configured shard. */
export const startTestGateway = async (
  config: GatewayConfig,
  dependencies: GatewayDependencies = {},
): Promise<Gateway> => {
  const gateway = await startGateway(config, { logger: captureLogs().logger, ...dependencies });
  try {
    await waitForMesh([gateway.node], config.waku.shards);
  } catch (error) {
    await gateway.stop();
    throw error;
  }
  return gateway;
};

/** The value of one series of a counter or gauge (0 when it was never set). */
export const metricValue = async (
  metrics: Metrics,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> => {
  const metric = metrics.registry.getSingleMetric(name);
  if (metric === undefined) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  return values
    .filter((value) =>
      Object.entries(labels).every(([key, expected]) => String(value.labels[key]) === expected),
    )
    .reduce((sum, value) => sum + value.value, 0);
};

/** A Redis connection for a test, and a cleanup that deletes the prefix's keys and closes it. */
export const testRedis = (prefix: string): { redis: RedisClient; cleanup: () => Promise<void> } => {
  const redis = createRedisConnection(REDIS_URL);
  return {
    redis,
    cleanup: async () => {
      await deleteKeyspace(redis, prefix);
      await closeRedis(redis);
    },
  };
};
