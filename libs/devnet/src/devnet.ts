import type { WakuNode } from '@status-communities/waku';
import { DEFAULT_SHARDS, createWakuNode } from '@status-communities/waku';
import { waitFor } from './wait-for.js';

export interface DevnetOptions {
  /** Default 3. */
  readonly nodes?: number;
  /** Default 32, 64, 128, 256. */
  readonly shards?: readonly number[];
  /** Node i listens on 127.0.0.1:basePort+i; without it every node takes a free port. */
  readonly basePort?: number;
  /** `line`: each node dials the one before it (multi-hop paths); `full`: every pair is connected. */
  readonly topology?: 'line' | 'full';
  /** How long to wait for meshes on every shard. Default 10 s; meshes form at a heartbeat, ~1 s. */
  readonly meshTimeoutMs?: number;
}

export interface Devnet {
  readonly nodes: readonly WakuNode[];
  /** One dialable address per node, with /p2p/<peerId>. */
  readonly multiaddrs: readonly string[];
  /** `WAKU_BOOTSTRAP_PEERS=<every node's multiaddr>`, for a service to join this network. */
  readonly bootstrapPeersEnv: string;
  stop(): Promise<void>;
}

/** Resolves once every node has at least one mesh peer on every shard. */
export const waitForMesh = (
  nodes: readonly WakuNode[],
  shards: readonly number[],
  timeoutMs = 10_000,
): Promise<true> =>
  waitFor(
    `mesh peers on shards ${shards.join(', ')} at all ${nodes.length} nodes`,
    () =>
      nodes.every((node) =>
        node.shardPeers().every((peers) => !shards.includes(peers.shard) || peers.meshPeers > 0),
      ),
    { timeoutMs },
  );

/**
 * Joins every node with `count` nodes of fresh peer ids, one after another, each until every node is its topic
 * peer, then gone: what an hour of restarts of services without a node key leaves in the devnet's scores.
 */
export const visitWithFreshIdentities = async (devnet: Devnet, count: number): Promise<void> => {
  const shards = devnet.nodes[0]?.shards ?? [];
  for (let visit = 0; visit < count; visit++) {
    const visitor = await createWakuNode({ shards });
    try {
      await visitor.start();
      await Promise.all(devnet.multiaddrs.map((address) => visitor.connect(address)));
      // Its peer id is in a node's scores from the connection on; the node's subscriptions arriving shows it.
      await waitFor('every node subscribed, seen by the visitor', () =>
        visitor.shardPeers().every((peers) => peers.topicPeers === devnet.nodes.length),
      );
    } finally {
      await visitor.stop();
    }
    await waitFor('the visitor disconnected from every node', () =>
      devnet.nodes.every((node) =>
        node.light.libp2p.getPeers().every((peer) => peer.toString() !== visitor.peerId),
      ),
    );
  }
};

/** Starts a local Waku network of our own nodes on 127.0.0.1, in this process. */
export const startDevnet = async ({
  nodes: count = 3,
  shards = DEFAULT_SHARDS,
  basePort,
  topology = 'line',
  meshTimeoutMs = 10_000,
}: DevnetOptions = {}): Promise<Devnet> => {
  if (!Number.isInteger(count) || count < 2) throw new RangeError('a devnet needs at least 2 nodes');
  const nodes: WakuNode[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(nodes.map((node) => node.stop()));
  };
  try {
    for (let index = 0; index < count; index++) {
      const port = basePort === undefined ? 0 : basePort + index;
      const node = await createWakuNode({ shards, listen: [`/ip4/127.0.0.1/tcp/${port}`] });
      nodes.push(node);
      await node.start();
    }
    const multiaddrs = nodes.map((node) => {
      const [address] = node.multiaddrs;
      if (address === undefined) throw new Error(`node ${node.peerId} has no listen address`);
      return address;
    });
    const dialedBy = (index: number): string[] => {
      const earlier = multiaddrs.slice(0, index);
      return topology === 'line' ? earlier.slice(-1) : earlier;
    };
    await Promise.all(
      nodes.flatMap((node, index) => dialedBy(index).map((address) => node.connect(address))),
    );
    await waitForMesh(nodes, shards, meshTimeoutMs);
    return { nodes, multiaddrs, bootstrapPeersEnv: `WAKU_BOOTSTRAP_PEERS=${multiaddrs.join(',')}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
};
