import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { WakuNode } from '@status-communities/waku';
import { createWakuNode } from '@status-communities/waku';
import type { Devnet } from './index.js';
import { startDevnet, visitWithFreshIdentities, waitFor } from './index.js';

jest.setTimeout(60_000);

const SHARD = 32;

const topicPeersAt = (node: WakuNode): number => node.shardPeers()[0]?.topicPeers ?? 0;

describe('a devnet after many peer identities came and went on 127.0.0.1', () => {
  let devnet: Devnet;
  let newcomer: WakuNode | undefined;

  beforeAll(async () => {
    devnet = await startDevnet({ nodes: 2, shards: [SHARD] });
    // Gossipsub's default scoring penalises every peer on an IP once more than 10 peer ids were seen there.
    await visitWithFreshIdentities(devnet, 12);
  });

  afterAll(async () => {
    await newcomer?.stop();
    await devnet.stop();
  });

  it('keeps its own mesh and meshes with a newcomer (as a restarted gateway)', async () => {
    newcomer = await createWakuNode({ shards: [SHARD] });
    await newcomer.start();
    await newcomer.connect(devnet.multiaddrs[0] as string);
    const meshes = (): (number | undefined)[] =>
      [...devnet.nodes, newcomer as WakuNode].map((node) => node.shardPeers()[0]?.meshPeers);
    // A peer scored below zero is pruned at the next heartbeat and refused a GRAFT: meshes would stay empty.
    await waitFor(
      'node 0 meshed with node 1 and the newcomer, both with node 0',
      () => meshes().join() === '2,1,1',
      {
        timeoutMs: 5_000,
      },
    );
  });
});

describe('a service restarted on the same port under a new peer id', () => {
  let devnet: Devnet;
  const nodes: WakuNode[] = [];

  beforeAll(async () => {
    devnet = await startDevnet({ nodes: 2, shards: [SHARD] });
  });

  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.stop()));
    await devnet.stop();
  });

  it('is not redialled under its old peer id (libp2p would connect to the new one again and again)', async () => {
    const hub = devnet.nodes[0] as WakuNode;
    const { libp2p } = hub.light;
    const old = await createWakuNode({ shards: [SHARD] });
    await old.start();
    await old.connect(devnet.multiaddrs[0] as string);
    const oldId = old.light.libp2p.peerId;
    await waitFor('the old one known to node 0', () => libp2p.peerStore.has(oldId));
    const listen = (old.multiaddrs[0] as string).replace(/\/p2p\/.*$/, '');
    await old.stop();
    await waitFor('the old one forgotten by node 0', async () => !(await libp2p.peerStore.has(oldId)));

    const restarted = await createWakuNode({ shards: [SHARD], listen: [listen] });
    nodes.push(restarted);
    await restarted.start();
    await restarted.connect(devnet.multiaddrs[0] as string);
    await waitFor('node 0 subscribed, seen by the restarted one', () => topicPeersAt(restarted) === 1);
    await expect(libp2p.dial(oldId)).rejects.toThrow();
    expect(libp2p.getConnections(restarted.light.libp2p.peerId)).toHaveLength(1);
  });
});
