import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { TestDatabase } from '@status-communities/db/testing';
import { createTestDatabase } from '@status-communities/db/testing';
import { createMetrics } from '@status-communities/observability';
import { bigIntToUint64, waku } from '@status-communities/proto';
import type { TypedQueue } from '@status-communities/queue';
import {
  QueueName,
  bytesToBase64,
  closeQueueResources,
  closeRedis,
  createQueue,
  createRedisConnection,
} from '@status-communities/queue';
import type { Devnet } from '@status-communities/testing';
import { startDevnet, testWakuMessage, waitFor } from '@status-communities/testing';
import type { WakuNode } from '@status-communities/waku';
import { DropReason, MAX_MESSAGE_BYTES, messageHashHex, pubsubTopicForShard } from '@status-communities/waku';
import type { InboundCandidate } from './inbound.js';
import { GatewayDropReason, Inbound, toInboundJob } from './inbound.js';
import { createGatewayMetrics } from './metrics.js';
import type { Gateway } from './service.js';
import {
  captureLogs,
  metricValue,
  startTestGateway,
  testConfig,
  testRedis,
  uniquePrefix,
} from './testing/fixtures.js';

jest.setTimeout(60_000);

const encode = (message: waku.WakuMessage.$Properties): Uint8Array =>
  waku.WakuMessage.encode(message).finish();

const candidate = (overrides: Partial<waku.WakuMessage.$Properties> = {}): InboundCandidate => {
  const properties = testWakuMessage(overrides);
  const bytes = encode(properties);
  const pubsubTopic = pubsubTopicForShard(32);
  const message = waku.WakuMessage.decode(bytes);
  return {
    pubsubTopic,
    message,
    bytes,
    hash: messageHashHex(pubsubTopic, message),
    receivedAt: 1_700_000_000_000,
  };
};

describe('toInboundJob', () => {
  it('carries every field of the message, bytes as base64 and the ns timestamp as a decimal string', () => {
    const offered = candidate({
      meta: Uint8Array.of(1, 2),
      ephemeral: true,
      timestamp: bigIntToUint64(1_732_531_200_000_000_001n),
    });
    expect(toInboundJob(offered)).toEqual({
      ok: true,
      value: {
        pubsubTopic: '/waku/2/rs/16/32',
        contentTopic: '/waku/1/0x12345678/rfc26',
        payload: bytesToBase64(offered.message.payload),
        version: 1,
        timestamp: '1732531200000000001',
        meta: 'AQI=',
        ephemeral: true,
        hash: offered.hash,
        receivedAt: 1_700_000_000_000,
        correlationId: offered.hash,
      },
    });
  });

  it('leaves out what the wire left out: no timestamp, an empty meta, a false ephemeral; version 0 when absent', () => {
    const offered = candidate({ timestamp: null, meta: new Uint8Array(), ephemeral: false, version: null });
    const job = toInboundJob(offered);
    expect(job.ok && job.value).toEqual({
      pubsubTopic: '/waku/2/rs/16/32',
      contentTopic: '/waku/1/0x12345678/rfc26',
      payload: bytesToBase64(offered.message.payload),
      version: 0,
      hash: offered.hash,
      receivedAt: 1_700_000_000_000,
      correlationId: offered.hash,
    });
  });

  it.each([
    [
      'a content topic of another application',
      { contentTopic: '/my-app/1/chat/proto' },
      GatewayDropReason.INVALID_CONTENT_TOPIC,
    ],
    [
      'upper-case topic hex',
      { contentTopic: '/waku/1/0xABCDEF01/rfc26' },
      GatewayDropReason.INVALID_CONTENT_TOPIC,
    ],
    ['a negative timestamp', { timestamp: -5 }, GatewayDropReason.NEGATIVE_TIMESTAMP],
    ['an empty payload', { payload: new Uint8Array() }, DropReason.EMPTY_PAYLOAD],
    ['an empty content topic', { contentTopic: '' }, DropReason.EMPTY_CONTENT_TOPIC],
    ['more than 150 KiB', { payload: new Uint8Array(MAX_MESSAGE_BYTES) }, DropReason.OVERSIZE],
  ])('drops %s', (_name, overrides, reason) => {
    const job = toInboundJob(candidate(overrides));
    expect(job.ok ? 'queued' : job.error.reason).toBe(reason);
  });
});

describe('Inbound', () => {
  it('survives a bug in what sees queued messages: counts it, logs it under the hash', async () => {
    const prefix = uniquePrefix();
    const { redis, cleanup } = testRedis(prefix);
    const queue = createQueue(QueueName.WAKU_INBOUND, redis, { prefix });
    const metrics = createMetrics({ serviceName: 'waku-gateway', defaultMetrics: false });
    const logs = captureLogs();
    const inbound = new Inbound({
      queue,
      redis,
      prefix,
      metrics: createGatewayMetrics(metrics, () => []),
      logger: logs.logger,
      onQueued: () => {
        throw new Error('archive bug');
      },
    });
    try {
      const offered = candidate();
      await expect(inbound.accept(offered, 'relay')).resolves.toBe('queued');
      await inbound.drain();

      expect(
        await metricValue(metrics, 'waku_gateway_inbound_drops_total', { reason: 'internal_error' }),
      ).toBe(1);
      // Archived only once queued: the job is there, the archive bug cost only the archive row.
      expect(await queue.getJobCountByTypes('wait')).toBe(1);
      expect(logs.lines.filter((line) => line['level'] === 'error')).toEqual([
        expect.objectContaining({
          level: 'error',
          correlationId: offered.hash,
          msg: 'inbound message failed',
        }),
      ]);
    } finally {
      await closeQueueResources({ queues: [queue] });
      await cleanup();
    }
  });
});

describe('Inbound without Redis', () => {
  it('passes on to the archive only what reached the queue', async () => {
    const prefix = uniquePrefix();
    // Nothing listens on port 1: every add fails after the producer's command timeout.
    const redis = createRedisConnection('redis://127.0.0.1:1', { role: 'producer', commandTimeoutMs: 200 });
    const queue = createQueue(QueueName.WAKU_INBOUND, redis, { prefix });
    // Refused connections are what this test is about.
    redis.on('error', () => undefined);
    queue.on('error', () => undefined);
    const metrics = createMetrics({ serviceName: 'waku-gateway', defaultMetrics: false });
    const seen: string[] = [];
    const inbound = new Inbound({
      queue,
      redis,
      prefix,
      metrics: createGatewayMetrics(metrics, () => []),
      logger: captureLogs().logger,
      onQueued: (queued) => seen.push(queued.hash),
    });
    try {
      await expect(inbound.accept(candidate(), 'backfill')).resolves.toBe('failed');
      expect(seen).toEqual([]);
      expect(await metricValue(metrics, 'waku_gateway_inbound_enqueue_failures_total')).toBe(1);
    } finally {
      await closeQueueResources({ queues: [queue] });
      await closeRedis(redis);
    }
  });
});

describe('inbound: devnet → gateways → waku.inbound', () => {
  let devnet: Devnet;
  let db: TestDatabase;
  let publisher: WakuNode;
  const gateways: Gateway[] = [];
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    [devnet, db] = await Promise.all([startDevnet({ nodes: 3 }), createTestDatabase()]);
    publisher = devnet.nodes[0] as WakuNode;
  });

  afterEach(async () => {
    await Promise.all(gateways.splice(0).map((gateway) => gateway.stop()));
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  afterAll(async () => {
    await Promise.all([devnet.stop(), db.drop()]);
  });

  /** Gateways sharing one fresh key prefix, and a view of their inbound queue. */
  const setUp = async (count: number) => {
    const prefix = uniquePrefix();
    const logs = captureLogs();
    const { redis, cleanup } = testRedis(prefix);
    const queue: TypedQueue<typeof QueueName.WAKU_INBOUND> = createQueue(QueueName.WAKU_INBOUND, redis, {
      prefix,
    });
    cleanups.push(async () => {
      await closeQueueResources({ queues: [queue] });
      await cleanup();
    });
    const started = await Promise.all(
      Array.from({ length: count }, (_, index) =>
        startTestGateway(testConfig(devnet, db.url, prefix), index === 0 ? { logger: logs.logger } : {}),
      ),
    );
    gateways.push(...started);
    const jobs = () => queue.getJobCountByTypes('wait', 'active', 'delayed', 'completed', 'failed');
    return { queue, gateways: started, jobs, logs: logs.lines };
  };

  /** Every gateway has finished with what it received: each add done, so a second job would be there now. */
  const settled = () => Promise.all(gateways.map((gateway) => gateway.inboundSettled()));

  const sum = async (name: string, labels: Record<string, string> = {}): Promise<number> => {
    const values = await Promise.all(gateways.map((gateway) => metricValue(gateway.metrics, name, labels)));
    return values.reduce((a, b) => a + b, 0);
  };

  it('queues a message published by a devnet node exactly once, with every field, when two gateways see it', async () => {
    const { queue, jobs, logs } = await setUp(2);
    const topic = pubsubTopicForShard(128);
    const message = testWakuMessage({ meta: Uint8Array.of(7, 7) });
    const outcome = await publisher.publish(topic, message);
    expect(outcome.status).toBe('published');
    const hash = messageHashHex(topic, message);

    await waitFor('the job on waku.inbound', async () => (await queue.getJob(hash)) !== undefined);
    await waitFor(
      'both gateways to have handled it',
      async () => (await sum('waku_gateway_messages_in_total')) === 2,
    );
    await settled();

    expect(await jobs()).toBe(1);
    const job = await queue.getJob(hash);
    expect(job?.data).toEqual({
      pubsubTopic: topic,
      contentTopic: message.contentTopic,
      payload: bytesToBase64(message.payload as Uint8Array),
      version: 1,
      timestamp: String(message.timestamp),
      meta: bytesToBase64(Uint8Array.of(7, 7)),
      hash,
      receivedAt: expect.any(Number),
      correlationId: hash,
    });
    expect(await sum('waku_gateway_messages_in_total', { shard: '128', source: 'relay' })).toBe(2);
    expect(await sum('waku_gateway_inbound_dedup_hits_total', { shard: '128' })).toBe(1);
    expect(await sum('waku_gateway_inbound_enqueue_failures_total')).toBe(0);
    // The first gateway's log follows the message by its hash, whichever gateway queued it first.
    expect(logs.filter((line) => line['correlationId'] === hash).map((line) => line['msg'])).toEqual([
      expect.stringMatching(/^inbound message (queued|already queued)$/),
    ]);
  });

  it('queues each of many messages once across two gateways', async () => {
    const { queue, jobs } = await setUp(2);
    const topic = pubsubTopicForShard(256);
    const hashes: string[] = [];
    for (let i = 0; i < 50; i++) {
      const message = testWakuMessage();
      expect((await publisher.publish(topic, message)).status).toBe('published');
      hashes.push(messageHashHex(topic, message));
    }
    await waitFor('50 jobs', async () => (await jobs()) === 50);
    await waitFor(
      'both gateways to have seen all',
      async () => (await sum('waku_gateway_messages_in_total')) === 100,
    );
    await settled();
    expect(await jobs()).toBe(50);
    const ids = (await queue.getJobs(['wait'])).map((job) => job.id).sort();
    expect(ids).toEqual([...hashes].sort());
    expect(await sum('waku_gateway_inbound_dedup_hits_total')).toBe(50);
  });

  it('drops undecodable, empty, oversized and wrongly-topicked messages by reason and goes on', async () => {
    const {
      queue,
      jobs,
      gateways: [gateway],
    } = await setUp(1);
    if (gateway === undefined) throw new Error('no gateway');
    const topic = pubsubTopicForShard(64);
    const relay = publisher.light.libp2p.services.pubsub;
    if (relay === undefined) throw new Error('the devnet node has no relay');
    // Our node's publish refuses these, so they go out through gossipsub directly, as from a faulty peer.
    const garbage: [string, Uint8Array][] = [
      [DropReason.UNDECODABLE, new Uint8Array([0x0a, 0x10, 1, 2])],
      [DropReason.EMPTY_PAYLOAD, encode(testWakuMessage({ payload: new Uint8Array() }))],
      [DropReason.EMPTY_CONTENT_TOPIC, encode(testWakuMessage({ contentTopic: '' }))],
      [DropReason.OVERSIZE, encode(testWakuMessage({ payload: new Uint8Array(MAX_MESSAGE_BYTES) }))],
      [
        GatewayDropReason.INVALID_CONTENT_TOPIC,
        encode(testWakuMessage({ contentTopic: '/my-app/1/chat/proto' })),
      ],
      [
        GatewayDropReason.INVALID_CONTENT_TOPIC,
        encode(testWakuMessage({ contentTopic: '/waku/1/0xABCDEF01/rfc26' })),
      ],
      [GatewayDropReason.NEGATIVE_TIMESTAMP, encode(testWakuMessage({ timestamp: -1 }))],
    ];
    for (const [, bytes] of garbage) await relay.publish(topic, bytes);
    const valid = testWakuMessage();
    expect((await publisher.publish(topic, valid)).status).toBe('published');
    const hash = messageHashHex(topic, valid);

    await waitFor('the valid message on waku.inbound', async () => (await queue.getJob(hash)) !== undefined);
    await waitFor(
      'every drop counted',
      async () => (await sum('waku_gateway_inbound_drops_total')) === garbage.length,
    );
    await settled();

    expect(await jobs()).toBe(1);
    const expected = new Map<string, number>();
    for (const [reason] of garbage) expected.set(reason, (expected.get(reason) ?? 0) + 1);
    for (const [reason, count] of expected)
      expect([reason, await sum('waku_gateway_inbound_drops_total', { reason })]).toEqual([reason, count]);
    const healthz = await fetch(`${gateway.healthUrl}/healthz`);
    expect(healthz.status).toBe(200);
  });
});
