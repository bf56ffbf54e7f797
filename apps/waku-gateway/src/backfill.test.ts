import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { TestDatabase } from '@status-communities/db/testing';
import { createTestDatabase } from '@status-communities/db/testing';
import { bigIntToUint64 } from '@status-communities/proto';
import { contentTopicForChatId, memberUpdateChatId } from '@status-communities/protocol';
import type { TypedQueue } from '@status-communities/queue';
import { QueueName, closeQueueResources, createQueue } from '@status-communities/queue';
import type { Devnet } from '@status-communities/testing';
import { startDevnet, testWakuMessage } from '@status-communities/testing';
import type { StoreService, WakuNode } from '@status-communities/waku';
import { InMemoryStoreArchive, pubsubTopicForShard, serveStore } from '@status-communities/waku';
import { BackfillCommandSchema, backfillChannel, backfillSinceNs } from './backfill.js';
import type { Gateway } from './gateway.js';
import {
  eventually,
  metricValue,
  newCommunityId,
  startTestGateway,
  testConfig,
  testRedis,
  uniquePrefix,
} from './testing/fixtures.js';

jest.setTimeout(60_000);

const HOUR_MS = 3_600_000;

describe('backfillSinceNs', () => {
  const now = Date.UTC(2026, 0, 15);

  it('starts where the last complete back-fill ended', () => {
    const backfilledUntil = new Date(now - 5 * HOUR_MS);
    expect(backfillSinceNs({ backfilledUntil }, now, 720)).toBe(BigInt(now - 5 * HOUR_MS) * 1_000_000n);
  });

  it('goes back the configured hours for a community never back-filled', () => {
    expect(backfillSinceNs({ backfilledUntil: null }, now, 48)).toBe(BigInt(now - 48 * HOUR_MS) * 1_000_000n);
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
  let storeNode: WakuNode;
  let store: StoreService;
  const history = new InMemoryStoreArchive();
  const gateways: Gateway[] = [];
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    [devnet, db] = await Promise.all([startDevnet({ nodes: 2 }), createTestDatabase()]);
    storeNode = devnet.nodes[1] as WakuNode;
    store = await serveStore(storeNode, history);
  });

  afterEach(async () => {
    await Promise.all(gateways.splice(0).map((gateway) => gateway.stop()));
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  afterAll(async () => {
    await store.close();
    await Promise.all([devnet.stop(), db.drop()]);
  });

  /** Puts `count` messages of the community, `hoursAgo` old, on shard 256 of the store node; returns hashes. */
  const storeHistory = (communityId: string, count: number, hoursAgo: number): string[] =>
    Array.from({ length: count }, (_, index) => {
      const timestampNs = BigInt(Date.now() - hoursAgo * HOUR_MS + index) * 1_000_000n;
      const message = testWakuMessage({
        contentTopic: contentTopicForChatId(memberUpdateChatId(communityId)),
        timestamp: bigIntToUint64(timestampNs),
      });
      return history.add({ pubsubTopic: pubsubTopicForShard(256), message }).hash;
    });

  const setUp = async () => {
    const prefix = uniquePrefix();
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
    const gateway = await startTestGateway(
      testConfig(devnet, db.url, prefix, { BACKFILL_STORE_PEERS: storeNode.multiaddrs[0] ?? '' }),
    );
    gateways.push(gateway);
    const queued = async (hashes: readonly string[]) =>
      (await Promise.all(hashes.map((hash) => queue.getJob(hash)))).every((job) => job !== undefined);
    const archived = async (hashes: readonly string[]) =>
      (await db.prisma.wakuMessage.count({
        where: { hash: { in: hashes.map((hash) => Buffer.from(hash, 'hex')) } },
      })) === hashes.length;
    return { gateway, prefix, redis: redis.redis, queue, queued, archived };
  };

  it('back-fills the watched communities on start, queues and archives their history, and records how far', async () => {
    const communityId = newCommunityId();
    const hashes = storeHistory(communityId, 5, 2);
    const other = storeHistory(newCommunityId(), 2, 2);
    await db.prisma.watchedCommunity.create({ data: { communityId } });
    const startedAt = Date.now();

    const { gateway, queued, archived, queue } = await setUp();

    await eventually('the history on waku.inbound', () => queued(hashes));
    await eventually('the history archived', () => archived(hashes));
    await eventually('the back-fill recorded', async () => {
      const row = await db.prisma.watchedCommunity.findUnique({ where: { communityId } });
      return (row?.backfilledUntil?.getTime() ?? 0) >= startedAt;
    });
    expect(await queued(other)).toBe(false);
    expect(await queue.getJobCountByTypes('wait')).toBe(5);
    expect(await metricValue(gateway.metrics, 'waku_gateway_backfilled_messages_total')).toBe(5);
    expect(
      await metricValue(gateway.metrics, 'waku_gateway_messages_in_total', {
        shard: '256',
        source: 'backfill',
      }),
    ).toBe(5);
  });

  it('back-fills a community named on the command channel at once', async () => {
    const { gateway, prefix, redis, queued, archived } = await setUp();
    const communityId = newCommunityId();
    const hashes = storeHistory(communityId, 3, 5);
    await db.prisma.watchedCommunity.create({ data: { communityId } });

    await redis.publish(backfillChannel(prefix), 'not json');
    await redis.publish(backfillChannel(prefix), JSON.stringify({ communityId }));

    await eventually('the history on waku.inbound', () => queued(hashes));
    await eventually('the history archived', () => archived(hashes));
    expect(
      await metricValue(gateway.metrics, 'waku_gateway_backfilled_messages_total'),
    ).toBeGreaterThanOrEqual(3);
  });
});
