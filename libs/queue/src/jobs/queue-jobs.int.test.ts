import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { Job, Queue, Worker } from 'bullmq';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import { createMetrics } from '@status-communities/observability';
import {
  PermanentJobError,
  QueueName,
  RetryLaterError,
  bytesToBase64,
  closeQueueResources,
  createQueue,
  createRedisConnection,
  createWorker,
  deleteKeyspace,
  enqueue,
  enqueueOutbound,
  observeQueueDepths,
  orFailPermanently,
  orRetryLater,
  toOutboundMessages,
} from '../index.js';
import { OutboundWakuMessageSchema } from '../index.js';
import type { InboundWakuMessage, OutboundWakuMessage, TypedQueue } from '../index.js';
import type { RedisClient } from '../redis-client.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const prefix = `test-queue-${randomUUID()}`;
// Retries in milliseconds, not seconds, so the retry test stays fast.
const fastRetries = { defaultJobOptions: { backoff: { type: 'exponential', delay: 10 } } };

const inboundMessage = (): InboundWakuMessage => ({
  pubsubTopic: '/waku/2/rs/16/32',
  contentTopic: '/waku/1/0x12345678/rfc26',
  payload: bytesToBase64(randomBytes(64)),
  version: 1,
  timestamp: '1732531200000000000',
  hash: randomBytes(32).toString('hex'),
  meta: bytesToBase64(Uint8Array.of(1, 2, 3)),
  receivedAt: Date.now(),
  correlationId: randomUUID(),
});

const outboundMessage = (): OutboundWakuMessage => ({
  pubsubTopic: '/waku/2/rs/16/64',
  contentTopic: '/waku/1/0xabcdef01/rfc26',
  payload: bytesToBase64(randomBytes(32)),
  version: 1,
  timestamp: '1732531200000000001',
  correlationId: randomUUID(),
});

/** Resolves when the worker has finished the job with this id (completed or failed). */
const nextFinished = (worker: Worker, event: 'completed' | 'failed', jobId: string): Promise<Job> =>
  new Promise((resolve) => {
    const listener = (job: Job | undefined) => {
      if (job?.id !== jobId) return;
      worker.off(event, listener);
      resolve(job);
    };
    worker.on(event, listener);
  });

describe('queues on a real Redis', () => {
  const connections: RedisClient[] = [];
  const queues: Queue[] = [];
  const workers: Worker[] = [];
  const workerErrors: Error[] = [];

  const connection = (): RedisClient => {
    const redis = createRedisConnection(REDIS_URL);
    connections.push(redis);
    return redis;
  };
  const queue = <N extends QueueName>(name: N, redis = connection()): TypedQueue<N> => {
    const created = createQueue(name, redis, { prefix, ...fastRetries });
    queues.push(created);
    return created;
  };

  afterAll(async () => {
    await closeQueueResources({ workers, queues });
    const cleaner = connection();
    await deleteKeyspace(cleaner, prefix);
    await closeQueueResources({ connections });
  });

  it('carries an outbound message from producer to worker and back with its result', async () => {
    const producer = queue(QueueName.WAKU_OUTBOUND);
    const received: OutboundWakuMessage[] = [];
    const worker = createWorker(
      QueueName.WAKU_OUTBOUND,
      async (data) => {
        received.push(data);
        return { published: data.correlationId };
      },
      { connection: connection(), prefix, onError: (error) => workerErrors.push(error) },
    );
    workers.push(worker);

    const message = outboundMessage();
    const added = await enqueue(producer, message);
    if (!added.ok) throw added.error;
    const done = await nextFinished(worker, 'completed', added.value.id ?? '');

    expect(received).toEqual([message]);
    expect(done.returnvalue).toEqual({ published: message.correlationId });
    expect(done.name).toBe('waku.message');
    expect(workerErrors).toEqual([]);
  });

  it('measures each job run by outcome, and the depth and age of its queues at scrape time', async () => {
    const ownPrefix = `${prefix}-metrics`;
    const metrics = createMetrics({ serviceName: 'queue-test', defaultMetrics: false });
    const producer = createQueue(QueueName.WAKU_OUTBOUND, connection(), { prefix: ownPrefix });
    const waiting = createQueue(QueueName.COMMUNITY_WATCH, connection(), { prefix: ownPrefix });
    queues.push(producer, waiting);
    observeQueueDepths(metrics, [waiting]);
    const worker = createWorker(
      QueueName.WAKU_OUTBOUND,
      async (data) => {
        if (data.correlationId === 'refuse') throw new PermanentJobError(ErrorCode.BAD_USER_INPUT, 'no');
        return 'done';
      },
      {
        connection: connection(),
        prefix: ownPrefix,
        serviceMetrics: metrics,
        onError: (e) => workerErrors.push(e),
      },
    );
    workers.push(worker);
    const good = await enqueue(producer, outboundMessage());
    const bad = await enqueue(producer, { ...outboundMessage(), correlationId: 'refuse' });
    if (!good.ok || !bad.ok) throw new Error('not added');
    await Promise.all([
      nextFinished(worker, 'completed', good.value.id ?? ''),
      nextFinished(worker, 'failed', bad.value.id ?? ''),
    ]);
    // Nobody works the watch queue here: its jobs wait and age.
    await waiting.add('watch', { any: 'thing' } as never);
    await waiting.add('watch', { any: 'thing' } as never, { delay: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 20));

    const text = await metrics.render();
    // The value of the one series whose labels include all of these (prom-client orders labels its own way).
    const value = (name: string, ...labels: string[]): number =>
      Number(
        text
          .split('\n')
          .find((line) => line.startsWith(`${name}{`) && labels.every((label) => line.includes(label)))
          ?.split(' ')
          .pop() ?? NaN,
      );
    const outbound = `queue="${QueueName.WAKU_OUTBOUND}"`;
    const watch = `queue="${QueueName.COMMUNITY_WATCH}"`;
    expect(value('queue_job_duration_seconds_count', outbound, 'outcome="completed"')).toBe(1);
    expect(value('queue_job_duration_seconds_count', outbound, 'outcome="failed"')).toBe(1);
    expect(value('queue_jobs', watch, 'state="waiting"')).toBe(1);
    expect(value('queue_jobs', watch, 'state="delayed"')).toBe(1);
    expect(value('queue_jobs', watch, 'state="active"')).toBe(0);
    expect(value('queue_oldest_waiting_seconds', watch)).toBeGreaterThan(0);
    await deleteKeyspace(connection(), ownPrefix);
  });

  it('keeps one job per Waku message hash, across two producers and after the job is gone', async () => {
    const producerA = queue(QueueName.WAKU_INBOUND);
    const producerB = queue(QueueName.WAKU_INBOUND);
    const message = inboundMessage();
    // Completed and removed at once, as retention eventually does to every job.
    const removeAtOnce = { removeOnComplete: true };

    const [a, b] = await Promise.all([
      enqueue(producerA, message, removeAtOnce),
      enqueue(producerB, message, removeAtOnce),
    ]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.value.id).toBe(message.hash);
    expect(b.value.id).toBe(message.hash);
    expect(await producerA.getJobCountByTypes('wait', 'active', 'delayed', 'completed')).toBe(1);

    const processed: string[] = [];
    const worker = createWorker(QueueName.WAKU_INBOUND, async (data) => void processed.push(data.hash), {
      connection: connection(),
      prefix,
      onError: (error) => workerErrors.push(error),
    });
    workers.push(worker);
    await nextFinished(worker, 'completed', message.hash);
    expect(await producerA.getJob(message.hash)).toBeUndefined();

    // The job is gone, the hash is still known: a late copy from either gateway adds nothing.
    const late = await enqueue(producerB, message);
    expect(late.ok).toBe(true);
    const other = inboundMessage();
    const otherJob = await enqueue(producerA, other);
    if (!otherJob.ok) throw otherJob.error;
    await nextFinished(worker, 'completed', other.hash);
    expect(processed).toEqual([message.hash, other.hash]);
  });

  it('refuses invalid data at the producer without adding a job', async () => {
    const producer = queue(QueueName.WEBHOOKS_DELIVER);
    const result = await enqueue(producer, {
      subscriptionId: 'sub-1',
      eventId: 'latest',
      event: { type: 'member.left', communityId: `0x02${'ab'.repeat(32)}`, occurredAt: 1, memberKey: '0x04' },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(ErrorCode.INVALID_JOB_DATA);
    expect(result.error.message).toContain('eventId');
    expect(result.error.message).toContain('event.memberKey');
    expect(await producer.getJobCountByTypes('wait', 'active', 'delayed', 'completed', 'failed')).toBe(0);
  });

  it('fails a job with invalid data permanently and goes on with the next job', async () => {
    const producer = queue(QueueName.COMMUNITY_PUBLISH);
    const processed: string[] = [];
    const worker = createWorker(
      QueueName.COMMUNITY_PUBLISH,
      async (data) => void processed.push(data.communityId),
      { connection: connection(), prefix, onError: (error) => workerErrors.push(error) },
    );
    workers.push(worker);
    const errors: unknown[] = [];
    worker.on('failed', (_job, error) => errors.push(error));

    // A producer that skipped validation (an older version, a hand-written job).
    const raw = producer as unknown as Queue;
    const bad = await raw.add('description.publish', { communityId: 'not-a-key', reason: 'sometimes' });
    const failed = await nextFinished(worker, 'failed', bad.id ?? '');
    expect(failed.attemptsMade).toBe(1);
    expect(failed.opts.attempts).toBe(5);
    expect(failed.failedReason).toContain('communityId');
    expect(failed.failedReason).toContain('reason');
    expect(errors[0]).toBeInstanceOf(PermanentJobError);
    expect((errors[0] as PermanentJobError).code).toBe(ErrorCode.INVALID_JOB_DATA);

    const communityId = `0x02${'ab'.repeat(32)}`;
    const good = await enqueue(producer, { communityId, reason: 'changed', correlationId: randomUUID() });
    if (!good.ok) throw good.error;
    await nextFinished(worker, 'completed', good.value.id ?? '');
    expect(processed).toEqual([communityId]);
    expect(worker.isRunning()).toBe(true);
    expect(workerErrors).toEqual([]);
  });

  it('retries a transient failure with backoff until it succeeds', async () => {
    const producer = queue(QueueName.COMMUNITY_WATCH);
    let calls = 0;
    const worker = createWorker(
      QueueName.COMMUNITY_WATCH,
      async (data) => {
        calls += 1;
        if (calls < 3) throw new Error('no peers yet');
        return data.type;
      },
      { connection: connection(), prefix, onError: (error) => workerErrors.push(error) },
    );
    workers.push(worker);

    const added = await enqueue(producer, {
      type: 'community.watch',
      communityId: `0x03${'cd'.repeat(32)}`,
      correlationId: randomUUID(),
      actor: 'test',
    });
    if (!added.ok) throw added.error;
    const done = await nextFinished(worker, 'completed', added.value.id ?? '');
    expect(calls).toBe(3);
    expect(done.attemptsMade).toBe(3);
    expect(done.returnvalue).toBe('community.watch');
    // The next test has a worker of its own on this queue.
    await worker.close();
  });

  it('turns Results into the three outcomes at the job edge: value, permanent failure, retry later', async () => {
    const producer = queue(QueueName.COMMUNITY_WATCH);
    const calls = new Map<string, number>();
    const worker = createWorker(
      QueueName.COMMUNITY_WATCH,
      async (data) => {
        const call = (calls.get(data.correlationId) ?? 0) + 1;
        calls.set(data.correlationId, call);
        if (data.correlationId === 'refused') return orFailPermanently(fail(ErrorCode.NOT_FOUND, 'no such'));
        // Not yet on the first two runs: retried after the backoff, then done.
        return orRetryLater(call < 3 ? fail(ErrorCode.CONFLICT, 'not yet') : ok(`done after ${call}`));
      },
      { connection: connection(), prefix, onError: (error) => workerErrors.push(error) },
    );
    workers.push(worker);
    const errors: unknown[] = [];
    worker.on('failed', (_job, error) => errors.push(error));
    const add = async (correlationId: string) => {
      const added = await enqueue(producer, {
        type: 'community.watch',
        communityId: `0x03${'ef'.repeat(32)}`,
        correlationId,
        actor: 'test',
      });
      if (!added.ok) throw added.error;
      return added.value.id ?? '';
    };

    const refusedId = await add('refused');
    const refused = await nextFinished(worker, 'failed', refusedId);
    expect(refused.attemptsMade).toBe(1);
    expect(refused.failedReason).toBe('no such');
    expect(errors[0]).toBeInstanceOf(PermanentJobError);
    expect((errors[0] as PermanentJobError).code).toBe(ErrorCode.NOT_FOUND);

    const laterId = await add('later');
    const later = await nextFinished(worker, 'completed', laterId);
    expect(later.attemptsMade).toBe(3);
    expect(later.returnvalue).toBe('done after 3');
    expect(errors.slice(1).map((error) => (error as RetryLaterError).details)).toEqual([
      { code: ErrorCode.CONFLICT },
      { code: ErrorCode.CONFLICT },
    ]);
    expect(errors[1]).toBeInstanceOf(RetryLaterError);
  });

  const wakuPayload = (byte: number) => ({
    pubsubTopic: '/waku/2/rs/16/64',
    contentTopic: '/waku/1/0x12345678/rfc26',
    payload: Uint8Array.of(0, byte),
  });

  it('stamps finished waku.outbound jobs: version 1, ns timestamp, base64 payload', () => {
    const [message] = toOutboundMessages([wakuPayload(255)], 1_732_531_200_123, 'corr');
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

  it('adds a waku.outbound batch under fixed job ids once, however often it is offered', async () => {
    const producer = queue(QueueName.WAKU_OUTBOUND);
    const messages = toOutboundMessages([wakuPayload(1), wakuPayload(2)], Date.now(), 'corr');
    expect(await enqueueOutbound(producer, messages, 'twice')).toEqual(ok(2));
    const first = await producer.getJob('twice-1');
    expect(first?.data).toEqual(messages[1]);
    expect(await enqueueOutbound(producer, messages, 'twice')).toEqual(ok(2));
    // The same job, not a second one (whatever state a worker of an earlier test has taken it to).
    expect((await producer.getJob('twice-1'))?.timestamp).toBe(first?.timestamp);
    expect(await producer.getJob('twice-2')).toBeUndefined();
  });

  it('refuses a waku.outbound batch with an invalid message before adding any of it', async () => {
    const producer = queue(QueueName.WAKU_OUTBOUND);
    const [valid] = toOutboundMessages([wakuPayload(3)], Date.now(), 'corr');
    if (!valid) throw new Error('no message');
    const refused = await enqueueOutbound(producer, [valid, { ...valid, pubsubTopic: '' }], 'refused');
    expect(refused.ok ? undefined : refused.error.code).toBe(ErrorCode.INVALID_JOB_DATA);
    expect(await producer.getJob('refused-0')).toBeUndefined();
  });

  it('closes a worker while it is busy without losing the job', async () => {
    const producer = queue(QueueName.BOT_MESSAGES);
    let release: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      release = resolve;
    });
    const worker = createWorker(
      QueueName.BOT_MESSAGES,
      async () => {
        release();
        await new Promise((resolve) => setTimeout(resolve, 50));
        return 'sent';
      },
      { connection: connection(), prefix, onError: (error) => workerErrors.push(error) },
    );
    const added = await enqueue(producer, {
      type: 'message.send',
      correlationId: randomUUID(),
      actor: 'test',
      botKey: `0x04${'11'.repeat(64)}`,
      communityId: `0x02${'22'.repeat(32)}`,
      channelId: randomUUID(),
      text: 'hello',
    });
    if (!added.ok) throw added.error;
    await started;
    const closed = once(worker, 'closed');
    await closeQueueResources({ workers: [worker] });
    await closed;
    const job = await producer.getJob(added.value.id ?? '');
    expect(await job?.getState()).toBe('completed');
  });
});
