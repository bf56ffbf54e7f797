import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { multiaddr } from '@multiformats/multiaddr';
import type { Result, StatusError } from '@status-communities/errors';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { StatusFleet } from './fleets.js';
import { STATUS_FLEETS, isStatusFleet } from './fleets.js';
import { nodeKeyFromHex } from './node-key.js';
import { DEFAULT_SHARDS, MAX_SHARD_INDEX, isShardIndex } from './pubsub-topic.js';
import type { WakuNodeOptions } from './waku-node.js';

/** The gateway's Waku settings; every field is also a WakuNodeOptions field. */
export interface WakuConfig extends WakuNodeOptions {
  readonly shards: readonly number[];
  readonly listen: readonly string[];
  readonly announce: readonly string[];
  readonly bootstrapPeers: readonly string[];
  readonly fleet: StatusFleet | undefined;
  readonly enrTrees: readonly string[];
}

export type Env = Readonly<Record<string, string | undefined>>;

/** nwaku and go-waku listen on 60000 by default. */
const DEFAULT_LISTEN_PORT = 60000;
const DEFAULT_LISTEN_ADDRESS = '0.0.0.0';

const invalid = (variable: string, why: string): Result<never> =>
  fail(ErrorCode.BAD_USER_INPUT, `${variable}: ${why}`, { variable });

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

const parseShards = (value: string | undefined): Result<number[]> => {
  if (value === undefined || value.trim() === '') return ok([...DEFAULT_SHARDS]);
  const shards: number[] = [];
  for (const item of list(value)) {
    const shard = /^\d+$/.test(item) ? Number(item) : Number.NaN;
    if (!isShardIndex(shard))
      return invalid('WAKU_SHARDS', `"${item}" is not a shard index 0..${MAX_SHARD_INDEX}`);
    if (!shards.includes(shard)) shards.push(shard);
  }
  return shards.length > 0 ? ok(shards) : invalid('WAKU_SHARDS', 'lists no shard');
};

const parseBootstrapPeers = (value: string | undefined): Result<string[]> => {
  const peers = list(value);
  for (const peer of peers) {
    let peerId: string | null;
    try {
      peerId = multiaddr(peer).getPeerId();
    } catch {
      return invalid('WAKU_BOOTSTRAP_PEERS', `"${peer}" is not a multiaddr`);
    }
    if (peerId === null) return invalid('WAKU_BOOTSTRAP_PEERS', `"${peer}" has no /p2p/<peer id>`);
  }
  return ok(peers);
};

const parseFleet = (value: string | undefined): Result<StatusFleet | undefined> => {
  if (value === undefined || value.trim() === '') return ok(undefined);
  const fleet = value.trim();
  if (!isStatusFleet(fleet))
    return invalid('WAKU_FLEET', `"${fleet}" is not one of ${Object.keys(STATUS_FLEETS).join(', ')}`);
  return ok(fleet);
};

const NOT_A_NODE_KEY =
  "a secp256k1 private key of 64 hex digits (nwaku's --nodekey; `status-communities node-key` makes one)";

/** The key as written, checked; an error never repeats the value: it is a secret. */
const checkNodeKey = (variable: string, isNot: string, text: string): Result<string> =>
  nodeKeyFromHex(text) === undefined ? invalid(variable, `${isNot} ${NOT_A_NODE_KEY}`) : ok(text.trim());

const readNodeKeyFile = (path: string): Result<string> => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return invalid('WAKU_NODE_KEY_FILE', `cannot read "${path}" (${code})`);
  }
  return checkNodeKey('WAKU_NODE_KEY_FILE', `"${path}" does not hold`, text);
};

/** WAKU_NODE_KEY or the file WAKU_NODE_KEY_FILE names (a mounted secret), not both; neither: no key. */
const parseNodeKey = (value: string | undefined, file: string | undefined): Result<string | undefined> => {
  const key = value?.trim() ? value : undefined;
  const path = file?.trim() || undefined;
  if (key !== undefined && path !== undefined)
    return invalid('WAKU_NODE_KEY_FILE', 'set it or WAKU_NODE_KEY, not both');
  if (path !== undefined) return readNodeKeyFile(path);
  return key === undefined ? ok(undefined) : checkNodeKey('WAKU_NODE_KEY', 'is not', key);
};

const parsePort = (variable: string, text: string): Result<number> => {
  const port = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  return port >= 0 && port <= 65535 ? ok(port) : invalid(variable, `"${text}" is not a TCP port 0..65535`);
};

/** Light clients each hold a connection: the node's 50 by default (nwaku's --max-connections) caps them. */
const parseMaxConnections = (value: string | undefined): Result<number | undefined> => {
  const text = value?.trim();
  if (!text) return ok(undefined);
  const count = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  return count >= 1 && count <= 100_000
    ? ok(count)
    : invalid('WAKU_MAX_CONNECTIONS', `"${text}" is not a connection count 1..100000`);
};

/** TCP for relay peers; with WAKU_WS_PORT also websockets (`/ws`), what light clients (browsers) dial. */
const parseListen = (env: Env): Result<string[]> => {
  const host = env.WAKU_LISTEN_ADDRESS?.trim() || DEFAULT_LISTEN_ADDRESS;
  const family = isIP(host);
  if (family === 0) return invalid('WAKU_LISTEN_ADDRESS', `"${host}" is not an IP address`);
  const port = parsePort('WAKU_LISTEN_PORT', env.WAKU_LISTEN_PORT?.trim() || String(DEFAULT_LISTEN_PORT));
  if (!port.ok) return port;
  const listen = [`/ip${family}/${host}/tcp/${port.value}`];
  const wsText = env.WAKU_WS_PORT?.trim();
  if (!wsText) return ok(listen);
  const wsPort = parsePort('WAKU_WS_PORT', wsText);
  if (!wsPort.ok) return wsPort;
  if (wsPort.value !== 0 && wsPort.value === port.value)
    return invalid('WAKU_WS_PORT', `${wsPort.value} is WAKU_LISTEN_PORT too`);
  return ok([...listen, `/ip${family}/${host}/tcp/${wsPort.value}/ws`]);
};

/** Where peers reach the node from outside: dialable multiaddrs over TCP (ws, wss, dns), without /p2p/. */
const parseAnnounce = (value: string | undefined): Result<string[]> => {
  const addresses = list(value);
  for (const address of addresses) {
    let parsed;
    try {
      parsed = multiaddr(address);
    } catch {
      return invalid('WAKU_ANNOUNCE_ADDRESSES', `"${address}" is not a multiaddr`);
    }
    if (parsed.getPeerId() !== null)
      return invalid('WAKU_ANNOUNCE_ADDRESSES', `"${address}" names a peer: the node adds its own /p2p/`);
    if (!/^\/(ip4|ip6|dns|dns4|dns6)\/[^/]+\/tcp\/\d+(\/(ws|wss|tls\/ws))?$/.test(address))
      return invalid(
        'WAKU_ANNOUNCE_ADDRESSES',
        `"${address}" is not /ip4|ip6|dns|dns4|dns6/<host>/tcp/<port>, optionally /ws, /wss or /tls/ws`,
      );
  }
  return ok(addresses);
};

/**
 * Reads WAKU_BOOTSTRAP_PEERS (comma-separated multiaddrs with /p2p/), WAKU_FLEET (status.prod|status.staging,
 * found by DNS discovery), WAKU_SHARDS (comma-separated, default 32,64,128,256), WAKU_LISTEN_ADDRESS (default
 * 0.0.0.0), WAKU_LISTEN_PORT (default 60000), WAKU_WS_PORT (optional: a websocket listener on the same address,
 * for light clients; wss is a proxy's job), WAKU_MAX_CONNECTIONS (optional, default 50: raise it for light
 * clients), WAKU_ANNOUNCE_ADDRESSES (optional: addresses announced beside the listeners, such as the wss address of
 * a TLS proxy in front of the /ws listener) and WAKU_NODE_KEY or WAKU_NODE_KEY_FILE (optional, 64 hex digits
 * or a file holding them: the same peer id at every start). At least one of the first two is required.
 */
export const parseWakuConfig = (env: Env): Result<WakuConfig, StatusError> => {
  const shards = parseShards(env.WAKU_SHARDS);
  if (!shards.ok) return shards;
  const bootstrapPeers = parseBootstrapPeers(env.WAKU_BOOTSTRAP_PEERS);
  if (!bootstrapPeers.ok) return bootstrapPeers;
  const fleet = parseFleet(env.WAKU_FLEET);
  if (!fleet.ok) return fleet;
  if (bootstrapPeers.value.length === 0 && fleet.value === undefined)
    return invalid('WAKU_BOOTSTRAP_PEERS', 'set it or WAKU_FLEET: the node needs peers to join');
  const listen = parseListen(env);
  if (!listen.ok) return listen;
  const announce = parseAnnounce(env.WAKU_ANNOUNCE_ADDRESSES);
  if (!announce.ok) return announce;
  const privateKey = parseNodeKey(env.WAKU_NODE_KEY, env.WAKU_NODE_KEY_FILE);
  if (!privateKey.ok) return privateKey;
  const maxConnections = parseMaxConnections(env.WAKU_MAX_CONNECTIONS);
  if (!maxConnections.ok) return maxConnections;
  return ok({
    shards: shards.value,
    listen: listen.value,
    announce: announce.value,
    bootstrapPeers: bootstrapPeers.value,
    fleet: fleet.value,
    enrTrees: fleet.value === undefined ? [] : [STATUS_FLEETS[fleet.value]],
    ...(maxConnections.value !== undefined && { maxConnections: maxConnections.value }),
    // Named privateKey so that log redaction masks it wherever the configuration is logged.
    ...(privateKey.value !== undefined && { privateKey: privateKey.value }),
  });
};
