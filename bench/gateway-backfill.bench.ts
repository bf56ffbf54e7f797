// Back-fill time of the Waku gateway: N messages of a hosted community that a devnet Store node kept while no
// gateway ran, fetched by a gateway started as its own process (apps/waku-gateway/dist/main.js) on the real Redis
// and PostgreSQL, until all N jobs are on waku.inbound. Prints, per round (a fresh database, Redis prefix and
// community each), the seconds from the process start to its first back-fill's start, the back-fill's own
// duration as the gateway logs it, and messages per second. On a shared machine other load moves the figures.
//
// Needs Redis on 127.0.0.1:6379 and PostgreSQL on 127.0.0.1:5432 (docker compose up -d redis postgres).
// Run (uses the built libraries and gateway): npm run build && node --import tsx bench/gateway-backfill.bench.ts [N]
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { generatePrivateKey, publicKeyFromPrivateKey } from '@status-communities/crypto';
import { createTestDatabase } from '@status-communities/db/testing';
import { bigIntToUint64 } from '@status-communities/proto';
import { contentTopicForChatId, memberUpdateChatId } from '@status-communities/protocol';
import { QueueName, closeRedis, createRedisConnection, deleteKeyspace } from '@status-communities/queue';
import { serveDevnetStore, startDevnet, testWakuMessage } from '@status-communities/testing';
import type { WakuNode } from '@status-communities/waku';
import { pubsubTopicForShard } from '@status-communities/waku';

const MESSAGES = Number(process.argv[2] ?? 5_000);
const ROUNDS = 3;
const REDIS_URL = 'redis://127.0.0.1:6379';
const TIMEOUT_MS = 300_000;

interface BackfillLine {
  readonly msg?: string;
  readonly communityId?: string;
  readonly delivered?: number;
  readonly durationMs?: number;
  readonly level?: string;
}

const gatewayMain = fileURLToPath(new URL('../apps/waku-gateway/dist/main.js', import.meta.url));
const devnet = await startDevnet({ nodes: 2 });
const store = await serveDevnetStore(devnet.nodes[1] as WakuNode);
const redis = createRedisConnection(REDIS_URL);

const round = async (): Promise<string> => {
  const db = await createTestDatabase();
  const prefix = `bench-bf-${randomUUID().slice(0, 8)}`;
  const communityId =
    '0x' + Buffer.from(publicKeyFromPrivateKey(generatePrivateKey(), { compressed: true })).toString('hex');
  await db.prisma.community.create({ data: { id: communityId, kind: 'HOSTED' } });
  // Kept by the store while no gateway ran: the last minute's posts of the community, 1 µs apart.
  const startNs = BigInt(Date.now() - 60_000) * 1_000_000n;
  for (let index = 0; index < MESSAGES; index++)
    store.archive.add({
      pubsubTopic: pubsubTopicForShard(256),
      message: testWakuMessage({
        contentTopic: contentTopicForChatId(memberUpdateChatId(communityId)),
        timestamp: bigIntToUint64(startNs + BigInt(index) * 1_000n),
      }),
    });

  const started = performance.now();
  const gateway = spawn(process.execPath, [gatewayMain], {
    env: {
      PATH: process.env['PATH'] ?? '',
      WAKU_BOOTSTRAP_PEERS: devnet.multiaddrs.join(','),
      WAKU_LISTEN_ADDRESS: '127.0.0.1',
      WAKU_LISTEN_PORT: '0',
      HEALTH_PORT: '0',
      BACKFILL_STORE_PEERS: store.multiaddr,
      REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      DATABASE_URL: db.url,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => gateway.once('exit', resolve));
  let first: BackfillLine | undefined;
  let buffered = '';
  gateway.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const entry = JSON.parse(line) as BackfillLine;
      if (entry.msg === 'back-fill complete' && entry.communityId === communityId) first ??= entry;
      if (entry.level === 'error' || entry.level === 'fatal') console.error(line);
    }
  });
  try {
    const waiting = `${prefix}:${QueueName.WAKU_INBOUND}:wait`;
    const deadline = Date.now() + TIMEOUT_MS;
    while ((await redis.llen(waiting)) < MESSAGES || first === undefined) {
      if (Date.now() > deadline)
        throw new Error(`timed out: ${await redis.llen(waiting)} of ${MESSAGES} queued`);
      await sleep(20);
    }
    const allQueuedS = (performance.now() - started) / 1_000;
    const backfillS = (first.durationMs ?? 0) / 1_000;
    return (
      `${first.delivered} messages back-filled in ${backfillS.toFixed(2)} s (${Math.round(MESSAGES / backfillS)}/s); ` +
      `all queued ${allQueuedS.toFixed(2)} s after the process started`
    );
  } finally {
    gateway.kill('SIGTERM');
    await exited;
    await deleteKeyspace(redis, prefix);
    await db.drop();
  }
};

try {
  for (let index = 1; index <= ROUNDS; index++) console.log(`round ${index}: ${await round()}`);
} finally {
  await closeRedis(redis);
  await store.close();
  await devnet.stop();
}
