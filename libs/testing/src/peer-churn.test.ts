import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { WakuNode } from '@status-communities/waku';
import { createWakuNode } from '@status-communities/waku';
import type { Devnet } from './index.js';
import { startDevnet, waitFor, waitForMesh } from './index.js';

jest.setTimeout(60_000);

const SHARD = 32;

/** Gossipsub's default scoring penalises every peer on an IP once more than 10 peer ids were seen there. */
const IDENTITIES = 12;

/** A node with a fresh peer id (as a restarted service without a node key) joins node 0 on the shard. */
const joinWithFreshIdentity = async (devnet: Devnet): Promise<WakuNode> => {
  const node = await createWakuNode({ shards: [SHARD] });
  await node.start();
  await node.connect(devnet.multiaddrs[0] as string);
  return node;
};

const topicPeersAt = (node: WakuNode): number => node.shardPeers()[0]?.topicPeers ?? 0;

describe('a devnet after many peer identities came and went on 127.0.0.1', () => {
  let devnet: Devnet;
  let latest: WakuNode | undefined;

  beforeAll(async () => {
    devnet = await startDevnet({ nodes: 2, shards: [SHARD] });
    const hub = devnet.nodes[0] as WakuNode;
    for (let identity = 0; identity < IDENTITIES; identity++) {
      const visitor = await joinWithFreshIdentity(devnet);
      await waitFor('the visitor subscribed at node 0', () => topicPeersAt(hub) === 2);
      await visitor.stop();
      await waitFor('the visitor gone from node 0', () => topicPeersAt(hub) === 1);
    }
  });

  afterAll(async () => {
    await latest?.stop();
    await devnet.stop();
  });

  it('keeps its own mesh and meshes with a newcomer (as a restarted gateway)', async () => {
    latest = await joinWithFreshIdentity(devnet);
    // Every peer on one IP scored below zero is pruned at the next heartbeat and refused a GRAFT.
    await waitForMesh([...devnet.nodes, latest], [SHARD], 5_000);
    expect(devnet.nodes.map((node) => node.shardPeers()[0]?.meshPeers)).toEqual([2, 1]);
  });
});
