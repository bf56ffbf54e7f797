import type { PeerId } from '@libp2p/interface';
import { multiaddr } from '@multiformats/multiaddr';
import { EnrDecoder } from '@waku/enr';
import { encodeRelayShard } from '@waku/utils';
import { keccak256, publicKeyFromPrivateKey, sign } from '@status-communities/crypto';
import { STATUS_CLUSTER_ID } from '../pubsub-topic.js';
import { rlpEncode } from './rlp.js';

export interface OwnRecord {
  /** The node's secp256k1 private key, 32 bytes: it signs the record. */
  readonly privateKey: Uint8Array;
  /** Where the node listens, with or without /p2p/: the first TCP one goes in ip/tcp, websocket ones in `multiaddrs`. */
  readonly addresses: readonly string[];
  readonly shards: readonly number[];
  /** EIP-778 sequence number: a newer record of the same node has a higher one. Default: now in seconds. */
  readonly seq?: number;
}

/** EIP-778 caps a record at 300 bytes. */
export const MAX_ENR_BYTES = 300;
/** Two websocket addresses beside ip/tcp fit with any shard list we relay. */
const MAX_WEBSOCKET_ADDRESSES = 2;

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const uint = (value: number): Uint8Array => {
  const bytes: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Uint8Array.from(bytes);
};
const u16 = (value: number): Uint8Array => Uint8Array.from([value >> 8, value & 0xff]);

/** 31/WAKU2-ENR `multiaddrs`: each address's bytes behind a 2-byte big-endian length. */
const encodeMultiaddrs = (addresses: readonly string[]): Uint8Array => {
  const parts = addresses.map((address) => multiaddr(address).bytes);
  const out: number[] = [];
  for (const part of parts) out.push(...u16(part.length), ...part);
  return Uint8Array.from(out);
};

/** 31/WAKU2-ENR `waku2` flags: bit 0 relay, 1 store, 2 filter, 3 lightpush. */
const WAKU2_FLAGS = 0b1111;

const withoutPeerId = (address: string): string => address.replace(/\/p2p\/[^/]+$/, '');

/**
 * The node's own signed ENR (EIP-778 "v4" identity with 31/WAKU2-ENR fields): secp256k1 key, ip and tcp of its
 * TCP listener, its websocket listeners in `multiaddrs` (what light clients dial), `waku2` flags for relay,
 * store, filter and lightpush, and `rs` for cluster 16 and its shards. What peer exchange hands out for it.
 */
export const signedEnr = ({ privateKey, addresses, shards, seq }: OwnRecord): Uint8Array => {
  const fields = new Map<string, Uint8Array>([
    ['id', utf8('v4')],
    ['secp256k1', publicKeyFromPrivateKey(privateKey, { compressed: true })],
    ['waku2', Uint8Array.from([WAKU2_FLAGS])],
    ['rs', encodeRelayShard({ clusterId: STATUS_CLUSTER_ID, shards: [...shards] })],
  ]);
  const tcp = addresses.map(withoutPeerId).find((address) => /^\/ip4\/[^/]+\/tcp\/\d+$/.test(address));
  if (tcp !== undefined) {
    const [, , ip, , port] = tcp.split('/');
    fields.set('ip', Uint8Array.from((ip ?? '').split('.').map(Number)));
    fields.set('tcp', u16(Number(port)));
  }
  const websockets = addresses.map(withoutPeerId).filter((address) => /\/wss?$/.test(address));
  if (websockets.length > 0)
    fields.set('multiaddrs', encodeMultiaddrs(websockets.slice(0, MAX_WEBSOCKET_ADDRESSES)));
  // EIP-778: keys sorted, the signature over keccak256(rlp([seq, k, v, …])), 64 bytes r || s.
  const content = [
    uint(seq ?? Math.floor(Date.now() / 1_000)),
    ...[...fields.keys()].sort().flatMap((key) => [utf8(key), fields.get(key) as Uint8Array]),
  ];
  const signature = sign(keccak256(rlpEncode(content)), privateKey).subarray(0, 64);
  const record = rlpEncode([signature, ...content]);
  if (record.length > MAX_ENR_BYTES)
    throw new RangeError(`ENR of ${record.length} bytes, at most ${MAX_ENR_BYTES}`);
  return record;
};

/** The peer id an ENR names, undefined when it does not decode or its signature does not verify. */
export const peerIdOfEnr = async (bytes: Uint8Array): Promise<PeerId | undefined> => {
  try {
    return (await EnrDecoder.fromRLP(bytes)).peerId;
  } catch {
    return undefined;
  }
};
