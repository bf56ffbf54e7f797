// Sustained ingest of the indexer: channel messages taken from `waku.inbound`, decoded, verified (both
// signatures, status-go's acceptance rules) and persisted with their roll-ups and events, per second — on the
// real Redis and a fresh PostgreSQL database. Measured in the same run:
// - the floor it is compared with: the same messages routed, decrypted, verified and decided in memory on one
//   thread, with no I/O at all (ratio = ingest / floor);
// - that decode's own floor: the same messages' two signatures (envelope and AMM) recovered bare with libs/crypto's
//   backend, alternating with the decode in short passes so machine noise hits both (ratio = decode / recoveries);
// - the queue alone: the same jobs through a BullMQ worker that does nothing, the ceiling of any consumer;
// - where the CPU went during ingest (this process, Redis, PostgreSQL), and the machine's load average,
//   since Redis, PostgreSQL and the indexer share the same cores.
//
// Run (Redis on 127.0.0.1:6379, PostgreSQL as for the tests; uses the built libraries):
//   npm run build && node --import tsx bench/indexer-ingest.bench.ts
// BENCH_MESSAGES sets the number of messages (default 20,000). Then the same ingest with the indexer on a
// 3-master Redis Cluster of the run's own, and its ratio to the single Redis (BENCH_CLUSTER=false skips it).
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  SIGNATURE_LENGTH,
  decryptGcmNonceLast,
  keccak256,
  signatureBackend,
} from '@status-communities/crypto';
import { createTestDatabase } from '@status-communities/db/testing';
import { createLogger, createMetrics } from '@status-communities/observability';
import {
  DEFAULT_JOB_OPTIONS,
  JobDefinitions,
  QueueName,
  closeQueueResources,
  createQueue,
  createRedisConnection,
  createWorker,
  deleteKeyspace,
} from '@status-communities/queue';
import type { InboundWakuMessage, TypedQueue } from '@status-communities/queue';
import type { RedisClient } from '@status-communities/queue';
import { base64ToBytes } from '@status-communities/queue';
import { status } from '@status-communities/proto';
import { unwrapLayers } from '@status-communities/protocol';
import { inlineDecoder } from '../apps/indexer/src/decode/decoder.js';
import { OverlayView, decide } from '../apps/indexer/src/ingest/decide.js';
import { prepareInbound } from '../apps/indexer/src/ingest/inbound.js';
import { Sql } from '../apps/indexer/src/persistence/sql.js';
import { RouteTable } from '../apps/indexer/src/routing/route-table.js';
import { startIndexer } from '../apps/indexer/src/service.js';
import { CommunityStates } from '../apps/indexer/src/state/community-state.js';
import { REDIS_URL, testConfig } from '../apps/indexer/src/testing/harness.js';
import { TestCommunity, newKey, startOwnRedisCluster } from '@status-communities/testing';

const MESSAGES = Number(process.env['BENCH_MESSAGES'] ?? 20_000);
const MEMBERS = 50;
// Messages per timed pass of the in-memory floors; the best pass of each counts.
const CHUNK = 500;
const ROUNDS = 3;

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU seconds used so far by every process with this name (Linux /proc; 0 elsewhere). */
const processCpuSeconds = (name: string): number => {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== name) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    } catch {
      // The process ended while being read.
    }
  }
  return ticks / 100;
};
const cpuNow = () => ({
  self: process.cpuUsage(),
  redis: processCpuSeconds('redis-server'),
  postgres: processCpuSeconds('postgres'),
});

const addJobs = async (
  queue: TypedQueue<typeof QueueName.WAKU_INBOUND>,
  jobs: readonly InboundWakuMessage[],
) => {
  for (let i = 0; i < jobs.length; i += 1_000)
    await queue.addBulk(
      jobs.slice(i, i + 1_000).map((data) => ({
        name: 'waku.message',
        data,
        opts: { ...DEFAULT_JOB_OPTIONS, ...JobDefinitions[QueueName.WAKU_INBOUND].jobOptions(data) },
      })),
    );
};

const owner = newKey();
const members = Array.from({ length: MEMBERS }, () => newKey());
const community = new TestCommunity(owner);
for (const member of members) community.addMember(member);
const channels = [community.addChannel('general'), community.addChannel('random')];
const start = Date.now() - 60_000;
const description = community.description({ atMs: start });
const messages: InboundWakuMessage[] = Array.from({ length: MESSAGES }, (_, i) =>
  community.chat(members[i % MEMBERS]!, channels[i % channels.length]!, `message ${i}: the quick brown fox`, {
    atMs: start + 1_000 + i,
  }),
).map((sent) => sent.inbound);

const logger = createLogger({ serviceName: 'indexer', level: 'silent' });

/**
 * Sustained ingest (10 %–90 % stored) with the indexer's Redis at `redisUrl`, on a database of its own with the
 * community watched and described first: what the single-Redis pass measures, for a Redis Cluster.
 */
const ingestOn = async (redisUrl: string): Promise<number> => {
  const own = await createTestDatabase();
  const ownPrefix = `bench-indexer-${randomUUID()}`;
  const connection = createRedisConnection(redisUrl);
  const ownConfig = testConfig(own.url, ownPrefix, { INDEXER_BATCH_WAIT_MS: '20', REDIS_URL: redisUrl });
  const options = {
    logger,
    metrics: createMetrics({ serviceName: 'indexer' }),
    healthServer: false,
  } as const;
  try {
    await own.prisma.watchedCommunity.create({ data: { communityId: community.communityId } });
    const queue = createQueue(QueueName.WAKU_INBOUND, connection, { prefix: ownPrefix });
    await addJobs(queue, [description.inbound]);
    const setup = await startIndexer(ownConfig, options);
    while ((await own.prisma.community.count()) === 0) await sleep(20);
    await setup.stop();
    await addJobs(queue, messages);
    const points: { t: number; n: number }[] = [];
    const began = performance.now();
    const running = await startIndexer(ownConfig, {
      ...options,
      metrics: createMetrics({ serviceName: 'indexer' }),
    });
    for (;;) {
      const n = await own.prisma.message.count();
      points.push({ t: performance.now() - began, n });
      if (n >= MESSAGES) break;
      await sleep(50);
    }
    await running.stop();
    await queue.close();
    const first = points.find((point) => point.n >= 0.1 * MESSAGES)!;
    const last = points.find((point) => point.n >= 0.9 * MESSAGES)!;
    return (last.n - first.n) / ((last.t - first.t) / 1000);
  } finally {
    await deleteKeyspace(connection, ownPrefix);
    await closeQueueResources({ connections: [connection] });
    await own.drop();
  }
};

const db = await createTestDatabase();
const prefix = `bench-indexer-${randomUUID()}`;
const queuePrefix = `bench-queue-${randomUUID()}`;
const redis: RedisClient = createRedisConnection(REDIS_URL);
const config = testConfig(db.url, prefix, { INDEXER_BATCH_WAIT_MS: '20' });
const load = [loadavg()[0] ?? 0];
try {
  // The community is watched and its description stored, as in production before its traffic counts.
  await db.prisma.watchedCommunity.create({ data: { communityId: community.communityId } });
  const inbound = createQueue(QueueName.WAKU_INBOUND, redis, { prefix });
  await addJobs(inbound, [description.inbound]);
  const setup = await startIndexer(config, {
    logger,
    metrics: createMetrics({ serviceName: 'indexer' }),
    healthServer: false,
  });
  while ((await db.prisma.community.count()) === 0) await sleep(20);
  await setup.stop();

  // Floor: route, decrypt, verify both signatures, decide — everything but I/O, on the state the service holds.
  const sql = new Sql(db.url, logger);
  const states = new CommunityStates(sql);
  await states.refresh([community.communityId]);
  await sql.close();
  const routes = new RouteTable([
    { communityId: community.communityId, hosted: false, channelUuids: channels },
  ]);
  const decoder = inlineDecoder();
  const decideRange = async (from: number, to: number) => {
    const view = new OverlayView((id) => states.get(id), []);
    const nowMs = Date.now();
    let accepted = 0;
    for (let i = from; i < to; i++) {
      const job = await prepareInbound(messages[i]!, routes, decoder, nowMs);
      if (view.apply(decide(job, view, nowMs)).outcome === 'accept') accepted++;
    }
    return accepted;
  };
  if ((await decideRange(0, MESSAGES)) !== MESSAGES)
    throw new Error('the in-memory pipeline does not accept every message');

  // The two (hash, signature) pairs each decode recovers: the envelope's and the AMM's.
  const signatures = messages.map((message) => {
    const [candidate] = routes.lookup(message.contentTopic);
    const symKey = candidate?.kind === 'symmetric' ? candidate.topic.symKey : null;
    const plain = symKey && decryptGcmNonceLast(base64ToBytes(message.payload), symKey);
    if (!plain?.ok) throw new Error('a bench message does not open');
    const end = plain.value.length - SIGNATURE_LENGTH;
    const sizeLength = plain.value[0]! & 0x03;
    let dataLength = 0;
    for (let i = sizeLength; i >= 1; i--) dataLength = dataLength * 256 + plain.value[i]!;
    const data = plain.value.subarray(1 + sizeLength, 1 + sizeLength + dataLength);
    const unwrapped = unwrapLayers(data);
    if (unwrapped.kind !== 'application') throw new Error('a bench message is encrypted');
    const amm = status.ApplicationMetadataMessage.decode(unwrapped.applicationBytes);
    return [
      { hash: keccak256(plain.value.subarray(0, end)), signature: plain.value.subarray(end) },
      { hash: keccak256(amm.payload), signature: amm.signature },
    ];
  });
  const recoverRange = (from: number, to: number) => {
    for (let i = from; i < to; i++)
      for (const { hash, signature } of signatures[i]!)
        if (!signatureBackend.recover(hash, signature)) throw new Error(`signature of ${i} does not recover`);
  };

  let floor = 0;
  let recoveries = 0;
  // Each pass's decode against the recoveries right after it: the median of those ratios follows the
  // machine's load far less than the best rates do.
  const passRatios: number[] = [];
  const rate = (count: number, t0: number) => count / ((performance.now() - t0) / 1000);
  for (let round = 0; round < ROUNDS; round++)
    for (let from = 0; from < MESSAGES; from += CHUNK) {
      const to = Math.min(from + CHUNK, MESSAGES);
      let t0 = performance.now();
      await decideRange(from, to);
      const decoded = rate(to - from, t0);
      t0 = performance.now();
      recoverRange(from, to);
      const recovered = rate(to - from, t0);
      floor = Math.max(floor, decoded);
      recoveries = Math.max(recoveries, recovered);
      passRatios.push(decoded / recovered);
    }
  passRatios.sort((a, b) => a - b);
  const medianPassRatio = passRatios[Math.floor(passRatios.length / 2)]!;

  // The queue alone: the same jobs, a worker with the indexer's concurrency that does nothing.
  const bare = createQueue(QueueName.WAKU_INBOUND, redis, { prefix: queuePrefix });
  await addJobs(bare, messages);
  let done = 0;
  let finished = () => {};
  const allDone = new Promise<void>((resolve) => (finished = resolve));
  const t1 = performance.now();
  const noop = createWorker(
    QueueName.WAKU_INBOUND,
    async () => {
      if (++done === MESSAGES) finished();
    },
    {
      connection: redis,
      prefix: queuePrefix,
      concurrency: config.INDEXER_CONCURRENCY,
      onError: () => undefined,
    },
  );
  await allDone;
  const queueOnly = MESSAGES / ((performance.now() - t1) / 1000);
  await closeQueueResources({ workers: [noop], queues: [bare] });

  // Ingest: the queue filled as the gateway fills it, then the indexer drains it.
  await addJobs(inbound, messages);
  const samples: { t: number; n: number }[] = [];
  const cpu0 = cpuNow();
  const t0 = performance.now();
  const indexer = await startIndexer(config, {
    logger,
    metrics: createMetrics({ serviceName: 'indexer' }),
    healthServer: false,
  });
  for (;;) {
    const n = await db.prisma.message.count();
    samples.push({ t: performance.now() - t0, n });
    if (n >= MESSAGES) break;
    await sleep(50);
  }
  const cpu1 = cpuNow();
  await indexer.stop();
  await inbound.close();
  load.push(loadavg()[0] ?? 0);

  // Sustained: between 10 % and 90 % stored, so start-up and the tail do not count.
  const at = (share: number) => samples.find((sample) => sample.n >= share * MESSAGES)!;
  const from = at(0.1);
  const to = at(0.9);
  const ingest = (to.n - from.n) / ((to.t - from.t) / 1000);
  const events = await redis.xlen(`${prefix}:{events.domain}`);
  const perMessage = (seconds: number) => `${fmt((seconds * 1e6) / MESSAGES)} µs`;
  const self = (cpu1.self.user + cpu1.self.system - cpu0.self.user - cpu0.self.system) / 1e6;

  console.log(
    `signature backend: ${signatureBackend.name}; ${fmt(MESSAGES)} channel messages, ${MEMBERS} authors`,
  );
  console.log(
    `decode and verify, no I/O (route, decrypt, 2 signatures, acceptance): ${fmt(floor)} messages/s`,
  );
  console.log(
    `two bare signature recoveries per message (the same signatures):        ${fmt(recoveries)} messages/s`,
  );
  console.log(
    `ratio decode-and-verify / two recoveries: ${(floor / recoveries).toFixed(3)} (best rates), ` +
      `${medianPassRatio.toFixed(3)} (median of ${passRatios.length} paired passes)`,
  );
  console.log(
    `the queue alone (BullMQ worker doing nothing, same jobs):               ${fmt(queueOnly)} jobs/s`,
  );
  console.log(
    `sustained ingest (waku.inbound → decoded, verified, persisted, events): ${fmt(ingest)} messages/s`,
  );
  console.log(
    `  whole run ${fmt(MESSAGES / (samples.at(-1)!.t / 1000))} messages/s; ${fmt(events)} events on the stream`,
  );
  console.log(
    `  CPU per message: indexer ${perMessage(self)} (both threads), Redis ${perMessage(cpu1.redis - cpu0.redis)}, ` +
      `PostgreSQL ${perMessage(cpu1.postgres - cpu0.postgres)}; load average ${load.map((l) => l.toFixed(1)).join(' → ')}`,
  );
  console.log(`ratio ingest / decode-and-verify: ${(ingest / floor).toFixed(3)}`);
  // The same ingest on a 3-master Redis Cluster of the run's own (BENCH_CLUSTER=false leaves it out).
  if (process.env['BENCH_CLUSTER'] !== 'false') {
    const cluster = await startOwnRedisCluster();
    try {
      const onCluster = await ingestOn(cluster.url);
      console.log(
        `sustained ingest, Redis Cluster of 3 masters (redis+cluster://):         ${fmt(onCluster)} messages/s`,
      );
      console.log(`ratio cluster / single Redis ingest: ${(onCluster / ingest).toFixed(3)}`);
    } finally {
      await cluster.close();
    }
  }
} finally {
  await deleteKeyspace(redis, prefix);
  await deleteKeyspace(redis, queuePrefix);
  await closeQueueResources({ connections: [redis] });
  await db.drop();
}
