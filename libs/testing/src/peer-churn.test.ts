import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { WakuNode } from '@status-communities/waku';
import { createWakuNode } from '@status-communities/waku';
import type { Devnet } from './index.js';
import { startDevnet, visitWithFreshIdentities, waitFor } from './index.js';

jest.setTimeout(60_000);

const SHARD = 32;

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
    await waitFor('node 0 meshed with node 1 and the newcomer', () => meshes()[0] === 2, {
      timeoutMs: 5_000,
    });
    expect(meshes()).toEqual([2, 1, 1]);
  });
});
