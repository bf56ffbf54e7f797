import { afterAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { ErrorCode } from '@status-communities/errors';
import {
  OutboundWakuMessageSchema,
  QueueName,
  closeQueueResources,
  createQueue,
  createRedisConnection,
  deleteKeyspace,
  enqueueOutbound,
  toOutboundMessages,
} from '../index.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const prefix = `test-outbound-${randomUUID()}`;

const payload = (byte: number) => ({
  pubsubTopic: '/waku/2/rs/16/64',
  contentTopic: '/waku/1/0x12345678/rfc26',
  payload: Uint8Array.of(0, byte),
});

describe('waku.outbound messages', () => {
  const redis = createRedisConnection(REDIS_URL);
  const queue = createQueue(QueueName.WAKU_OUTBOUND, redis, { prefix });
  afterAll(async () => {
    await deleteKeyspace(redis, prefix);
    await closeQueueResources({ queues: [queue], connections: [redis] });
  });

  it('stamps finished waku.outbound jobs: version 1, ns timestamp, base64 payload', () => {
    const [message] = toOutboundMessages([payload(255)], 1_732_531_200_123, 'corr');
    expect(message).toEqual({
      pubsubTopic: '/waku/2/rs/16/64',
      contentTopic: '/waku/1/0x12345678/rfc26',
      payload: 'AP8=',
      version: 1,
      timestamp: '1732531200123000000',
      correlationId: 'corr',
    });
    expect(OutboundWakuMessageSchema.safeParse(message).success).toBe(true);
  });

  it('adds a batch under fixed job ids once, however often it is offered', async () => {
    const messages = toOutboundMessages([payload(1), payload(2)], Date.now(), 'corr');
    expect(await enqueueOutbound(queue, messages, 'twice')).toEqual({ ok: true, value: 2 });
    expect(await enqueueOutbound(queue, messages, 'twice')).toEqual({ ok: true, value: 2 });
    const jobs = await queue.getJobs(['wait']);
    expect(jobs.map((job) => job.id).sort()).toEqual(['twice-0', 'twice-1']);
    expect(jobs.find((job) => job.id === 'twice-1')?.data).toEqual(messages[1]);
  });

  it('refuses a batch with an invalid message before adding any of it', async () => {
    const [valid] = toOutboundMessages([payload(3)], Date.now(), 'corr');
    if (!valid) throw new Error('no message');
    const refused = await enqueueOutbound(queue, [valid, { ...valid, pubsubTopic: '' }], 'refused');
    expect(refused.ok ? undefined : refused.error.code).toBe(ErrorCode.INVALID_JOB_DATA);
    expect(await queue.getJob('refused-0')).toBeUndefined();
  });
});
