import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { TestDatabase } from '@status-communities/db/testing';
import { createTestDatabase } from '@status-communities/db/testing';
import { ErrorCode } from '@status-communities/errors';
import { uint64ToBigInt } from '@status-communities/proto';
import type { OutboundWakuMessage, TypedQueue } from '@status-communities/queue';
import {
  QueueName,
  bytesToBase64,
  closeQueueResources,
  createQueue,
  enqueue,
} from '@status-communities/queue';
import type { Devnet } from '@status-communities/testing';
import { startDevnet, waitFor } from '@status-communities/testing';
import type { ReceivedMessage, WakuNode } from '@status-communities/waku';
import { DropReason, messageHashHex } from '@status-communities/waku';
import type { OutboundResult } from './outbound.js';
import { toOutboundMessage } from './outbound.js';
import type { Gateway } from './service.js';
import { metricValue, startTestGateway, testConfig, testRedis, uniquePrefix } from './testing/fixtures.js';

jest.setTimeout(60_000);

const nowNs = (offsetMs = 0): string => ((BigInt(Date.now()) + BigInt(offsetMs)) * 1_000_000n).toString();

const outboundJob = (overrides: Partial<OutboundWakuMessage> = {}): OutboundWakuMessage => ({
  pubsubTopic: '/waku/2/rs/16/256',
  contentTopic: '/waku/1/0x8f0a1c2d/rfc26',
  payload: bytesToBase64(randomBytes(48)),
  version: 1,
  timestamp: nowNs(),
  correlationId: randomUUID(),
  ...overrides,
});

describe('toOutboundMessage', () => {
  it('rebuilds the Waku message the job carries, byte for byte', () => {
    const job = outboundJob({ meta: bytesToBase64(Uint8Array.of(9)), ephemeral: false });
    const built = toOutboundMessage(job);
    if (!built.ok) throw built.error;
    expect(built.value.pubsubTopic).toBe(job.pubsubTopic);
    const { message } = built.value;
    expect(bytesToBase64(message.payload as Uint8Array)).toBe(job.payload);
    expect(message.contentTopic).toBe(job.contentTopic);
    expect(message.version).toBe(1);
    expect(uint64ToBigInt(message.timestamp).toString()).toBe(job.timestamp);
    expect(message.meta).toEqual(Uint8Array.of(9));
    expect(message.ephemeral).toBe(false);
  });

  it.each([
    ['a pubsub topic that is not a static shard', { pubsubTopic: '/waku/2/default-waku/proto' }],
    ['another cluster', { pubsubTopic: '/waku/2/rs/1/32' }],
    ['a content topic no Status client reads', { contentTopic: '/my-app/1/chat/proto' }],
  ])('refuses %s', (_name, overrides) => {
    const built = toOutboundMessage(outboundJob(overrides));
    expect(built.ok ? 'built' : built.error.code).toBe(ErrorCode.INVALID_TOPIC);
  });
});

describe('outbound: waku.outbound → gateway → devnet', () => {
  let devnet: Devnet;
  let db: TestDatabase;
  let gateway: Gateway;
  let queue: TypedQueue<typeof QueueName.WAKU_OUTBOUND>;
  let inboundQueue: TypedQueue<typeof QueueName.WAKU_INBOUND>;
  let receiver: WakuNode;
  let cleanup: () => Promise<void>;
  const received: ReceivedMessage[] = [];

  beforeAll(async () => {
    [devnet, db] = await Promise.all([startDevnet({ nodes: 3 }), createTestDatabase()]);
    receiver = devnet.nodes[2] as WakuNode;
    receiver.subscribe((message) => received.push(message));
    const prefix = uniquePrefix();
    const redis = testRedis(prefix);
    // Producers choose attempts and backoff; these retry fast so the no-peers case stays short.
    queue = createQueue(QueueName.WAKU_OUTBOUND, redis.redis, {
      prefix,
      defaultJobOptions: { attempts: 50, backoff: { type: 'fixed', delay: 100 } },
    });
    inboundQueue = createQueue(QueueName.WAKU_INBOUND, redis.redis, { prefix });
    cleanup = async () => {
      await closeQueueResources({ queues: [queue, inboundQueue] });
      await redis.cleanup();
    };
    gateway = await startTestGateway(testConfig(devnet, db.url, prefix));
  });

  afterAll(async () => {
    await gateway.stop();
    await cleanup();
    await Promise.all([devnet.stop(), db.drop()]);
  });

  const add = async (job: OutboundWakuMessage): Promise<string> => {
    const added = await enqueue(queue, job);
    if (!added.ok) throw added.error;
    return added.value.id ?? '';
  };

  const finished = async (id: string) => {
    await waitFor(`job ${id} to finish`, async () => {
      const state = await (await queue.getJob(id))?.getState();
      return state === 'completed' || state === 'failed';
    });
    const job = await queue.getJob(id);
    if (job === undefined) throw new Error(`job ${id} is gone`);
    return { job, state: await job.getState() };
  };

  const metric = (name: string, labels: Record<string, string>) => metricValue(gateway.metrics, name, labels);

  it('publishes a job so that another devnet node receives it on its shard and content topic', async () => {
    const data = outboundJob();
    const { job, state } = await finished(await add(data));
    const built = toOutboundMessage(data);
    if (!built.ok) throw built.error;
    const hash = messageHashHex(data.pubsubTopic, built.value.message);

    expect(state).toBe('completed');
    expect(job.returnvalue).toEqual({ status: 'published', hash, peers: expect.any(Number) });
    await waitFor('the message at the receiver', () => received.some((message) => message.hash === hash));
    const arrived = received.find((message) => message.hash === hash);
    expect(arrived?.pubsubTopic).toBe('/waku/2/rs/16/256');
    expect(arrived?.message.contentTopic).toBe(data.contentTopic);
    expect(bytesToBase64(arrived?.message.payload ?? new Uint8Array())).toBe(data.payload);
    expect(await metric('waku_gateway_messages_out_total', { shard: '256' })).toBe(1);
  });

  it('queues what it publishes on its own waku.inbound too, once (gossipsub never hands a node its own message)', async () => {
    const data = outboundJob();
    const first = await finished(await add(data));
    expect(first.state).toBe('completed');
    const hash = (first.job.returnvalue as OutboundResult).hash;
    await waitFor(
      'the published message on waku.inbound',
      async () => (await inboundQueue.getJob(hash)) !== undefined,
    );
    const inbound = await inboundQueue.getJob(hash);
    expect(inbound?.data).toMatchObject({
      hash,
      pubsubTopic: data.pubsubTopic,
      contentTopic: data.contentTopic,
      payload: data.payload,
    });

    // The same message again (a retried job): a duplicate for the relay, still one job on waku.inbound.
    const again = await finished(await add({ ...data, correlationId: randomUUID() }));
    expect(again.job.returnvalue).toEqual({ status: 'duplicate', hash });
    await waitFor(
      'a dedup hit for the second copy',
      async () => (await metric('waku_gateway_inbound_dedup_hits_total', { shard: '256' })) >= 1,
    );
    const copies = (await inboundQueue.getJobs(['waiting', 'active', 'completed', 'delayed'])).filter(
      (job) => job.id === hash,
    );
    expect(copies).toHaveLength(1);
  });

  it('retries on no peers and publishes once a peer joins the shard', async () => {
    const data = outboundJob({ pubsubTopic: '/waku/2/rs/16/300' });
    const id = await add(data);
    await waitFor(
      'a few attempts without peers',
      async () => ((await queue.getJob(id))?.attemptsMade ?? 0) >= 3,
    );
    expect(await (await queue.getJob(id))?.getState()).not.toBe('completed');

    receiver.addShard(300);
    try {
      const { job, state } = await finished(id);
      expect(state).toBe('completed');
      expect(job.returnvalue).toMatchObject({ status: 'published' });
      expect(job.attemptsMade).toBeGreaterThanOrEqual(4);
      await waitFor('the message on shard 300', () =>
        received.some((message) => message.pubsubTopic === '/waku/2/rs/16/300'),
      );
      expect(
        await metric('waku_gateway_publish_failures_total', { reason: 'no_peers' }),
      ).toBeGreaterThanOrEqual(3);
      expect(
        await metric('waku_gateway_publish_outcomes_total', { shard: '300', outcome: 'published' }),
      ).toBe(1);
    } finally {
      receiver.removeShard(300);
    }
  });

  it('counts the same message published twice as done, the second time as a duplicate', async () => {
    const data = outboundJob({ pubsubTopic: '/waku/2/rs/16/64' });
    const first = await finished(await add(data));
    const second = await finished(await add({ ...data, correlationId: randomUUID() }));

    expect([first.state, second.state]).toEqual(['completed', 'completed']);
    expect(first.job.returnvalue).toMatchObject({ status: 'published' });
    expect(second.job.returnvalue).toEqual({
      status: 'duplicate',
      hash: (first.job.returnvalue as OutboundResult).hash,
    });
    expect(await metric('waku_gateway_publish_outcomes_total', { shard: '64', outcome: 'duplicate' })).toBe(
      1,
    );
  });

  it('fails a message the fleet would drop at once, without retrying, and records why', async () => {
    const stale = await finished(await add(outboundJob({ timestamp: nowNs(-60_000) })));
    const offCluster = await finished(await add(outboundJob({ pubsubTopic: '/waku/2/rs/1/32' })));

    expect([stale.state, offCluster.state]).toEqual(['failed', 'failed']);
    expect([stale.job.attemptsMade, offCluster.job.attemptsMade]).toEqual([1, 1]);
    expect(stale.job.failedReason).toContain('in the past');
    expect(await metric('waku_gateway_publish_failures_total', { reason: DropReason.STALE_TIMESTAMP })).toBe(
      1,
    );
    expect(await metric('waku_gateway_publish_failures_total', { reason: 'invalid_topic' })).toBe(1);
    expect(await metric('waku_gateway_publish_outcomes_total', { outcome: 'invalid' })).toBe(2);
  });
});
