import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { PeerInfo } from '@libp2p/interface';
import { multiaddr } from '@multiformats/multiaddr';
import { createLightNode } from '@waku/sdk';
import type { LightNode } from '@waku/sdk';
import { waku } from '@status-communities/proto';
import type { PeerExchangeService, ServedPeerExchange, WakuNode } from '../index.js';
import { PEER_EXCHANGE_CODEC, STATUS_CLUSTER_ID, servePeerExchange } from '../index.js';
import { ServiceNodes, exchangeRaw, websocketAddressOf } from '../testing/light-clients.js';

jest.setTimeout(30_000);

describe('servePeerExchange', () => {
  const nodes = new ServiceNodes();
  const served: ServedPeerExchange[] = [];
  let gateway: WakuNode;
  let other: WakuNode;
  let rawClient: WakuNode;
  let service: PeerExchangeService;
  let light: LightNode | undefined;

  beforeAll(async () => {
    gateway = await nodes.relay();
    other = await nodes.relay();
    rawClient = await nodes.relay();
    service = await servePeerExchange(gateway, {
      peers: () => [other.signedEnr()],
      onServed: (exchange) => served.push(exchange),
    });
    await rawClient.connect(gateway.multiaddrs[0]!);
  });

  afterAll(async () => {
    await light?.stop();
    await service?.close();
    await nodes.stopAll();
  });

  it("hands a stock @waku/sdk light node that knows one gateway the other's ENR, websocket address included", async () => {
    const created = await createLightNode({
      defaultBootstrap: false,
      networkConfig: { clusterId: STATUS_CLUSTER_ID },
      discovery: { peerExchange: true, dns: false, peerCache: false },
      libp2p: { hideWebSocketInfo: true },
    });
    light = created;
    const discovered = new Promise<PeerInfo>((resolve) =>
      created.libp2p.addEventListener('peer:discovery', (event) => {
        if (event.detail.id.toString() === other.peerId) resolve(event.detail);
      }),
    );
    await created.start();
    await created.libp2p.dial(multiaddr(websocketAddressOf(gateway)));
    const found = await discovered;
    expect(found.multiaddrs.map(String)).toContain(
      websocketAddressOf(other).replace(`/p2p/${other.peerId}`, ''),
    );
    // What it found is enough to reach the other gateway over websockets.
    const connection = await created.libp2p.dial(found.id);
    expect(connection.remoteAddr.toString()).toContain('/ws');
    expect(served).toContainEqual(expect.objectContaining({ peers: 1, malformed: false }));
  });

  it('gives no more than asked, and an empty answer to a query that does not decode', async () => {
    const ask = async (bytes: Uint8Array) =>
      waku.peer_exchange.PeerExchangeRPC.decode(
        await exchangeRaw(rawClient, gateway, PEER_EXCHANGE_CODEC, bytes),
      );
    const none = await ask(waku.peer_exchange.PeerExchangeRPC.encode({ query: { numPeers: 0 } }).finish());
    expect(none.response?.peerInfos).toEqual([]);
    const huge = await ask(
      waku.peer_exchange.PeerExchangeRPC.encode({
        query: { numPeers: '18446744073709551615' as never },
      }).finish(),
    );
    expect(huge.response?.peerInfos).toHaveLength(1);
    const garbage = await ask(Uint8Array.from([0x0a, 0xff, 0x01]));
    expect(garbage.response?.peerInfos).toEqual([]);
    expect(served.at(-1)).toMatchObject({ peers: 0, malformed: true });
  });
});
