import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { createTestDatabase } from '@status-communities/db/testing';
import type { TestDatabase } from '@status-communities/db/testing';
import { ErrorCode, unwrap } from '@status-communities/errors';
import { SecretBytes, createMasterKeyRing } from '@status-communities/keyring';
import { createLogger } from '@status-communities/observability';
import {
  appendEvent,
  closeRedis,
  createRedisConnection,
  deleteKeyspace,
  eventStream,
  readGroupEvents,
} from '@status-communities/queue';
import type { DomainEvent } from '@status-communities/queue';
import { waitFor } from '@status-communities/testing';
import { CommunityDirectory } from '../subscriptions/event-visibility.js';
import { communityIdOf, memberJoined, messageAdded } from '../testing/domain-events.js';
import { startWebhookReceiver } from '../testing/webhook-receiver.js';
import type { ReceivedWebhook } from '../testing/webhook-receiver.js';
import { webhookVariables } from './webhook-config.js';
import type { WebhookConfig } from './webhook-config.js';
import { FANOUT_GROUP } from './webhook-fanout.js';
import { createWebhookSubscription, testWebhook } from './webhook-subscriptions.js';
import type { CreateWebhookInput, WebhookServices } from './webhook-subscriptions.js';
import { startWebhookWorkers } from './webhook-workers.js';
import type { WebhookWorkers } from './webhook-workers.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const BACKOFF_MS = 100;
const MAX_ATTEMPTS = 3;
/**
 * No receiver here is slow: the timeout only has to outlast a busy machine, where a 2 s one fired on a prompt 200
 * and a delivery took a second attempt.
 */
const DELIVERY_TIMEOUT_MS = 10_000;

const HOSTED_BY_US = communityIdOf(11);
const HOSTED_BY_OTHERS = communityIdOf(12);
const WATCHED = communityIdOf(13);

/** The receiver's side of the signature, written from the documentation, not from the signing code. */
const verifySignature = (secret: string, request: ReceivedWebhook): boolean => {
  const header = String(request.headers['x-webhook-signature']);
  const fields = Object.fromEntries(header.split(',').map((part) => part.split('=') as [string, string]));
  const expected = createHmac('sha256', secret).update(`${fields['t']}.${request.body}`).digest();
  const given = Buffer.from(fields['v1'] ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
};

const config = (overrides: Partial<WebhookConfig> = {}): WebhookConfig => ({
  ...z.object(webhookVariables).parse({ WEBHOOK_ALLOW_PRIVATE_HOSTS: 'true' }),
  WEBHOOK_MAX_ATTEMPTS: MAX_ATTEMPTS,
  WEBHOOK_BACKOFF_MS: BACKOFF_MS,
  WEBHOOK_TIMEOUT_MS: DELIVERY_TIMEOUT_MS,
  WEBHOOK_CLAIM_IDLE_MS: 300,
  ...overrides,
});

describe('webhook fan-out and delivery on real Redis, PostgreSQL and HTTP', () => {
  const prefix = `test-api-webhooks-${randomUUID()}`;
  const stream = eventStream({ prefix });
  const redis = createRedisConnection(REDIS_URL);
  const masterKeys = unwrap(createMasterKeyRing({ id: 'test-master', key: SecretBytes.of(randomBytes(32)) }));
  const workers: WebhookWorkers[] = [];
  let db: TestDatabase;
  let services: WebhookServices;
  let tenantId: string;
  let otherTenantId: string;
  // Paths answer with the statuses listed for them, in turn, then 200.
  const script = new Map<string, number[]>();
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

  const start = async (overrides: Partial<WebhookConfig> = {}) => {
    const started = await startWebhookWorkers({
      config: config(overrides),
      redisUrl: REDIS_URL,
      prefix,
      stream,
      prisma: db.prisma,
      masterKeys,
      directory: services.directory,
      onError: (error) => {
        throw error;
      },
      logger: createLogger({ serviceName: 'api', level: 'silent' }),
    });
    workers.push(started);
    return started;
  };
  const subscribe = async (path: string, input: Partial<CreateWebhookInput> = {}, tenant = tenantId) =>
    unwrap(await createWebhookSubscription(services, tenant, { url: receiver.url(path), ...input }));
  const deliveriesOf = (subscriptionId: string) =>
    db.prisma.webhookDelivery.findMany({ where: { subscriptionId }, orderBy: { id: 'asc' } });

  beforeAll(async () => {
    receiver = await startWebhookReceiver((request) => script.get(request.path)?.shift() ?? 200);
    db = await createTestDatabase();
    services = {
      prisma: db.prisma,
      masterKeys,
      directory: new CommunityDirectory(db.prisma),
      urlPolicy: { allowPrivateHosts: true },
      timeoutMs: DELIVERY_TIMEOUT_MS,
    };
    tenantId = (await db.prisma.tenant.create({ data: { name: 'Us', slug: 'us' } })).id;
    otherTenantId = (await db.prisma.tenant.create({ data: { name: 'Others', slug: 'others' } })).id;
    await db.prisma.community.createMany({
      data: [
        { id: HOSTED_BY_US, kind: 'HOSTED', tenantId },
        { id: HOSTED_BY_OTHERS, kind: 'HOSTED', tenantId: otherTenantId },
        { id: WATCHED, kind: 'WATCHED' },
      ],
    });
    await redis.connect();
  });

  afterAll(async () => {
    await Promise.all(workers.map((started) => started.close()));
    await receiver.close();
    await deleteKeyspace(redis, prefix);
    await closeRedis(redis);
    await db.drop();
  });

  it('signs each delivery, sends only what the tenant may see and the filters ask for, and logs it', async () => {
    await start();
    const all = await subscribe('/all');
    const { subscription: filtered, secret: filteredSecret } = await subscribe('/general-messages', {
      events: ['message.added'],
      communityId: WATCHED,
      channelId: 'general',
    });
    const sent: DomainEvent[] = [
      memberJoined(HOSTED_BY_US, 1),
      memberJoined(HOSTED_BY_OTHERS, 2),
      messageAdded(WATCHED, 'general', 3),
      messageAdded(WATCHED, 'random', 4),
      memberJoined(communityIdOf(99), 5),
    ];
    const ids: string[] = [];
    for (const event of sent) ids.push(await appendEvent(redis, event, stream));

    await waitFor(
      'four deliveries',
      () => receiver.at('/all').length === 3 && receiver.at('/general-messages').length === 1,
    );
    const toAll = receiver.at('/all').sort((a, b) => a.body.localeCompare(b.body));
    const bodyOf = (n: number) => ({
      id: ids[n],
      type: sent[n]!.type,
      occurredAt: new Date(sent[n]!.occurredAt).toISOString(),
      data: sent[n],
    });
    // Neither the other tenant's hosted community nor one the platform does not know.
    expect(toAll.map((request) => JSON.parse(request.body))).toEqual([bodyOf(0), bodyOf(2), bodyOf(3)]);
    expect(toAll.every((request) => verifySignature(all.secret, request))).toBe(true);
    expect(toAll.some((request) => verifySignature(filteredSecret, request))).toBe(false);
    const [request] = receiver.at('/general-messages');
    expect(JSON.parse(request!.body)).toMatchObject({ id: ids[2], data: sent[2] });
    expect(verifySignature(filteredSecret, request!)).toBe(true);
    expect(request!.headers).toMatchObject({
      'content-type': 'application/json',
      'x-webhook-id': ids[2],
      'x-webhook-event': 'message.added',
      'x-webhook-attempt': '1',
    });
    const timestamp = Number(/t=(\d+)/.exec(String(request!.headers['x-webhook-signature']))?.[1]);
    expect(Math.abs(timestamp - Date.now() / 1_000)).toBeLessThan(30);

    const logged = await waitForDelivered(() => deliveriesOf(filtered.id), 1);
    expect(logged).toEqual([
      expect.objectContaining({
        eventId: ids[2],
        eventType: 'message.added',
        payload: sent[2],
        status: 'DELIVERED',
        attempts: 1,
        lastStatusCode: 200,
        lastError: null,
        deliveredAt: expect.any(Date),
        deadLetteredAt: null,
      }),
    ]);
    expect(logged[0]!.lastLatencyMs).toBeGreaterThanOrEqual(0);
  });
  it('retries 5xx and 429 with growing delays, then delivers', async () => {
    const { subscription } = await subscribe('/flaky');
    script.set('/flaky', [503, 429]);
    const id = await appendEvent(redis, memberJoined(HOSTED_BY_US, 10), stream);

    const [row] = await waitForDelivered(() => deliveriesOf(subscription.id), 1);
    const tries = receiver.at('/flaky');
    expect(tries.map((request) => request.headers['x-webhook-attempt'])).toEqual(['1', '2', '3']);
    expect(new Set(tries.map((request) => request.headers['x-webhook-id']))).toEqual(new Set([id]));
    // BullMQ's exponential backoff: BACKOFF_MS, then twice that.
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(BACKOFF_MS * 0.9);
    expect(tries[2]!.at - tries[1]!.at).toBeGreaterThanOrEqual(BACKOFF_MS * 2 * 0.9);
    expect(row).toMatchObject({ status: 'DELIVERED', attempts: 3, lastStatusCode: 200, lastError: null });
  });

  it('dead-letters after the last attempt, and at once on a 4xx other than 429', async () => {
    const { subscription: down } = await subscribe('/down');
    const { subscription: gone } = await subscribe('/gone');
    script.set('/down', Array(MAX_ATTEMPTS).fill(500));
    script.set('/gone', [410]);
    await appendEvent(redis, memberJoined(HOSTED_BY_US, 20), stream);

    const [dead] = await waitForDelivered(() => deliveriesOf(down.id), 1);
    expect(dead).toMatchObject({
      status: 'DEAD_LETTERED',
      attempts: MAX_ATTEMPTS,
      lastStatusCode: 500,
      lastError: 'HTTP 500',
      deliveredAt: null,
      deadLetteredAt: expect.any(Date),
    });
    expect(receiver.at('/down')).toHaveLength(MAX_ATTEMPTS);
    const [refused] = await waitForDelivered(() => deliveriesOf(gone.id), 1);
    expect(refused).toMatchObject({ status: 'DEAD_LETTERED', attempts: 1, lastStatusCode: 410 });
    expect(receiver.at('/gone')).toHaveLength(1);
  });

  it('retries a receiver that does not answer at all (connection refused)', async () => {
    const { subscription } = unwrap(
      await createWebhookSubscription(services, tenantId, { url: `http://127.0.0.1:${await closedPort()}/` }),
    );
    await appendEvent(redis, memberJoined(HOSTED_BY_US, 25), stream);

    const [row] = await waitForDelivered(() => deliveriesOf(subscription.id), 1);
    expect(row).toMatchObject({ status: 'DEAD_LETTERED', attempts: MAX_ATTEMPTS, lastStatusCode: null });
    expect(row!.lastError).toMatch(/fetch failed.*ECONNREFUSED/);
  });

  it('delivers each event once when a fan-out worker dies before acknowledging, and when an event is fanned out again', async () => {
    await Promise.all(workers.splice(0).map((started) => started.close()));
    const { subscription } = await subscribe('/once');
    const ids: string[] = [];
    for (let n = 30; n < 40; n += 1)
      ids.push(await appendEvent(redis, memberJoined(HOSTED_BY_US, n), stream));
    // A worker reads the events and dies before queuing anything or acknowledging them.
    const taken = await readGroupEvents(redis, {
      stream,
      group: FANOUT_GROUP,
      consumer: 'crashed',
      count: 100,
    });
    expect(taken.events.map((stored) => stored.id)).toEqual(ids);

    const restarted = await start();
    const rows = await waitForDelivered(() => deliveriesOf(subscription.id), 10);
    expect(rows.map((row) => [row.eventId, row.status, row.attempts])).toEqual(
      ids.map((id) => [id, 'DELIVERED', 1]),
    );
    const pending = (await redis.xpending(stream.key, FANOUT_GROUP)) as [count: number];
    expect(pending[0]).toBe(0);

    // The same event fanned out again (a worker that queued but died before its acknowledgement), after its
    // first job is gone from Redis: the delivery row says it was delivered, so nothing is sent.
    const queue = restarted.queue;
    const jobId = `webhook.${subscription.id}.${ids[0]}`;
    await (await queue.getJob(jobId))?.remove();
    const again = await queue.add(
      'member.joined',
      {
        subscriptionId: subscription.id,
        eventId: ids[0]!,
        event: memberJoined(HOSTED_BY_US, 30),
      },
      { jobId },
    );
    expect(await waitForJob(() => again.getState(), 'completed')).toBe('completed');
    expect((await queue.getJob(jobId))?.returnvalue).toBe('already-done');
    // Deliveries run concurrently: webhooks promise each event once, not their order.
    expect(
      receiver
        .at('/once')
        .map((request) => request.headers['x-webhook-id'] as string)
        .sort(),
    ).toEqual([...ids].sort());
  });

  it('carries a delivery waiting for its retry across a restart of the workers, and sends it once', async () => {
    await Promise.all(workers.splice(0).map((started) => started.close()));
    await start({ WEBHOOK_BACKOFF_MS: 1_000 });
    const { subscription } = await subscribe('/restart');
    script.set('/restart', [503]);
    const id = await appendEvent(redis, memberJoined(HOSTED_BY_US, 50), stream);
    await waitFor('the first try', () => receiver.at('/restart').length === 1);

    // Stopped while the job waits out its backoff, started again: the retry runs in the new workers.
    await Promise.all(workers.splice(0).map((started) => started.close()));
    await start();
    const [row] = await waitForDelivered(() => deliveriesOf(subscription.id), 1);
    expect(row).toMatchObject({ eventId: id, status: 'DELIVERED', attempts: 2, lastStatusCode: 200 });
    expect(receiver.at('/restart').map((request) => request.headers['x-webhook-attempt'])).toEqual([
      '1',
      '2',
    ]);
  });

  it('sends a signed ping on testWebhook and reports the answer, without touching the delivery log', async () => {
    const { subscription, secret } = await subscribe('/ping');
    script.set('/ping', [418]);

    const result = unwrap(await testWebhook(services, tenantId, subscription.id));
    expect(result).toMatchObject({ result: 'refused', statusCode: 418, error: 'HTTP 418' });
    const [ping] = receiver.at('/ping');
    expect(verifySignature(secret, ping!)).toBe(true);
    expect(JSON.parse(ping!.body)).toMatchObject({
      id: result.eventId,
      type: 'webhook.ping',
      data: { subscriptionId: subscription.id },
    });
    expect(await deliveriesOf(subscription.id)).toEqual([]);
    const foreign = await testWebhook(services, otherTenantId, subscription.id);
    expect(foreign).toMatchObject({ ok: false, error: { code: ErrorCode.NOT_FOUND } });
  });

  it('refuses a community filter on a community the tenant cannot see, and keeps only the sealed secret', async () => {
    const refused = await createWebhookSubscription(services, tenantId, {
      url: receiver.url('/x'),
      communityId: HOSTED_BY_OTHERS,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: ErrorCode.NOT_FOUND } });
    const { subscription, secret } = await subscribe('/sealed');
    const stored = await db.prisma.keyringSecret.findUniqueOrThrow({ where: { id: subscription.secretRef } });
    expect(stored).toMatchObject({ purpose: 'WEBHOOK_SECRET', tenantId, masterKeyId: 'test-master' });
    expect(Buffer.from(stored.material).includes(Buffer.from(secret))).toBe(false);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  });
});

/** Polls the delivery log until `count` rows are no longer pending. */
const waitForDelivered = async <T extends { status: string }>(read: () => Promise<T[]>, count: number) => {
  let rows: T[] = [];
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    rows = await read();
    if (rows.length === count && rows.every((row) => row.status !== 'PENDING')) return rows;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`delivery log still pending: ${JSON.stringify(rows.map((row) => row.status))}`);
};

/** Polls a job's state until it is `state`. */
const waitForJob = async (read: () => Promise<string>, state: string) => {
  const deadline = Date.now() + 20_000;
  for (let current = await read(); Date.now() < deadline; current = await read()) {
    if (current === state) return current;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return read();
};

/** A port nothing listens on: one the system just handed out and took back. */
const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
};
