import type { PrismaClient } from '@status-communities/db';
import type { CheckOutcome, Readiness } from '@status-communities/observability';
import { redisReadiness } from '@status-communities/queue';
import type { RedisClient } from '@status-communities/queue';
import type { ShardPeers, WakuNode } from '@status-communities/waku';

/**
 * Peers per shard, and whether every required shard (the configured ones; a watched community's own shard may
 * legitimately be quiet) has at least one mesh peer. Topic peers are not enough: a peer that pruned us (or
 * that we cannot graft) stays subscribed but forwards us nothing, so a gateway with topic peers and no mesh
 * receives no message. A mesh forms at the first heartbeat (1 s) after a peer's subscription arrives.
 */
export const peersOutcome = (
  shards: readonly ShardPeers[],
  required: readonly number[],
  peerId?: string,
): CheckOutcome => {
  const missing = required.filter(
    (shard) => (shards.find((peers) => peers.shard === shard)?.meshPeers ?? 0) === 0,
  );
  return {
    ok: missing.length === 0,
    details: {
      ...(peerId !== undefined && { peerId }),
      shards: Object.fromEntries(
        shards.map((peers) => [
          String(peers.shard),
          { meshPeers: peers.meshPeers, topicPeers: peers.topicPeers },
        ]),
      ),
      ...(missing.length > 0 ? { shardsWithoutMeshPeers: missing } : {}),
    },
  };
};

export interface ReadinessDependencies {
  readonly redis: RedisClient;
  readonly prisma: PrismaClient;
  readonly node: WakuNode;
  readonly requiredShards: readonly number[];
}

/** /readyz: Redis answers PING, PostgreSQL answers a query, and every configured shard has a mesh peer. */
export const addReadinessChecks = (readiness: Readiness, dependencies: ReadinessDependencies): void => {
  const { redis, prisma, node, requiredShards } = dependencies;
  readiness.add('redis', () => redisReadiness(redis));
  readiness.add('database', async () => {
    await prisma.$queryRaw`SELECT 1`;
    return true;
  });
  readiness.add('waku', async () => peersOutcome(node.shardPeers(), requiredShards, node.peerId));
};
