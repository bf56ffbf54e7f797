import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EnrDecoder } from '@waku/enr';
import type { LightNode } from '@waku/sdk';
import { Protocols, createLightNode } from '@waku/sdk';
import type { WakuNode } from './index.js';
import { InMemoryStoreArchive, STATUS_CLUSTER_ID, createWakuNode, serveStore } from './index.js';

describe('websockets', () => {
  let server: WakuNode;
  let light: LightNode;

  beforeAll(async () => {
    server = await createWakuNode({
      shards: [32],
      listen: ['/ip4/127.0.0.1/tcp/0', '/ip4/127.0.0.1/tcp/0/ws'],
    });
    await server.start();
    await serveStore(server, new InMemoryStoreArchive());
    // The stock light node as a browser runs it: @waku/sdk's own transport, websockets only.
    light = await createLightNode({
      defaultBootstrap: false,
      networkConfig: { clusterId: STATUS_CLUSTER_ID },
      libp2p: { hideWebSocketInfo: true },
    });
    await light.start();
  });

  afterAll(async () => {
    await light?.stop();
    await server?.stop();
  });

  it('listens on /ws beside TCP and announces both', () => {
    expect(server.multiaddrs).toEqual([
      expect.stringMatching(new RegExp(`^/ip4/127\\.0\\.0\\.1/tcp/\\d+/p2p/${server.peerId}$`)),
      expect.stringMatching(new RegExp(`^/ip4/127\\.0\\.0\\.1/tcp/\\d+/ws/p2p/${server.peerId}$`)),
    ]);
    expect(server.websocketMultiaddrs).toEqual([server.multiaddrs[1]]);
  });

  it("announces a proxy's wss address in identify and first in its ENR", async () => {
    const wss = '/dns4/gw-0.example.org/tcp/443/wss';
    const proxied = await createWakuNode({
      shards: [32],
      listen: ['/ip4/127.0.0.1/tcp/0', '/ip4/127.0.0.1/tcp/0/ws'],
      announce: [wss],
    });
    const peer = await createWakuNode({ shards: [32] });
    try {
      await Promise.all([proxied.start(), peer.start()]);
      expect(proxied.websocketMultiaddrs).toContain(`${wss}/p2p/${proxied.peerId}`);
      await peer.connect(proxied.multiaddrs[0] ?? '');
      // What identify told the peer.
      const identified = async (): Promise<string[]> =>
        (await peer.light.libp2p.peerStore.get(proxied.light.libp2p.peerId)).addresses.map((address) =>
          address.multiaddr.toString(),
        );
      for (const deadline = Date.now() + 5_000; !(await identified()).includes(wss) && Date.now() < deadline;)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await identified()).toContain(wss);
      const enr = await EnrDecoder.fromRLP(proxied.signedEnr());
      expect(enr.peerInfo?.multiaddrs.map(String)).toContain(`${wss}/p2p/${proxied.peerId}`);
      expect(enr.ip).toBe('127.0.0.1');
    } finally {
      await Promise.all([proxied.stop(), peer.stop()]);
    }
  });

  it('takes a stock @waku/sdk light node over websockets', async () => {
    const [address] = server.websocketMultiaddrs;
    if (address === undefined) throw new Error('no websocket address');
    await light.dial(address);
    await light.waitForPeers([Protocols.Store]);
    const [connection] = light.libp2p.getConnections();
    expect(connection?.remoteAddr.toString()).toContain('/ws');
  });
});
