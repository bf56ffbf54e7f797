import { proto_store } from '@waku/proto';
import { lpStream } from 'it-length-prefixed-stream';
import type { WakuNode } from '../../index.js';
import { createWakuNode } from '../../index.js';
import { MAX_RESPONSE_BYTES, STORE_QUERY_CODEC } from '../store-protocol.js';
import { endExchange } from '../stream-end.js';
import { SHARD } from './fixtures.js';

/** Started nodes of ours on 127.0.0.1, stopped together. */
export class TestNodes {
  private readonly nodes: WakuNode[] = [];

  async start(): Promise<WakuNode> {
    const node = await createWakuNode({ shards: [SHARD] });
    this.nodes.push(node);
    await node.start();
    return node;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.nodes.splice(0).map((node) => node.stop()));
  }
}

export const addressOf = (node: WakuNode): string => {
  const [address] = node.multiaddrs;
  if (address === undefined) throw new Error(`node ${node.peerId} has no listen address`);
  return address;
};

/** Sends raw bytes as one length-prefixed message on the Store codec and decodes the reply. */
export const exchangeRaw = async (
  client: WakuNode,
  server: WakuNode,
  bytes: Uint8Array,
): Promise<proto_store.StoreQueryResponse> => {
  const stream = await client.light.libp2p.dialProtocol(server.light.libp2p.peerId, STORE_QUERY_CODEC);
  const messages = lpStream(stream, { maxDataLength: MAX_RESPONSE_BYTES });
  const signal = AbortSignal.timeout(5_000);
  await messages.write(bytes, { signal });
  await stream.closeWrite({ signal });
  const response = await messages.read({ signal });
  await endExchange(stream, messages, signal);
  return proto_store.StoreQueryResponse.decode(response);
};
