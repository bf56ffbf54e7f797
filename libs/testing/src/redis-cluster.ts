import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { waitFor } from '@status-communities/devnet';
import { freePortRange } from './free-ports.js';
import { startOwnRedisServer } from './redis-server.js';
import type { OwnRedisServer } from './redis-server.js';

const run = promisify(execFile);

/** A Redis Cluster of a test's own: masters without replicas on 127.0.0.1, every slot covered. */
export interface OwnRedisCluster {
  /** `redis+cluster://127.0.0.1:<port>,…`: what REDIS_URL says for a cluster. */
  readonly url: string;
  readonly masters: readonly OwnRedisServer[];
  /** How long a master may be unreachable before the others mark it failed (and the cluster down). */
  readonly nodeTimeoutMs: number;
  /** The master serving `key`'s slot (`CLUSTER KEYSLOT`, then the node owning that slot). */
  masterOf(key: string): Promise<OwnRedisServer>;
  /** Stops every node and removes their directories. */
  close(): Promise<void>;
}

export interface OwnRedisClusterOptions {
  /** Default 3, the fewest Redis accepts for a cluster. */
  readonly masters?: number;
  /** Default 1 000 ms, so a killed master is marked failed quickly. */
  readonly nodeTimeoutMs?: number;
}

const cli = async (port: number, ...args: string[]): Promise<string> =>
  (await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args])).stdout;

const clusterState = async (port: number): Promise<string | undefined> =>
  /^cluster_state:(\w+)/m.exec(await cli(port, 'CLUSTER', 'INFO'))?.[1];

/** The port of the node that CLUSTER NODES says serves `slot` (`<id> <ip>:<port>@<bus> … <from>-<to> …`). */
const slotOwnerPort = (nodes: string, slot: number): number | undefined => {
  for (const line of nodes.trim().split('\n')) {
    const fields = line.split(' ');
    const ranges = fields.slice(8).map((range) => range.split('-').map(Number));
    if (ranges.some(([from = -1, to = from]) => slot >= from && slot <= to))
      return Number(/:(\d+)@/.exec(fields[1] ?? '')?.[1]);
  }
  return undefined;
};

/**
 * Starts `masters` redis-server processes in cluster mode on free ports (their bus ports too, so none falls in
 * the ephemeral range), joins them with `redis-cli --cluster create` (slots split evenly, no replicas) and
 * resolves once every node says `cluster_state:ok`.
 */
export const startOwnRedisCluster = async (
  options: OwnRedisClusterOptions = {},
): Promise<OwnRedisCluster> => {
  const count = options.masters ?? 3;
  const nodeTimeoutMs = options.nodeTimeoutMs ?? 1_000;
  const base = await freePortRange(count * 2);
  const masters: OwnRedisServer[] = [];
  try {
    for (let index = 0; index < count; index++) {
      masters.push(
        await startOwnRedisServer({
          port: base + index,
          args: [
            ...['--cluster-enabled', 'yes', '--cluster-port', String(base + count + index)],
            ...['--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', String(nodeTimeoutMs)],
          ],
        }),
      );
    }
    const addresses = masters.map((master) => `127.0.0.1:${master.port}`);
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes']);
    await waitFor(
      'every cluster node to report cluster_state:ok',
      async () =>
        (await Promise.all(masters.map((master) => clusterState(master.port)))).every((s) => s === 'ok'),
      { timeoutMs: 20_000, intervalMs: 100 },
    );
  } catch (error) {
    await Promise.all(masters.map((master) => master.close()));
    throw error;
  }
  const first = masters[0] as OwnRedisServer;
  return {
    url: `redis+cluster://${masters.map((master) => `127.0.0.1:${master.port}`).join(',')}`,
    masters,
    nodeTimeoutMs,
    masterOf: async (key) => {
      const slot = Number((await cli(first.port, 'CLUSTER', 'KEYSLOT', key)).trim());
      const port = slotOwnerPort(await cli(first.port, 'CLUSTER', 'NODES'), slot);
      const owner = masters.find((master) => master.port === port);
      if (owner === undefined) throw new Error(`no master owns slot ${slot}`);
      return owner;
    },
    close: async () => {
      await Promise.all(masters.map((master) => master.close()));
    },
  };
};
