import { once } from 'node:events';
import { serveDevnetStore, startDevnet } from '@status-communities/devnet';
import { ErrorCode, type Result, fail, ok } from '@status-communities/errors';
import { type Command, parseCommandArgs } from '../command.js';

const options = {
  nodes: { type: 'string' },
  port: { type: 'string' },
  shards: { type: 'string' },
} as const;

function parseWhole(
  text: string | undefined,
  name: string,
  fallback: number | undefined,
  min: number,
  max: number,
): Result<number | undefined> {
  if (text === undefined) return ok(fallback);
  const value = Number(text);
  return /^\d+$/.test(text) && value >= min && value <= max
    ? ok(value)
    : fail(ErrorCode.BAD_USER_INPUT, `${name} must be a whole number from ${min} to ${max}`);
}

function parseShards(text: string | undefined): Result<number[] | undefined> {
  if (text === undefined) return ok(undefined);
  const shards = text.split(',').map((part) => part.trim());
  return shards.every((shard) => /^\d+$/.test(shard) && Number(shard) <= 1023)
    ? ok(shards.map(Number))
    : fail(ErrorCode.BAD_USER_INPUT, '--shards must be comma-separated shard indices 0..1023');
}

/**
 * `devnet [--nodes N] [--port P] [--shards …]`: a local Waku network for people, in the foreground.
 * Prints every node and the exact WAKU_BOOTSTRAP_PEERS line the services need, then runs until stopped.
 * The first node also archives what it relays in memory and serves it over Store v3, so a light client
 * (or a back-fill) has a store node to query without a database.
 */
export const devnetCommand: Command = async (argv, { print, stop }) => {
  const parsed = parseCommandArgs(argv, options);
  if (!parsed.ok) return parsed;
  const nodes = parseWhole(parsed.value.values.nodes, '--nodes', 3, 2, 32);
  if (!nodes.ok) return nodes;
  const basePort = parseWhole(parsed.value.values.port, '--port', undefined, 1, 65_535 - 32);
  if (!basePort.ok) return basePort;
  const shards = parseShards(parsed.value.values.shards);
  if (!shards.ok) return shards;

  let devnet;
  try {
    devnet = await startDevnet({
      nodes: nodes.value,
      ...(basePort.value !== undefined && { basePort: basePort.value }),
      ...(shards.value !== undefined && { shards: shards.value }),
    });
  } catch (error) {
    // Ports in use and meshes that never form are the user's environment, not our bug.
    return fail(
      ErrorCode.BAD_USER_INPUT,
      `devnet did not start: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const [storeNode] = devnet.nodes;
  const store = storeNode && (await serveDevnetStore(storeNode));
  print({
    nodes: devnet.nodes.map((node, index) => ({ peerId: node.peerId, multiaddr: devnet.multiaddrs[index] })),
    shards: storeNode?.shards,
    storeNode: store?.multiaddr,
    env: devnet.bootstrapPeersEnv,
    hint: 'give the env line to the services; Ctrl-C stops the network',
  });
  if (!stop.aborted) await once(stop, 'abort');
  await store?.close();
  await devnet.stop();
  return ok({ stopped: true });
};
