import { describe, expect, it, jest } from '@jest/globals';
import { parseWakuConfig } from '@status-communities/waku';
import { startDevnet, waitFor } from './index.js';

jest.setTimeout(30_000);

describe('startDevnet', () => {
  it('forms meshes on all four default shards at all three nodes, then stops', async () => {
    const started = performance.now();
    const devnet = await startDevnet();
    try {
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(devnet.nodes).toHaveLength(3);
      for (const node of devnet.nodes) {
        expect(node.shardPeers().map(({ shard, meshPeers }) => [shard, meshPeers > 0])).toEqual([
          [32, true],
          [64, true],
          [128, true],
          [256, true],
        ]);
      }
      // A line: the middle node meshes with both ends, the ends only with it.
      expect(devnet.nodes.map((node) => node.shardPeers()[0]?.topicPeers)).toEqual([1, 2, 1]);
    } finally {
      await devnet.stop();
    }
    expect(devnet.nodes.every((node) => node.light.libp2p.status === 'stopped')).toBe(true);
  });

  it('gives a WAKU_BOOTSTRAP_PEERS line that the gateway configuration accepts', async () => {
    const devnet = await startDevnet({ nodes: 2, shards: [64] });
    try {
      const [name, value] = devnet.bootstrapPeersEnv.split('=');
      expect(name).toBe('WAKU_BOOTSTRAP_PEERS');
      const config = parseWakuConfig({ WAKU_BOOTSTRAP_PEERS: value });
      expect(config.ok && config.value.bootstrapPeers).toEqual(devnet.multiaddrs);
      devnet.multiaddrs.forEach((address, index) =>
        expect(address).toBe(`${devnet.nodes[index]?.multiaddrs[0]}`),
      );
    } finally {
      await devnet.stop();
    }
  });

  it('listens on consecutive ports from basePort and connects every pair in a full mesh', async () => {
    const basePort = 41_000 + Math.floor(Math.random() * 10_000);
    const devnet = await startDevnet({ nodes: 4, shards: [32], basePort, topology: 'full' });
    try {
      expect(devnet.multiaddrs.map((address) => address.split('/')[4])).toEqual(
        [0, 1, 2, 3].map((offset) => String(basePort + offset)),
      );
      // startDevnet promises meshes; subscriptions from the last dials may still be in flight, so wait for them.
      await waitFor('every node to see the other three on the topic', () =>
        devnet.nodes.every((node) => node.shardPeers()[0]?.topicPeers === 3),
      );
    } finally {
      await devnet.stop();
    }
  });

  it('rejects, naming what it waited for, when meshes do not form in time', async () => {
    await expect(startDevnet({ nodes: 2, shards: [32], meshTimeoutMs: 0 })).rejects.toThrow(
      /waiting for mesh peers on shards 32/,
    );
  });
});
