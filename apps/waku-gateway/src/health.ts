import type { CheckOutcome, Readiness } from '@status-communities/observability';
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

/** /readyz `waku`: every configured shard has a mesh peer (`postgres` and `redis` come with the stores). */
export const addWakuReadiness = (
  readiness: Readiness,
  node: WakuNode,
  requiredShards: readonly number[],
): void => {
  readiness.add('waku', async () => peersOutcome(node.shardPeers(), requiredShards, node.peerId));
};
