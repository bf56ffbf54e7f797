import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { TestDatabase } from '@status-communities/db/testing';
import { createTestDatabase } from '@status-communities/db/testing';
import { contentTopicForChatId, memberUpdateChatId } from '@status-communities/protocol';
import type { Devnet } from '@status-communities/testing';
import { startDevnet, testWakuMessage, waitFor, waitForMesh } from '@status-communities/testing';
import type { WakuNode } from '@status-communities/waku';
import { messageHashHex, pubsubTopicForShard, queryStore } from '@status-communities/waku';
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

describe('the gateway on a devnet, Redis and PostgreSQL', () => {
  let devnet: Devnet;
  let db: TestDatabase;
  let publisher: WakuNode;
  const gateways: Gateway[] = [];
  const prefixes: string[] = [];

  beforeAll(async () => {
    [devnet, db] = await Promise.all([startDevnet({ nodes: 3 }), createTestDatabase()]);
    publisher = devnet.nodes[0] as WakuNode;
  });

  afterEach(async () => {
    await Promise.all(gateways.splice(0).map((gateway) => gateway.stop()));
    for (const prefix of prefixes.splice(0)) await testRedis(prefix).cleanup();
    await db.prisma.wakuMessage.deleteMany();
    await db.prisma.watchedCommunity.deleteMany();
    await db.prisma.community.deleteMany();
  });

  afterAll(async () => {
    await Promise.all([devnet.stop(), db.drop()]);
  });

  const start = async (count: number, env: Record<string, string> = {}): Promise<Gateway[]> => {
    const prefix = uniquePrefix();
    prefixes.push(prefix);
    const started = await Promise.all(
      Array.from({ length: count }, () => startTestGateway(testConfig(devnet, db.url, prefix, env))),
    );
    gateways.push(...started);
    return started;
  };

  it('answers /healthz, /readyz with peers per shard, and /metrics over HTTP', async () => {
    const [gateway] = await start(1);
    if (gateway === undefined) throw new Error('no gateway');
    const message = testWakuMessage();
    await publisher.publish(pubsubTopicForShard(32), message);

    const healthz = await fetch(`${gateway.healthUrl}/healthz`);
    expect(healthz.status).toBe(200);
    expect(await healthz.json()).toMatchObject({ status: 'ok', service: 'waku-gateway' });

    const readyz = await fetch(`${gateway.healthUrl}/readyz`);
    const report = (await readyz.json()) as {
      ready: boolean;
      checks: Record<string, { ok: boolean; details?: { shards: Record<string, { topicPeers: number }> } }>;
    };
    expect(readyz.status).toBe(200);
    expect(report.ready).toBe(true);
    expect(Object.keys(report.checks)).toEqual(['postgres', 'redis', 'waku']);
    const shards = report.checks['waku']?.details?.shards ?? {};
    expect(Object.keys(shards)).toEqual(['32', '64', '128', '256']);
    for (const peers of Object.values(shards)) expect(peers.topicPeers).toBe(3);

    await waitFor('the message counted', async () => {
      const text = await (await fetch(`${gateway.healthUrl}/metrics`)).text();
      return text.includes(
        'waku_gateway_messages_in_total{shard="32",source="relay",service="waku-gateway"} 1',
      );
    });
    const metrics = await fetch(`${gateway.healthUrl}/metrics`);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const text = await metrics.text();
    expect(text).toContain('waku_gateway_peers{shard="128",kind="topic",service="waku-gateway"} 3');
    expect(text).toContain('process_resident_memory_bytes');
    // The depth and age of waku.inbound, read from Redis at scrape time.
    expect(text).toMatch(
      /^queue_jobs\{queue="\{waku\.inbound\}",state="waiting",service="waku-gateway"\} \d+$/m,
    );
    expect(text).toMatch(
      /^queue_oldest_waiting_seconds\{queue="\{waku\.inbound\}",service="waku-gateway"\} /m,
    );
  });

  it('archives messages of watched communities once, serves them over Store v3, and skips the rest', async () => {
    const communityId = newCommunityId();
    await db.prisma.watchedCommunity.create({ data: { communityId } });
    const [first] = await start(2);
    if (first === undefined) throw new Error('no gateway');
    const topic = pubsubTopicForShard(256);
    const watched = [0, 1, 2].map(() =>
      testWakuMessage({ contentTopic: contentTopicForChatId(memberUpdateChatId(communityId)) }),
    );
    const unwatched = testWakuMessage();
    for (const message of [...watched, unwatched]) await publisher.publish(topic, message);
    const hashes = watched.map((message) => messageHashHex(topic, message));

    await waitFor('three archived rows', async () => (await db.prisma.wakuMessage.count()) === 3);
    // Each gateway has received all four, the unwatched one too, and has finished with them.
    for (const gateway of gateways)
      await waitFor(
        'all four messages in',
        async () =>
          (await metricValue(gateway.metrics, 'waku_gateway_messages_in_total', { shard: '256' })) === 4,
      );
    await Promise.all(gateways.map((gateway) => gateway.inboundSettled()));
    const rows = await db.prisma.wakuMessage.findMany({ orderBy: [{ timestamp: 'asc' }, { hash: 'asc' }] });
    expect(rows.map((row) => Buffer.from(row.hash).toString('hex')).sort()).toEqual([...hashes].sort());

    // Any Waku node can now ask the gateway for the history, as a hosted community's members would.
    const client = devnet.nodes[2] as WakuNode;
    const pages = queryStore(client, first.node.multiaddrs[0] ?? '', {
      pubsubTopic: topic,
      contentTopics: [watched[0]?.contentTopic ?? ''],
      pageSize: 2,
    });
    const served: string[] = [];
    for await (const page of pages) served.push(...page.entries.map((entry) => entry.hash));
    expect(served).toEqual(rows.map((row) => Buffer.from(row.hash).toString('hex')));
  });

  it('sweeps archived messages past ARCHIVE_RETENTION_DAYS', async () => {
    const [gateway] = await start(1, { ARCHIVE_RETENTION_DAYS: '7' });
    if (gateway === undefined) throw new Error('no gateway');
    const dayNs = 86_400_000n * 1_000_000n;
    const nowNs = BigInt(Date.now()) * 1_000_000n;
    const row = (hash: number, ageDays: bigint) => ({
      hash: Uint8Array.from({ length: 32 }, () => hash),
      pubsubTopic: pubsubTopicForShard(32),
      contentTopic: '/waku/1/0x01020304/rfc26',
      timestamp: nowNs - ageDays * dayNs,
      payload: Uint8Array.of(1),
    });
    await db.prisma.wakuMessage.createMany({ data: [row(1, 8n), row(2, 30n), row(3, 6n)] });

    expect(await gateway.sweepRetention()).toBe(2);
    const left = await db.prisma.wakuMessage.findMany();
    expect(left.map((entry) => entry.hash[0])).toEqual([3]);
  });

  it('picks up a newly watched community and relays the shard it announced', async () => {
    const [gateway] = await start(1);
    if (gateway === undefined) throw new Error('no gateway');
    const communityId = newCommunityId();
    await db.prisma.community.create({
      data: { id: communityId, kind: 'WATCHED', shardCluster: 16, shardIndex: 777 },
    });
    await db.prisma.watchedCommunity.create({ data: { communityId } });

    const list = await gateway.refreshWatchList();
    expect(list.communities.has(communityId)).toBe(true);
    expect(gateway.node.shards).toContain(777);

    for (const node of devnet.nodes) node.addShard(777);
    try {
      await waitForMesh([gateway.node], [777]);
      const topic = pubsubTopicForShard(777);
      const message = testWakuMessage({ contentTopic: contentTopicForChatId(communityId) });
      await publisher.publish(topic, message);
      const hash = Buffer.from(messageHashHex(topic, message), 'hex');
      await waitFor(
        'the message archived',
        async () => (await db.prisma.wakuMessage.count({ where: { hash } })) === 1,
      );

      await db.prisma.watchedCommunity.delete({ where: { communityId } });
      await gateway.refreshWatchList();
      expect(gateway.node.shards).not.toContain(777);
    } finally {
      for (const node of devnet.nodes) node.removeShard(777);
    }
  });
});
