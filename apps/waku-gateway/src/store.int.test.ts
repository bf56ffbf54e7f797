import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { tcp } from '@libp2p/tcp';
import { createDecoder, createEncoder, generateSymmetricKey } from '@waku/message-encryption/symmetric';
import type { LightNode } from '@waku/sdk';
import { Protocols, createLightNode } from '@waku/sdk';
import { createRoutingInfo } from '@waku/utils';
import type { TestDatabase } from '@status-communities/db/testing';
import { createTestDatabase } from '@status-communities/db/testing';
import { bigIntToUint64 } from '@status-communities/proto';
import { contentTopicForChatId } from '@status-communities/protocol';
import type { Devnet } from '@status-communities/testing';
import { startDevnet, waitFor } from '@status-communities/testing';
import type { WakuNode } from '@status-communities/waku';
import { STATUS_CLUSTER_ID, pubsubTopicForShard } from '@status-communities/waku';
import type { Gateway } from './service.js';
import { newCommunityId, startTestGateway, testConfig, testRedis, uniquePrefix } from './testing/fixtures.js';

jest.setTimeout(60_000);

const SHARD = 128;
const COUNT = 45;

describe('the stock @waku/sdk Store client against the gateway', () => {
  let devnet: Devnet;
  let db: TestDatabase;
  let gateway: Gateway;
  let light: LightNode;
  let cleanup: () => Promise<void>;
  const communityId = newCommunityId();
  const contentTopic = contentTopicForChatId(communityId);
  const routingInfo = createRoutingInfo({ clusterId: STATUS_CLUSTER_ID }, { shardId: SHARD });
  const symKey = generateSymmetricKey();
  const decoder = createDecoder(contentTopic, routingInfo, symKey);
  const expected = Array.from({ length: COUNT }, (_, index) => `message ${index}`);

  /** Every page the stock client yields, decrypted. */
  const pagesOf = async (
    options: Parameters<LightNode['store']['queryGenerator']>[1],
  ): Promise<string[][]> => {
    const pages: string[][] = [];
    for await (const page of light.store.queryGenerator([decoder], options)) {
      const decoded = (await Promise.all(page)).filter((message) => message !== undefined);
      pages.push(decoded.map((message) => new TextDecoder().decode(message.payload)));
    }
    return pages;
  };

  beforeAll(async () => {
    [devnet, db] = await Promise.all([startDevnet({ nodes: 2 }), createTestDatabase()]);
    await db.prisma.watchedCommunity.create({ data: { communityId } });
    const prefix = uniquePrefix();
    cleanup = testRedis(prefix).cleanup;
    gateway = await startTestGateway(testConfig(devnet, db.url, prefix));

    // Status-style traffic: version 1 (js-waku's own symmetric encoder), relayed by a devnet node, archived by
    // the gateway because the topic is a watched community's. One ms apart, so the order is the timestamps'.
    const publisher = devnet.nodes[0] as WakuNode;
    const encoder = createEncoder({ contentTopic, routingInfo, symKey });
    const startNs = BigInt(Date.now()) * 1_000_000n;
    for (const [index, text] of expected.entries()) {
      const proto = await encoder.toProtoObj({ payload: new TextEncoder().encode(text) });
      if (proto === undefined) throw new Error('js-waku did not encode');
      const outcome = await publisher.publish(pubsubTopicForShard(SHARD), {
        payload: proto.payload,
        contentTopic,
        version: proto.version ?? 1,
        timestamp: bigIntToUint64(startNs + BigInt(index) * 1_000_000n),
      });
      if (outcome.status !== 'published') throw new Error(`publish ${index}: ${outcome.status}`);
    }
    await waitFor('every message archived', async () => (await db.prisma.wakuMessage.count()) === COUNT);

    light = await createLightNode({
      defaultBootstrap: false,
      networkConfig: { clusterId: STATUS_CLUSTER_ID },
      libp2p: { transports: [tcp()], hideWebSocketInfo: true },
    });
    await light.start();
    await light.dial(gateway.node.multiaddrs[0] ?? '');
    // No timeout argument: @waku/sdk 0.0.36 leaves that timer running once the peer is found.
    await light.waitForPeers([Protocols.Store]);
  });

  afterAll(async () => {
    await light.stop();
    await gateway.stop();
    await cleanup();
    await Promise.all([devnet.stop(), db.drop()]);
  });

  it('pages through every archived message, in order', async () => {
    const pages = await pagesOf({ paginationLimit: 20 });
    expect(pages.map((page) => page.length)).toEqual([20, 20, 5]);
    expect(pages.flat()).toEqual(expected);
  });

  it('pages backward, newest page first, each page in order', async () => {
    const pages = await pagesOf({ paginationLimit: 20, paginationForward: false });
    expect(pages).toEqual([expected.slice(25), expected.slice(5, 25), expected.slice(0, 5)]);
  });
});
