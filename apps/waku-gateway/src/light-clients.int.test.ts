import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { PeerInfo } from '@libp2p/interface';
import { createDecoder, createEncoder } from '@waku/message-encryption/symmetric';
import type { IDecodedMessage, LightNode } from '@waku/sdk';
import { LightPushError, Protocols, createLightNode } from '@waku/sdk';
import { createRoutingInfo } from '@waku/utils';
import { encodeSymmetric, generatePrivateKey, symKeyFor } from '@status-communities/crypto';
import type { TestDatabase } from '@status-communities/db/testing';
import { createTestDatabase } from '@status-communities/db/testing';
import { bigIntToUint64 } from '@status-communities/proto';
import { contentTopicForChatId } from '@status-communities/protocol';
import type { TypedQueue } from '@status-communities/queue';
import { QueueName, closeQueueResources, createQueue } from '@status-communities/queue';
import type { Devnet } from '@status-communities/testing';
import { startDevnet, waitFor } from '@status-communities/testing';
import type { ReceivedMessage, WakuNode } from '@status-communities/waku';
import { STATUS_CLUSTER_ID, messageHashHex, pubsubTopicForShard } from '@status-communities/waku';
import type { Gateway } from './service.js';
import {
  metricValue,
  newCommunityId,
  startTestGateway,
  testConfig,
  testRedis,
  uniquePrefix,
} from './testing/fixtures.js';

jest.setTimeout(60_000);

/** Descriptions go on shard 128, channel messages on 256 (56/STATUS-COMMUNITIES), as Status clients read them. */
const CONTROL_SHARD = 128;
const CONTENT_SHARD = 256;

describe('a stock @waku/sdk light node against the gateway over websockets', () => {
  let devnet: Devnet;
  let db: TestDatabase;
  let gateway: Gateway;
  let second: Gateway;
  let light: LightNode;
  let explorer: LightNode | undefined;
  let queue: TypedQueue<typeof QueueName.WAKU_INBOUND>;
  let cleanup: () => Promise<void>;
  const communityId = newCommunityId();
  const memberUpdate = `${communityId}-memberUpdate`;
  const descriptionTopic = contentTopicForChatId(communityId);
  const chatTopic = contentTopicForChatId(memberUpdate);
  const control = createRoutingInfo({ clusterId: STATUS_CLUSTER_ID }, { shardId: CONTROL_SHARD });
  const content = createRoutingInfo({ clusterId: STATUS_CLUSTER_ID }, { shardId: CONTENT_SHARD });
  const memberKey = generatePrivateKey();
  const utf8 = new TextEncoder();
  const text = (message: IDecodedMessage): string => new TextDecoder().decode(message.payload);

  /** A signed, symmetric-encrypted Status envelope, as status-go sends, published by a devnet node. */
  const publishFromDevnet = async (shard: number, chatId: string, plaintext: string): Promise<string> => {
    const node = devnet.nodes[0] as WakuNode;
    const message = {
      payload: encodeSymmetric(utf8.encode(plaintext), symKeyFor(chatId), memberKey),
      contentTopic: contentTopicForChatId(chatId),
      version: 1,
      timestamp: bigIntToUint64(BigInt(Date.now()) * 1_000_000n),
    };
    const outcome = await node.publish(pubsubTopicForShard(shard), message);
    if (outcome.status !== 'published') throw new Error(`publish: ${outcome.status}`);
    return outcome.hash;
  };

  beforeAll(async () => {
    [devnet, db] = await Promise.all([startDevnet({ nodes: 2 }), createTestDatabase()]);
    await db.prisma.watchedCommunity.create({ data: { communityId } });
    const prefix = uniquePrefix();
    const redis = testRedis(prefix);
    queue = createQueue(QueueName.WAKU_INBOUND, redis.redis, { prefix });
    cleanup = async () => {
      await closeQueueResources({ queues: [queue] });
      await redis.cleanup();
    };
    // Two gateways sharing Redis and PostgreSQL, as production runs them.
    [gateway, second] = await Promise.all([
      startTestGateway(testConfig(devnet, db.url, prefix, { WAKU_WS_PORT: '0' })),
      startTestGateway(testConfig(devnet, db.url, prefix, { WAKU_WS_PORT: '0' })),
    ]);
    light = await createLightNode({
      defaultBootstrap: false,
      networkConfig: { clusterId: STATUS_CLUSTER_ID },
      libp2p: { hideWebSocketInfo: true },
    });
    await light.start();
    await light.dial(gateway.node.websocketMultiaddrs[0] ?? '');
    await light.waitForPeers([Protocols.Store, Protocols.Filter, Protocols.LightPush]);
  });

  afterAll(async () => {
    // @waku/sdk 0.0.36's stop() leaves each Filter subscription's keep-alive interval running.
    light?.filter.unsubscribeAll();
    await light?.stop();
    await explorer?.stop();
    await Promise.all([gateway?.stop(), second?.stop()]);
    await cleanup?.();
    await Promise.all([devnet?.stop(), db?.drop()]);
  });

  it('pushes the next description to a Filter subscriber, and Store serves it', async () => {
    const decoder = createDecoder(descriptionTopic, control, symKeyFor(communityId));
    let delivered: (message: IDecodedMessage) => void = () => undefined;
    const next = new Promise<IDecodedMessage>((resolve) => (delivered = resolve));
    expect(await light.filter.subscribe(decoder, (message) => delivered(message))).toBe(true);
    const hash = await publishFromDevnet(CONTROL_SHARD, communityId, 'a description');
    const pushed = await next;
    expect(text(pushed)).toBe('a description');
    expect(
      await metricValue(gateway.metrics, 'waku_gateway_filter_pushes_total', { outcome: 'pushed' }),
    ).toBe(1);

    await waitFor('the description archived', async () => (await db.prisma.wakuMessage.count()) >= 1);
    const stored: string[] = [];
    for await (const page of light.store.queryGenerator([decoder]))
      for (const message of await Promise.all(page)) if (message !== undefined) stored.push(text(message));
    expect(stored).toEqual(['a description']);
    expect(await queue.getJob(hash)).toBeDefined();
  });

  it("relays a member's chat message light-pushed to the gateway, queued for the indexer once", async () => {
    const relayed = new Promise<ReceivedMessage>((resolve) => {
      const stop = (devnet.nodes[1] as WakuNode).subscribe((received) => {
        if (received.message.contentTopic !== chatTopic) return;
        stop();
        resolve(received);
      });
    });
    const encoder = createEncoder({
      contentTopic: chatTopic,
      routingInfo: content,
      symKey: symKeyFor(memberUpdate),
      sigPrivKey: memberKey,
    });
    const result = await light.lightPush.send(encoder, { payload: utf8.encode('hello from a light client') });
    expect(result.failures).toEqual([]);
    const { pubsubTopic, message, hash } = await relayed;
    expect(pubsubTopic).toBe(pubsubTopicForShard(CONTENT_SHARD));
    expect(messageHashHex(pubsubTopic, message)).toBe(hash);
    await waitFor('the pushed message on waku.inbound', async () => (await queue.getJob(hash)) !== undefined);
    await waitFor(
      'the pushed message archived',
      async () => (await db.prisma.wakuMessage.count({ where: { hash: Buffer.from(hash, 'hex') } })) === 1,
    );
    // One job: the relay's copy coming back is a dedup hit, not a second job.
    const jobs = await queue.getJobs(['waiting', 'active', 'completed', 'delayed']);
    expect(jobs.filter((job) => job.id === hash)).toHaveLength(1);
    expect(
      await metricValue(gateway.metrics, 'waku_gateway_lightpush_requests_total', {
        status: '200',
        outcome: 'published',
      }),
    ).toBe(1);
  });

  it('refuses an unsigned payload on a community topic (420), counted, and keeps relaying', async () => {
    const unsigned = createEncoder({
      contentTopic: chatTopic,
      routingInfo: content,
      symKey: symKeyFor(memberUpdate),
    });
    const result = await light.lightPush.send(unsigned, { payload: utf8.encode('no signature') });
    expect(result.successes).toEqual([]);
    expect(result.failures.map((failure) => failure.error)).toContain(LightPushError.REMOTE_PEER_REJECTED);
    expect(
      await metricValue(gateway.metrics, 'waku_gateway_lightpush_requests_total', {
        status: '420',
        outcome: 'unsigned_payload',
      }),
    ).toBeGreaterThanOrEqual(1);
    const hash = await publishFromDevnet(CONTENT_SHARD, memberUpdate, 'relay still flows');
    await waitFor(
      'the relayed message on waku.inbound',
      async () => (await queue.getJob(hash)) !== undefined,
    );
  });

  it('hands a light client that knows one gateway the other by peer exchange, over websockets', async () => {
    const node = await createLightNode({
      defaultBootstrap: false,
      networkConfig: { clusterId: STATUS_CLUSTER_ID },
      discovery: { peerExchange: true, dns: false, peerCache: false },
      libp2p: { hideWebSocketInfo: true },
    });
    explorer = node;
    const found = new Promise<PeerInfo>((resolve) =>
      node.libp2p.addEventListener('peer:discovery', (event) => {
        if (event.detail.id.toString() === second.node.peerId) resolve(event.detail);
      }),
    );
    await node.start();
    await node.dial(gateway.node.websocketMultiaddrs[0] ?? '');
    const other = await found;
    expect(other.multiaddrs.map(String)).toContain(
      (second.node.websocketMultiaddrs[0] ?? '').replace(`/p2p/${second.node.peerId}`, ''),
    );
    // The light client can use the gateway it found as it uses the first.
    const connection = await node.libp2p.dial(other.id);
    expect(connection.remoteAddr.toString()).toContain('/ws');
    expect(
      await metricValue(gateway.metrics, 'waku_gateway_peer_exchange_requests_total', { result: 'answered' }),
    ).toBeGreaterThanOrEqual(1);
  });
});
