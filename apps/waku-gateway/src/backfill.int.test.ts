import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { TestDatabase } from '@status-communities/db/testing';
import { createTestDatabase } from '@status-communities/db/testing';
import { bigIntToUint64 } from '@status-communities/proto';
import { channelChatId, contentTopicForChatId, memberUpdateChatId } from '@status-communities/protocol';
import type { TypedQueue } from '@status-communities/queue';
import {
  QueueName,
  announceRoutesChanged,
  closeQueueResources,
  closeRedis,
  createQueue,
  createRedisConnection,
} from '@status-communities/queue';
import type { Devnet, DevnetStore, OwnRedisServer } from '@status-communities/testing';
import {
  serveDevnetStore,
  startDevnet,
  startOwnRedisServer,
  testWakuMessage,
  waitFor,
} from '@status-communities/testing';
import type { WakuNode } from '@status-communities/waku';
import { messageHashHex, pubsubTopicForShard, queryStore } from '@status-communities/waku';
import {
  BackfillCommandSchema,
  GAP_OVERLAP_MS,
  QueueOutage,
  backfillChannel,
  boundBySince,
  gapSinceMs,
  relayDelivers,
} from './backfill.js';
import { inboundJobId } from './inbound.js';
import type { InboundSource } from './inbound.js';
import type { Gateway } from './service.js';
import {
  captureLogs,
  metricValue,
  newCommunityId,
  startTestGateway,
  testConfig,
  testRedis,
  uniquePrefix,
} from './testing/fixtures.js';

jest.setTimeout(120_000);

const HOUR_MS = 3_600_000;
/** Messages published while the gateway is down. */
const MISSED = 300;
const CHANNEL = '5f9c0b2e-1b7d-4c8a-9d51-6a3e2f0c7b14';
describe('gapSinceMs', () => {
  const nowMs = Date.UTC(2026, 0, 15);
  const policy = { nowMs, backfillHours: 48, retentionDays: 30 };
  const ns = (ms: number): bigint => BigInt(ms) * 1_000_000n;

  it('starts 40 s before the last archived message, the latest a message missed since can carry', () => {
    expect(GAP_OVERLAP_MS).toBe(40_000);
    expect(gapSinceMs(ns(nowMs - 5 * HOUR_MS), policy)).toBe(nowMs - 5 * HOUR_MS - 40_000);
  });

  it('goes back the configured hours for a community with nothing archived', () => {
    expect(gapSinceMs(undefined, policy)).toBe(nowMs - 48 * HOUR_MS);
  });

  it('never reaches past what the archive keeps', () => {
    const cutoff = nowMs - 30 * 24 * HOUR_MS;
    expect(gapSinceMs(ns(nowMs - 90 * 24 * HOUR_MS), policy)).toBe(cutoff);
    expect(gapSinceMs(undefined, { ...policy, backfillHours: 24 * 365 })).toBe(cutoff);
    expect(boundBySince(0, policy)).toBe(cutoff);
    expect(boundBySince(nowMs - HOUR_MS, policy)).toBe(nowMs - HOUR_MS);
  });
});

describe('relayDelivers', () => {
  const peers = (meshPeers: number[]) =>
    meshPeers.map((mesh, index) => ({
      shard: [32, 64][index] ?? 0,
      pubsubTopic: '',
      meshPeers: mesh,
      topicPeers: 2,
    }));

  it('holds once every shard served has a mesh peer', () => {
    expect(relayDelivers(peers([1, 3]), [32, 64])).toBe(true);
    expect(relayDelivers(peers([1, 0]), [32, 64])).toBe(false);
    expect(relayDelivers(peers([1]), [32, 64])).toBe(false);
    expect(relayDelivers(peers([0, 1]), [64])).toBe(true);
  });
});

describe('QueueOutage', () => {
  it('tells when the queue first failed, once, when it takes a message again', () => {
    const outage = new QueueOutage();
    expect(outage.observe('queued', 1)).toBeUndefined();
    expect(outage.observe('failed', 2)).toBeUndefined();
    expect(outage.observe('dropped', 3)).toBeUndefined();
    expect(outage.observe('failed', 4)).toBeUndefined();
    expect(outage.observe('queued', 5)).toBe(2);
    expect(outage.observe('queued', 6)).toBeUndefined();
    expect(outage.observe('failed', 7)).toBeUndefined();
    expect(outage.observe('queued', 8)).toBe(7);
  });
});

describe('BackfillCommandSchema', () => {
  it('takes a community id and nothing that is not one', () => {
    const communityId = newCommunityId();
    expect(BackfillCommandSchema.safeParse({ communityId }).success).toBe(true);
    expect(BackfillCommandSchema.safeParse({ communityId: 'general' }).success).toBe(false);
    expect(BackfillCommandSchema.safeParse({}).success).toBe(false);
  });
});

describe('back-fill from a Store node through the inbound path', () => {
  let devnet: Devnet;
  let db: TestDatabase;
  let store: DevnetStore;
  const gateways: Gateway[] = [];
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    [devnet, db] = await Promise.all([startDevnet({ nodes: 2 }), createTestDatabase()]);
    // The devnet's Store node, as `npm start` runs it: it keeps what it relays.
    store = await serveDevnetStore(devnet.nodes[1] as WakuNode);
  });

  afterEach(async () => {
    await Promise.all(gateways.splice(0).map((gateway) => gateway.stop()));
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  afterAll(async () => {
    await store.close();
    await Promise.all([devnet.stop(), db.drop()]);
  });

  const memberUpdateTopic = (communityId: string): string =>
    contentTopicForChatId(memberUpdateChatId(communityId));

  /** Puts `count` messages of the community, `hoursAgo` old, on shard 256 of the store node; returns hashes. */
  const storeHistory = (communityId: string, count: number, hoursAgo: number): string[] =>
    Array.from({ length: count }, (_, index) => {
      const timestampNs = BigInt(Date.now() - hoursAgo * HOUR_MS + index) * 1_000_000n;
      const message = testWakuMessage({
        contentTopic: memberUpdateTopic(communityId),
        timestamp: bigIntToUint64(timestampNs),
      });
      return store.archive.add({ pubsubTopic: pubsubTopicForShard(256), message }).hash;
    });

  /** Publishes `count` messages now from a devnet node (the store node relays and keeps them); returns hashes. */
  const publish = async (contentTopic: string, count: number, shard = 256): Promise<string[]> => {
    const publisher = devnet.nodes[0] as WakuNode;
    const hashes: string[] = [];
    for (let index = 0; index < count; index++) {
      const message = testWakuMessage({ contentTopic });
      const outcome = await publisher.publish(pubsubTopicForShard(shard), message);
      if (outcome.status !== 'published') throw new Error(`publish ${index}: ${outcome.status}`);
      hashes.push(messageHashHex(pubsubTopicForShard(shard), message));
    }
    return hashes;
  };

  const createHosted = async (communityId: string): Promise<void> => {
    await db.prisma.community.create({ data: { id: communityId, kind: 'HOSTED', name: 'hosted here' } });
    await db.prisma.channel.create({
      data: { id: channelChatId(communityId, CHANNEL), communityId, uuid: CHANNEL, name: 'general' },
    });
  };

  const setUp = async (prefix = uniquePrefix()) => {
    const redis = testRedis(prefix);
    const queue: TypedQueue<typeof QueueName.WAKU_INBOUND> = createQueue(
      QueueName.WAKU_INBOUND,
      redis.redis,
      {
        prefix,
      },
    );
    cleanups.push(async () => {
      await closeQueueResources({ queues: [queue] });
      await redis.cleanup();
    });
    /** Whether every one is on waku.inbound as a copy from one of `sources`. */
    const queued = async (
      hashes: readonly string[],
      sources: readonly InboundSource[] = ['relay', 'backfill'],
    ): Promise<boolean> => {
      const ids = (hash: string) => sources.map((source) => inboundJobId(hash, source));
      const found = await Promise.all(
        hashes.map(async (hash) =>
          (await Promise.all(ids(hash).map((id) => queue.getJob(id)))).some(Boolean),
        ),
      );
      return found.every(Boolean);
    };
    const archived = async (hashes: readonly string[]) =>
      (await db.prisma.wakuMessage.count({
        where: { hash: { in: hashes.map((hash) => Buffer.from(hash, 'hex')) } },
      })) === hashes.length;
    const start = async (storePeer = store.multiaddr) => {
      const logs = captureLogs();
      const gateway = await startTestGateway(
        testConfig(devnet, db.url, prefix, { BACKFILL_STORE_PEERS: storePeer }),
        { logger: logs.logger },
      );
      gateways.push(gateway);
      return { gateway, logs: logs.lines };
    };
    return { prefix, redis: redis.redis, queue, queued, archived, start };
  };

  /** Once relay delivered (which asks for a back-fill of every community), every back-fill asked for has run. */
  const backfillsDone = async (
    gateway: Gateway,
    lines: readonly Record<string, unknown>[],
  ): Promise<void> => {
    await waitFor('relay delivering', async () =>
      lines.some((line) => line['msg'] === 'relay delivers; back-filling the gap'),
    );
    await gateway.backfillsDone();
  };

  /** Log lines of complete back-fills of the community. */
  const completeBackfills = (lines: readonly Record<string, unknown>[], communityId: string) =>
    lines.filter((line) => line['msg'] === 'back-fill complete' && line['communityId'] === communityId);

  it('back-fills the hosted and the watched communities on start, queues and archives their history, and closes their gaps', async () => {
    const watched = newCommunityId();
    const hosted = newCommunityId();
    const hashes = [...storeHistory(watched, 5, 2), ...storeHistory(hosted, 4, 3)];
    const other = storeHistory(newCommunityId(), 2, 2);
    await db.prisma.watchedCommunity.create({ data: { communityId: watched } });
    await createHosted(hosted);

    const { queued, archived, queue, start } = await setUp();
    const { gateway, logs } = await start();

    await waitFor('the history on waku.inbound', () => queued(hashes));
    await waitFor('the history archived', () => archived(hashes));
    // At the start and again when relay delivered (unless still waiting then): a second one finds it all archived.
    await backfillsDone(gateway, logs);
    expect(completeBackfills(logs, watched).length).toBeGreaterThanOrEqual(1);
    expect(completeBackfills(logs, hosted).length).toBeGreaterThanOrEqual(1);
    expect(await db.prisma.backfillGap.count({ where: { communityId: { in: [watched, hosted] } } })).toBe(0);
    expect(await queued(other)).toBe(false);
    expect(await queue.getJobCountByTypes('wait')).toBe(9);
    expect(await metricValue(gateway.metrics, 'waku_gateway_backfilled_messages_total')).toBe(9);
    expect(await metricValue(gateway.metrics, 'waku_gateway_inbound_dedup_hits_total')).toBe(0);
    expect(
      await metricValue(gateway.metrics, 'waku_gateway_messages_in_total', {
        shard: '256',
        source: 'backfill',
      }),
    ).toBe(9);
  });

  it('back-fills a community named on the command channel at once', async () => {
    const { prefix, redis, queued, archived, start } = await setUp();
    const { gateway } = await start();
    const communityId = newCommunityId();
    const hashes = storeHistory(communityId, 3, 5);
    await db.prisma.watchedCommunity.create({ data: { communityId } });

    await redis.publish(backfillChannel(prefix), 'not json');
    await redis.publish(backfillChannel(prefix), JSON.stringify({ communityId }));

    await waitFor('the history on waku.inbound', () => queued(hashes));
    await waitFor('the history archived', () => archived(hashes));
    expect(
      await metricValue(gateway.metrics, 'waku_gateway_backfilled_messages_total'),
    ).toBeGreaterThanOrEqual(3);
  });

  it('archives a hosted community created after the start, on its route notice, and answers Store queries for it', async () => {
    const { prefix, redis, archived, start } = await setUp();
    const { gateway, logs } = await start();
    const communityId = newCommunityId();
    await createHosted(communityId);

    // What the publisher does once it has created a community.
    await announceRoutesChanged(redis, prefix);
    await waitFor('the community listed', async () =>
      logs.some(
        (line) =>
          line['msg'] === 'archiving new communities' &&
          (line['communityIds'] as string[]).includes(communityId),
      ),
    );
    const description = contentTopicForChatId(communityId);
    const [descriptionHash = ''] = await publish(description, 1, 128);
    const [postHash = ''] = await publish(memberUpdateTopic(communityId), 1, 256);
    await waitFor('the description and the post archived', () => archived([descriptionHash, postHash]));

    const answer = async (shard: number, contentTopic: string): Promise<string[]> => {
      const hashes: string[] = [];
      for await (const page of queryStore(devnet.nodes[0] as WakuNode, gateway.node.multiaddrs[0] ?? '', {
        pubsubTopic: pubsubTopicForShard(shard),
        contentTopics: [contentTopic],
        includeData: true,
      }))
        hashes.push(...page.entries.map((entry) => entry.hash));
      return hashes;
    };
    expect(await answer(128, description)).toEqual([descriptionHash]);
    expect(await answer(256, memberUpdateTopic(communityId))).toEqual([postHash]);
  });

  it('queues for the indexer, when a community is watched, what relay brought before (the indexer had dropped it as unrouted)', async () => {
    const { prefix, redis, queue, queued, start } = await setUp();
    const { gateway, logs } = await start();
    await backfillsDone(gateway, logs);
    const communityId = newCommunityId();
    // Published while nobody here watches it: relay queues it (all traffic goes to the indexer, which drops
    // what it has no route for), and the relayed copy's job id stays taken an hour.
    const [hash = ''] = await publish(contentTopicForChatId(communityId), 1, 128);
    await waitFor('the relayed copy on waku.inbound', () => queued([hash], ['relay']));
    await (await queue.getJob(hash))?.remove();

    // What the indexer does on a watch command.
    await db.prisma.watchedCommunity.create({ data: { communityId } });
    await announceRoutesChanged(redis, prefix);
    await waitFor('the back-filled copy on waku.inbound', () => queued([hash], ['backfill']));
    await gateway.backfillsDone();
    expect(completeBackfills(logs, communityId).at(-1)).toMatchObject({ delivered: 1, known: 0 });
    expect(await metricValue(gateway.metrics, 'waku_gateway_inbound_dedup_hits_total')).toBe(0);
  });

  it('back-fills on start what was published while it was down, each message queued once', async () => {
    const communityId = newCommunityId();
    await createHosted(communityId);
    const topic = memberUpdateTopic(communityId);
    const { queue, queued, archived, start } = await setUp();
    const first = await start();

    const live = await publish(topic, 3);
    await waitFor(
      'the live messages queued and archived',
      async () => (await queued(live, ['relay'])) && archived(live),
    );
    await first.gateway.stop();

    const keptBefore = store.archive.size;
    const missed = await publish(topic, MISSED);
    await waitFor(
      'the store node keeps what the gateway missed',
      async () => store.archive.size === keptBefore + MISSED,
    );

    const { gateway, logs } = await start();
    await waitFor(
      'everything missed on waku.inbound',
      async () => (await queue.getJobCountByTypes('wait')) === 3 + MISSED,
    );
    await waitFor('everything missed archived', () => archived(missed));
    await backfillsDone(gateway, logs);

    expect(await queued(missed)).toBe(true);
    expect(await queue.getJobCountByTypes('wait')).toBe(3 + MISSED);
    // The live messages were archived, so known: none of them went to the queue again, nothing twice.
    expect(await metricValue(gateway.metrics, 'waku_gateway_backfilled_messages_total')).toBe(MISSED);
    expect(await metricValue(gateway.metrics, 'waku_gateway_inbound_dedup_hits_total')).toBe(0);
    expect(await db.prisma.backfillGap.count({ where: { communityId } })).toBe(0);
    const [firstBackfill] = completeBackfills(logs, communityId);
    expect(firstBackfill).toMatchObject({ delivered: MISSED, known: 3 });
  });

  it('keeps the gap of a back-fill no store answered, and the next back-fill resumes from it', async () => {
    const communityId = newCommunityId();
    await db.prisma.watchedCommunity.create({ data: { communityId } });
    const history = storeHistory(communityId, 4, 6);
    const { queued, archived, start } = await setUp();
    const gone = await startDevnet({ nodes: 2 });
    const unreachable = gone.multiaddrs[0] ?? '';
    await gone.stop();

    const first = await start(unreachable);
    await backfillsDone(first.gateway, first.logs);
    const gap = await db.prisma.backfillGap.findUnique({ where: { communityId } });
    expect(gap?.since.getTime()).toBeLessThan(Date.now() - 719 * HOUR_MS);
    // Relayed meanwhile: the last archived message is now, but the history before it is still owed.
    const live = await publish(memberUpdateTopic(communityId), 2);
    await waitFor('the live messages archived', () => archived(live));
    await first.gateway.stop();

    const second = await start();
    await backfillsDone(second.gateway, second.logs);
    expect(await queued(history)).toBe(true);
    expect(await archived(history)).toBe(true);
    expect(await db.prisma.backfillGap.count({ where: { communityId } })).toBe(0);
    expect(completeBackfills(second.logs, communityId)[0]).toMatchObject({ delivered: 4, known: 2 });
  });

  it('back-fills what relay missed while a shard had no mesh, once it has one again, without a restart', async () => {
    const communityId = newCommunityId();
    await createHosted(communityId);
    const { queue, queued, start } = await setUp();
    const { gateway, logs } = await start();
    await backfillsDone(gateway, logs);
    const relayed = (msg: string) => logs.filter((line) => line['msg'] === msg).length;

    // The gateway leaves shard 256 (as when its mesh there is lost): what is posted meanwhile only the store has.
    gateway.node.removeShard(256);
    await waitFor(
      'the relay watch sees the shard without mesh',
      async () => relayed('relay lost its mesh on a shard; back-fill follows when it is back') === 1,
    );
    const keptBefore = store.archive.size;
    const missed = await publish(memberUpdateTopic(communityId), 20);
    await waitFor('the store node keeps them', async () => store.archive.size === keptBefore + 20);
    expect(await queued(missed.slice(0, 1))).toBe(false);

    gateway.node.addShard(256);
    // Leaving the shard pruned our peers there with gossipsub's unsubscribe backoff (10 s): the mesh can only
    // form again after it, later still on a busy machine.
    await waitFor(
      'relay delivering again',
      async () => relayed('relay delivers; back-filling the gap') === 2,
      { timeoutMs: 40_000 },
    );
    await gateway.backfillsDone();
    expect(await queued(missed)).toBe(true);
    expect(await queue.getJobCountByTypes('wait')).toBe(20);
    // Gossip may hand the gateway some of them again once it is back on the shard (its peers' message caches
    // keep a few seconds): the back-fill then finds those archived and queues only the others.
    const recovery = completeBackfills(logs, communityId).at(-1);
    expect(Number(recovery?.['delivered']) + Number(recovery?.['known'])).toBe(20);
    expect(await metricValue(gateway.metrics, 'waku_gateway_backfilled_messages_total')).toBe(
      Number(recovery?.['delivered']),
    );
  });

  describe('with a Redis of its own, stopped and started again', () => {
    let own: OwnRedisServer;
    beforeAll(async () => {
      own = await startOwnRedisServer();
    });
    afterAll(async () => {
      await own.close();
    });

    it('back-fills what relay brought while Redis was away, once the queue takes messages again', async () => {
      const communityId = newCommunityId();
      await createHosted(communityId);
      const redisUrl = own.url;
      const logs = captureLogs();
      const prefix = uniquePrefix();
      const gateway = await startTestGateway(
        testConfig(devnet, db.url, prefix, { REDIS_URL: redisUrl, BACKFILL_STORE_PEERS: store.multiaddr }),
        { logger: logs.logger },
      );
      gateways.push(gateway);
      await backfillsDone(gateway, logs.lines);

      await own.kill();
      const topic = memberUpdateTopic(communityId);
      const lost = await publish(topic, 5);
      await waitFor(
        'every one refused by the queue',
        async () => (await metricValue(gateway.metrics, 'waku_gateway_inbound_enqueue_failures_total')) === 5,
      );
      await own.restart();
      const [next = ''] = await publish(topic, 1);

      await waitFor('the outage seen', async () =>
        logs.lines.some((line) => line['msg'] === 'inbound queue takes messages again; back-filling'),
      );
      await gateway.backfillsDone();
      const redis = createRedisConnection(redisUrl);
      const queue = createQueue(QueueName.WAKU_INBOUND, redis, { prefix });
      try {
        const waiting = new Set((await queue.getJobs(['wait'])).map((job) => job.id));
        const expected = [...lost.map((hash) => inboundJobId(hash, 'backfill')), next];
        expect(expected.filter((id) => !waiting.has(id))).toEqual([]);
        // Besides those, at most the refused relayed copies, which the client may still have sent once Redis
        // was back: the indexer takes each message once whichever copy comes first.
        expect([...waiting].filter((id) => !expected.includes(id ?? '') && !lost.includes(id ?? ''))).toEqual(
          [],
        );
        expect(await metricValue(gateway.metrics, 'waku_gateway_backfilled_messages_total')).toBe(5);
      } finally {
        await closeQueueResources({ queues: [queue] });
        await closeRedis(redis);
      }
    });
  });
});
