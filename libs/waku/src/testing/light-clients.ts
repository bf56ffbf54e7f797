import { createDecoder, createEncoder, generateSymmetricKey } from '@waku/message-encryption/symmetric';
import type { IDecodedMessage, IDecoder, LightNode } from '@waku/sdk';
import { createLightNode } from '@waku/sdk';
import { createRoutingInfo } from '@waku/utils';
import { lpStream } from 'it-length-prefixed-stream';
import { bigIntToUint64, waku } from '@status-communities/proto';
import type { WakuNode } from '../index.js';
import { STATUS_CLUSTER_ID, createWakuNode } from '../index.js';

/** Test messages live on shard 32, the Status default, under one content topic and key. */
export const SHARD = 32;
export const PUBSUB_TOPIC = '/waku/2/rs/16/32';
export const CONTENT_TOPIC = '/waku/1/0x12345678/rfc26';
export const routingInfo = createRoutingInfo({ clusterId: STATUS_CLUSTER_ID }, { shardId: SHARD });
export const symKey = generateSymmetricKey();
export const decoder: IDecoder<IDecodedMessage> = createDecoder(CONTENT_TOPIC, routingInfo, symKey);

const utf8 = new TextEncoder();
export const text = (message: IDecodedMessage): string => new TextDecoder().decode(message.payload);

/** A version-1 (symmetric 26/WAKU2-PAYLOAD) message made by js-waku's own encoder, timestamped now. */
export const encryptedMessage = async (
  plaintext: string,
  contentTopic = CONTENT_TOPIC,
  timestampNs = BigInt(Date.now()) * 1_000_000n,
): Promise<waku.WakuMessage> => {
  const proto = await createEncoder({ contentTopic, routingInfo, symKey }).toProtoObj({
    payload: utf8.encode(plaintext),
  });
  if (proto === undefined) throw new Error('js-waku did not encode');
  return waku.WakuMessage.create({
    payload: proto.payload,
    contentTopic,
    version: proto.version ?? 0,
    timestamp: bigIntToUint64(timestampNs),
  });
};

/** Relay nodes of ours: the service node light clients dial (TCP and websockets) and relay peers beside it. */
export class ServiceNodes {
  private readonly nodes: WakuNode[] = [];
  private readonly lights: LightNode[] = [];

  async relay(shards: readonly number[] = [SHARD]): Promise<WakuNode> {
    const node = await createWakuNode({
      shards,
      listen: ['/ip4/127.0.0.1/tcp/0', '/ip4/127.0.0.1/tcp/0/ws'],
    });
    this.nodes.push(node);
    await node.start();
    return node;
  }

  /** The stock @waku/sdk light node as a browser runs it: its own websocket transport, cluster 16. */
  async light(): Promise<LightNode> {
    const light = await createLightNode({
      defaultBootstrap: false,
      networkConfig: { clusterId: STATUS_CLUSTER_ID },
      libp2p: { hideWebSocketInfo: true },
    });
    this.lights.push(light);
    await light.start();
    return light;
  }

  async stopAll(): Promise<void> {
    // @waku/sdk 0.0.36's stop() leaves each Filter subscription's keep-alive interval running; this clears them.
    for (const light of this.lights) light.filter.unsubscribeAll();
    await Promise.all(this.lights.splice(0).map((light) => light.stop()));
    await Promise.all(this.nodes.splice(0).map((node) => node.stop()));
  }
}

/** Resolves once every node has a relay mesh peer on `shard` (meshes form at a heartbeat). */
export const meshed = async (
  nodes: readonly WakuNode[],
  shard = SHARD,
  timeoutMs = 10_000,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  const hasMesh = (node: WakuNode): boolean =>
    node.shardPeers().some((peers) => peers.shard === shard && peers.meshPeers > 0);
  while (!nodes.every(hasMesh)) {
    if (Date.now() > deadline) throw new Error(`no relay mesh within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

export const websocketAddressOf = (node: WakuNode): string => {
  const [address] = node.websocketMultiaddrs;
  if (address === undefined) throw new Error(`node ${node.peerId} has no websocket address`);
  return address;
};

/** Sends raw bytes as one length-prefixed request on `codec` and returns the raw response. */
export const exchangeRaw = async (
  client: WakuNode,
  server: WakuNode,
  codec: string,
  bytes: Uint8Array,
): Promise<Uint8Array> => {
  const stream = await client.light.libp2p.dialProtocol(server.light.libp2p.peerId, codec);
  const messages = lpStream(stream);
  const signal = AbortSignal.timeout(5_000);
  await messages.write(bytes, { signal });
  await stream.closeWrite({ signal });
  const response = await messages.read({ signal });
  await stream.close({ signal }).catch(() => undefined);
  return response.subarray();
};
