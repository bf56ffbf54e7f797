// Join requests a hosted AUTO_ACCEPT community takes per second through the request handler: each one
// opened (ECIES with the community key, both signatures recovered), judged by status-go's rules (revealed
// account personal-signature recovered, bans, expiry, pending cap), accepted and persisted (member, request,
// clock, audit row in one transaction, events after), then answered: the RequestToJoinResponse carrying the
// published description that lists the member, once the publisher has published it. Real Redis, a fresh
// PostgreSQL database, the real publisher in the same process.
// Baseline, in the same run: the same requests opened and judged in memory with no I/O at all (ECIES decrypt,
// envelope and AMM signature recovery, revealed-account recovery, the rules) — the CPU floor of a handler
// that must verify what it accepts. Ratio = floor rate / pipeline rate.
//
// Run (Redis on 127.0.0.1:6379, PostgreSQL as for the tests; uses the built libraries):
//   npm run build && node --import tsx bench/request-handler-joins.bench.ts
// BENCH_JOINS sets the number of requests (default 500); BENCH_CONCURRENCY the handler's REQUEST_CONCURRENCY
// (default: the service's own).
import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { bytesToPrefixedHex, publicKeyToCompressedHex, signatureBackend } from '@status-communities/crypto';
import { createTestDatabase } from '@status-communities/db/testing';
import { unwrap } from '@status-communities/errors';
import { Keyring, SecretKey } from '@status-communities/keyring';
import { createLogger } from '@status-communities/observability';
import { validateRequestToJoin } from '@status-communities/protocol';
import {
  QueueName,
  base64ToBytes,
  closeQueueResources,
  createQueue,
  createRedisConnection,
  deleteKeyspace,
  enqueue,
} from '@status-communities/queue';
import { parsePublisherConfig } from '../apps/publisher/src/config.js';
import { startPublisher } from '../apps/publisher/src/service.js';
import { parseRequestHandlerConfig } from '../apps/request-handler/src/config.js';
import { openRequest } from '../apps/request-handler/src/requests/open-request.js';
import {
  PublishedDescriptions,
  membershipView,
} from '../apps/request-handler/src/requests/membership-view.js';
import { startRequestHandler } from '../apps/request-handler/src/service.js';
import { readHostedCommunity } from '../apps/request-handler/src/store/hosted-community.js';
import { StatusMember } from '@status-communities/testing';

const JOINS = Number(process.env['BENCH_JOINS'] ?? 500);
const CONCURRENCY = process.env['BENCH_CONCURRENCY'];
const REDIS_URL = 'redis://127.0.0.1:6379';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rate = (count: number, ms: number): string =>
  `${Math.round((count * 1000) / ms).toLocaleString('en-US')}/s`;

const db = await createTestDatabase();
const prefix = `bench-rh-${randomUUID().slice(0, 8)}`;
const env = {
  DATABASE_URL: db.url,
  REDIS_URL,
  REDIS_KEY_PREFIX: prefix,
  KEYRING_MASTER_KEY: randomBytes(32).toString('hex'),
  KEYRING_MASTER_KEY_ID: 'bench',
  HEALTH_PORT: '0',
  LOG_LEVEL: 'silent',
  PUBLISH_DEBOUNCE_MS: '200',
  ...(CONCURRENCY === undefined ? {} : { REQUEST_CONCURRENCY: CONCURRENCY }),
};
const logger = createLogger({ serviceName: 'bench', level: 'silent' });
const publisherConfig = unwrap(parsePublisherConfig(env));
const publisher = await startPublisher(publisherConfig, { logger });
const handlerConfig = unwrap(parseRequestHandlerConfig(env));
const handler = await startRequestHandler(handlerConfig, { logger });
const redis = createRedisConnection(REDIS_URL);
const commands = createQueue(QueueName.COMMUNITY_COMMANDS, redis, { prefix });
const requests = createQueue(QueueName.COMMUNITY_REQUESTS, redis, { prefix });

try {
  // A hosted AUTO_ACCEPT community under a key we also hold, published once.
  const tenant = await db.prisma.tenant.create({ data: { name: 'Bench', slug: `bench-${prefix}` } });
  const communityKey = SecretKey.generate();
  const entry = unwrap(
    await new Keyring(db.prisma, publisherConfig.masterKeys).import(
      'COMMUNITY_KEY',
      communityKey,
      tenant.id,
      {
        actor: 'bench',
      },
    ),
  );
  unwrap(
    await enqueue(commands, {
      type: 'community.create',
      actor: 'bench',
      correlationId: randomUUID(),
      tenantId: tenant.id,
      keyId: entry.id,
      identity: {
        displayName: 'Bench joins',
        description: 'How fast do members get in?',
        color: '#887af9',
        emoji: '',
        images: [],
        tags: [],
        introMessage: '',
        outroMessage: '',
      },
      permissions: { access: 'AUTO_ACCEPT', ensOnly: false },
    }),
  );
  const communityId = publicKeyToCompressedHex(communityKey.publicKey);
  for (;;) {
    const row = await db.prisma.community.findUnique({ where: { id: communityId } });
    if (row?.lastPublishedClock != null) break;
    await sleep(50);
  }

  // Requests as Status apps send them, built before any timing.
  const members = Array.from({ length: JOINS }, (_, index) => new StatusMember(`member ${index}`));
  const messages = members.map((member) => member.requestToJoin(communityId));

  // Floor: open and judge every request in memory against the community as stored, no I/O.
  const community = await readHostedCommunity(db.prisma, communityId);
  if (!community) throw new Error('community not stored');
  const stored = await db.prisma.community.findUniqueOrThrow({ where: { id: communityId } });
  const description = unwrap(
    await new PublishedDescriptions(async () =>
      stored.descriptionRaw ? { raw: stored.descriptionRaw, clock: Number(stored.lastPublishedClock) } : null,
    ).read(community),
  );
  const privateKey = communityKey.reveal();
  const floorStart = performance.now();
  for (const message of messages) {
    const opened = unwrap(openRequest(base64ToBytes(message.payload), privateKey));
    if (opened.kind !== 'join') throw new Error('not a join');
    const view = membershipView(community, description, {
      memberKey: bytesToPrefixedHex(opened.signer),
      member: undefined,
      memberCount: 1,
      ban: undefined,
    });
    const verdict = unwrap(
      validateRequestToJoin(opened.request, opened.signer, {
        description: view,
        pendingCount: 0,
        nowMs: Date.now(),
      }),
    );
    if (verdict.decision !== 'accept') throw new Error(`floor judged ${verdict.decision}`);
  }
  const floorMs = performance.now() - floorStart;

  // Pipeline: every request on community.requests as the indexer forwards it; timed until all are accepted
  // and persisted, then until every requester has been answered.
  const load = loadavg()[0] ?? 0;
  const start = performance.now();
  const cpuAtStart = process.cpuUsage();
  await requests.addBulk(
    messages.map((message) => ({
      name: 'request.inbound',
      data: { type: 'request.inbound' as const, correlationId: message.correlationId, communityId, message },
      opts: { jobId: `request.${message.hash}` },
    })),
  );
  /** Requesters answered so far (an answer job may answer many). */
  const answered = async () => {
    const handled = await handler.metrics.registry.getSingleMetric('request_handler_jobs_total')?.get();
    return (handled?.values ?? [])
      .filter(
        (value) => value.labels['type'] === 'request.respond' && value.labels['outcome'] === 'responded',
      )
      .reduce((sum, value) => sum + value.value, 0);
  };
  let acceptedMs = 0;
  let acceptedCpu = { user: 0, system: 0 };
  for (;;) {
    const failed = await requests.getFailedCount();
    if (failed > 0) throw new Error(`${failed} jobs failed`);
    const joined = await db.prisma.member.count({ where: { communityId, state: 'ACTIVE' } });
    if (acceptedMs === 0 && joined >= JOINS + 1) {
      acceptedMs = performance.now() - start;
      acceptedCpu = process.cpuUsage(cpuAtStart);
    }
    if ((await answered()) >= JOINS) break;
    await sleep(20);
  }
  const answeredMs = performance.now() - start;
  const answeredCpu = process.cpuUsage(cpuAtStart);
  /** CPU of this process (handler, publisher, bench) per join, in ms: steadier than rates on a shared machine. */
  const cpuPerJoin = (cpu: NodeJS.CpuUsage) => ((cpu.user + cpu.system) / 1000 / JOINS).toFixed(2);
  const responses = await db.prisma.auditLogEntry.count({
    where: { action: 'request.join', result: 'SUCCESS' },
  });
  if (responses !== JOINS) throw new Error(`expected ${JOINS} accepted requests, saw ${responses}`);
  const batchSizes = (
    await handler.metrics.registry.getSingleMetric('request_handler_join_batch_size')?.get()
  )?.values as { metricName?: string; value: number }[] | undefined;
  const batchCount = batchSizes?.find((value) => value.metricName?.endsWith('_count'))?.value ?? 0;

  console.log(
    `signature backend: ${signatureBackend.name}; ${JOINS} join requests; handler concurrency ${handlerConfig.REQUEST_CONCURRENCY}, join batches of at most ${handlerConfig.JOIN_BATCH_MAX}; load average at start ${load.toFixed(2)}`,
  );
  console.log(
    `${batchCount} join batches, ${(JOINS / Math.max(batchCount, 1)).toFixed(1)} requests each on average`,
  );
  console.log('stage                                                         | time      | joins per second');
  console.log(
    `floor: open + judge in memory, no I/O                          | ${floorMs.toFixed(0).padStart(6)} ms | ${rate(JOINS, floorMs)}`,
  );
  console.log(
    `pipeline: queued → opened, judged, accepted, persisted          | ${acceptedMs.toFixed(0).padStart(6)} ms | ${rate(JOINS, acceptedMs)}`,
  );
  console.log(
    `pipeline: queued → … → description published, answer queued     | ${answeredMs.toFixed(0).padStart(6)} ms | ${rate(JOINS, answeredMs)}`,
  );
  console.log(
    `CPU per join (this process, ms): until accepted ${cpuPerJoin(acceptedCpu)}, until answered ${cpuPerJoin(answeredCpu)}; the floor ${(floorMs / JOINS).toFixed(2)}`,
  );
  console.log(
    `ratio floor / accepted: ${(acceptedMs / floorMs).toFixed(1)}×; floor / answered: ${(answeredMs / floorMs).toFixed(1)}×`,
  );
} finally {
  await handler.stop();
  await publisher.stop();
  await closeQueueResources({ queues: [commands, requests] });
  await deleteKeyspace(redis, prefix);
  await closeQueueResources({ connections: [redis] });
  await db.drop();
}
