import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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

  it('takes a stock @waku/sdk light node over websockets', async () => {
    const [address] = server.websocketMultiaddrs;
    if (address === undefined) throw new Error('no websocket address');
    await light.dial(address);
    await light.waitForPeers([Protocols.Store]);
    const [connection] = light.libp2p.getConnections();
    expect(connection?.remoteAddr.toString()).toContain('/ws');
  });
});
