import type { PrismaClient } from '@status-communities/db';
import type { CheckOutcome, Readiness } from '@status-communities/observability';
import type { ShardPeers, WakuNode } from '@status-communities/waku';
import type { Redis } from 'ioredis';

/**
 * Peers per shard, and whether every required shard (the configured ones; a watched community's own shard may
 * legitimately be quiet) has at least one connected peer subscribed to it.
 */
export const peersOutcome = (shards: readonly ShardPeers[], required: readonly number[]): CheckOutcome => {
  const missing = required.filter(
    (shard) => (shards.find((peers) => peers.shard === shard)?.topicPeers ?? 0) === 0,
  );
  return {
    ok: missing.length === 0,
    details: {
      shards: Object.fromEntries(
        shards.map((peers) => [
          String(peers.shard),
          { meshPeers: peers.meshPeers, topicPeers: peers.topicPeers },
        ]),
      ),
      ...(missing.length > 0 ? { shardsWithoutPeers: missing } : {}),
    },
  };
};

export interface ReadinessDependencies {
  readonly redis: Redis;
  readonly prisma: PrismaClient;
  readonly node: WakuNode;
  readonly requiredShards: readonly number[];
}

/** /readyz: Redis answers PING, PostgreSQL answers a query, and every configured shard has a relay peer. */
export const addReadinessChecks = (readiness: Readiness, dependencies: ReadinessDependencies): void => {
  const { redis, prisma, node, requiredShards } = dependencies;
  readiness.add('redis', async () => (await redis.ping()) === 'PONG');
  readiness.add('database', async () => {
    await prisma.$queryRaw`SELECT 1`;
    return true;
  });
  readiness.add('waku', async () => peersOutcome(node.shardPeers(), requiredShards));
};
