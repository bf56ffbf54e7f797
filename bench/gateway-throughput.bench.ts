// Inbound throughput of the Waku gateway: N messages published by a devnet node, timed until all N jobs are on
// waku.inbound in Redis, through a gateway running as its own process (apps/waku-gateway/dist/main.js) on the
// real Redis and PostgreSQL, connected to the publishing node only. Baseline, in the same run: N messages of
// the same size from the same node to another devnet node's subscribe handler — a plain relay node of ours,
// also in a process of its own (this file, started with --relay-receiver) and also one hop from the publisher,
// so both sides get the same share of the machine. Rounds alternate so noise hits both; the target is
// gateway / relay >= 0.8. Also prints both processes' memory (RSS, V8 heap), the gateway's idle and after the run.
// On a shared machine other load moves both figures and the ratio; compare figures of the same run.
//
// Needs Redis on 127.0.0.1:6379 and PostgreSQL on 127.0.0.1:5432 (docker compose up -d redis postgres).
// Run (uses the built libraries and gateway): npm run build && node --import tsx bench/gateway-throughput.bench.ts [N]
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase } from '@status-communities/db/testing';
import { QueueName, closeRedis, createRedisConnection, deleteKeyspace } from '@status-communities/queue';
import { startDevnet, testWakuMessage, waitFor } from '@status-communities/testing';
import type { WakuNode } from '@status-communities/waku';
import { createWakuNode, pubsubTopicForShard } from '@status-communities/waku';

const RECEIVER_FLAG = '--relay-receiver';
const MESSAGES = Number(process.argv[2] ?? 2_000);
const ROUNDS = 5;
/** JIT warm-up: the first thousands of messages cost the gateway (BullMQ, zod, ioredis paths) twice as much. */
const WARM_UP = 3_000;
const PAYLOAD_BYTES = 1_024;
/** The gateway's rounds go here (a shard it relays)… */
const SHARD = 256;
/** …and the baseline's here: the gateway does not relay it, the baseline receiver relays only it. */
const BASELINE_SHARD = 300;
const REDIS_URL = 'redis://127.0.0.1:6379';
const TIMEOUT_MS = 120_000;

/**
 * The baseline's receiving node, in this process: joins the publisher, counts baseline messages, and answers a
 * target count written to stdin with `reached <count>` once that many have arrived (`count` → `count <n>` now,
 * `memory` → its memory).
 */
const runRelayReceiver = async (publisherAddress: string): Promise<void> => {
  const node = await createWakuNode({ shards: [BASELINE_SHARD], bootstrapPeers: [publisherAddress] });
  let count = 0;
  let target = Number.POSITIVE_INFINITY;
  const report = (): void => {
    if (count < target) return;
    target = Number.POSITIVE_INFINITY;
    process.stdout.write(`reached ${count}\n`);
  };
  node.subscribe(() => {
    count++;
    report();
  });
  await node.start();
  let buffered = '';
  process.stdin.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines)
      if (line === 'memory') process.stdout.write(`memory ${JSON.stringify(process.memoryUsage())}\n`);
      else if (line === 'count') process.stdout.write(`count ${count}\n`);
      else {
        target = Number(line);
        report();
      }
  });
  process.stdin.once('end', () => void node.stop().then(() => process.exit(0)));
  process.stdout.write('ready\n');
};

/** Lines a child process writes, handed to `onLine` one by one. */
const readLines = (stream: NodeJS.ReadableStream, onLine: (line: string) => void): void => {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
};

interface Memory {
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
}

async function runBenchmark(): Promise<void> {
  const gatewayMain = fileURLToPath(new URL('../apps/waku-gateway/dist/main.js', import.meta.url));
  const thisFile = fileURLToPath(import.meta.url);
  const topic = pubsubTopicForShard(SHARD);
  const prefix = `bench-gw-${randomUUID().slice(0, 8)}`;

  const devnet = await startDevnet({ nodes: 3, shards: [32, 64, 128, SHARD, BASELINE_SHARD] });
  const publisher = devnet.nodes[0] as WakuNode;
  const publisherAddress = devnet.multiaddrs[0] ?? '';
  const db = await createTestDatabase();
  const redis = createRedisConnection(REDIS_URL);
  const waitingKey = `${prefix}:${QueueName.WAKU_INBOUND}:wait`;

  const gateway = spawn(process.execPath, [gatewayMain], {
    env: {
      PATH: process.env['PATH'] ?? '',
      WAKU_BOOTSTRAP_PEERS: publisherAddress,
      WAKU_LISTEN_ADDRESS: '127.0.0.1',
      WAKU_LISTEN_PORT: '0',
      HEALTH_PORT: '0',
      REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      DATABASE_URL: db.url,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const relayReceiver = spawn(
    process.execPath,
    ['--import', 'tsx', thisFile, RECEIVER_FLAG, publisherAddress],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const children = [gateway, relayReceiver];
  const exited = children.map((child) => new Promise((resolve) => child.once('exit', resolve)));
  // However this process ends, its children do not outlive it.
  process.once('exit', () => children.forEach((child) => child.kill('SIGKILL')));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

  let healthUrl: string | undefined;
  readLines(gateway.stdout, (line) => {
    const entry = JSON.parse(line) as { msg?: string; health?: string; level?: string };
    if (entry.msg === 'waku gateway started') healthUrl = entry.health;
    if (entry.level === 'error' || entry.level === 'fatal') console.error(line);
  });
  let receiverReady = false;
  let reached = 0;
  let lastCount = 0;
  let receiverMemory: Memory | undefined;
  readLines(relayReceiver.stdout, (line) => {
    if (line === 'ready') receiverReady = true;
    else if (line.startsWith('reached ')) reached = Number(line.slice('reached '.length));
    else if (line.startsWith('count ')) lastCount = Number(line.slice('count '.length));
    else if (line.startsWith('memory ')) receiverMemory = JSON.parse(line.slice('memory '.length)) as Memory;
  });

  try {
    await waitFor(
      'the gateway and the relay receiver to start',
      () => healthUrl !== undefined && receiverReady,
      {
        timeoutMs: 60_000,
      },
    );
    // Each receiver is in the publisher's mesh when the publisher has two mesh peers on its shard (its devnet
    // neighbour and the receiver).
    const meshPeers = (shard: number) =>
      publisher.shardPeers().find((peers) => peers.shard === shard)?.meshPeers ?? 0;
    await waitFor(
      'both receivers in the publisher mesh',
      () => meshPeers(SHARD) >= 2 && meshPeers(BASELINE_SHARD) >= 2,
      {
        timeoutMs: 30_000,
      },
    );

    const publishAll = async (on: string, count: number): Promise<void> => {
      for (let i = 0; i < count; i++) {
        const outcome = await publisher.publish(on, testWakuMessage({ payload: randomBytes(PAYLOAD_BYTES) }));
        if (outcome.status !== 'published') throw new Error(`publish ${i}: ${outcome.status}`);
        // Publishing resolves in microtasks; without a turn of the event loop now and then the devnet's sockets
        // (pings included) starve on a busy machine and peers drop the connection.
        if (i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
      }
    };

    /** Messages per second from the first publish until `done()` holds; `progress` says how far it got. */
    const timed = async (
      on: string,
      count: number,
      done: () => Promise<boolean>,
      progress: () => Promise<string>,
    ): Promise<number> => {
      const started = performance.now();
      await publishAll(on, count);
      const deadline = Date.now() + TIMEOUT_MS;
      while (!(await done())) {
        if (Date.now() > deadline)
          throw new Error(`timed out waiting for ${count} messages on ${on}: ${await progress()}`);
        await sleep(2);
      }
      return count / ((performance.now() - started) / 1_000);
    };

    let delivered = 0;
    /** Raw relay: the receiver process reports when its subscribe handler has seen every message. */
    const relayRound = async (count: number): Promise<number> => {
      delivered += count;
      relayReceiver.stdin?.write(`${delivered}\n`);
      return timed(
        pubsubTopicForShard(BASELINE_SHARD),
        count,
        async () => reached >= delivered,
        async () => {
          relayReceiver.stdin?.write('count\n');
          await sleep(500);
          return `the relay receiver has ${lastCount} of ${delivered} messages`;
        },
      );
    };

    /** Gateway: every message is a job waiting on waku.inbound (no worker consumes them). */
    const gatewayRound = async (count: number): Promise<number> => {
      const target = (await redis.llen(waitingKey)) + count;
      return timed(
        topic,
        count,
        async () => (await redis.llen(waitingKey)) >= target,
        async () => `${await redis.llen(waitingKey)} of ${target} jobs on waku.inbound`,
      );
    };

    /** The gateway's own process metrics. */
    const gatewayMemory = async (): Promise<Memory> => {
      const text = await (await fetch(`${healthUrl}/metrics`)).text();
      const metric = (name: string): number => {
        const line = text
          .split('\n')
          .find((entry) => entry.startsWith(`${name}{`) || entry.startsWith(`${name} `));
        return Number(line?.split(' ').at(-1) ?? Number.NaN);
      };
      return {
        rss: metric('process_resident_memory_bytes'),
        heapUsed: metric('nodejs_heap_size_used_bytes'),
        heapTotal: metric('nodejs_heap_size_total_bytes'),
      };
    };
    const idle = await gatewayMemory();

    await relayRound(WARM_UP);
    await gatewayRound(WARM_UP);
    const relayRates: number[] = [];
    const gatewayRates: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      relayRates.push(await relayRound(MESSAGES));
      gatewayRates.push(await gatewayRound(MESSAGES));
    }
    const queued = await redis.llen(waitingKey);
    const expected = WARM_UP + ROUNDS * MESSAGES;
    // One job per message: nothing lost, nothing doubled.
    if (queued !== expected) throw new Error(`${queued} jobs on waku.inbound, expected ${expected}`);
    const loaded = await gatewayMemory();
    relayReceiver.stdin?.write('memory\n');
    await waitFor('the relay receiver memory', () => receiverMemory !== undefined);

    const median = (values: number[]): number =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
    const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
    const relay = median(relayRates);
    const throughGateway = median(gatewayRates);
    console.log(
      `${MESSAGES} × ${PAYLOAD_BYTES} B messages per round, ${ROUNDS} rounds after ${WARM_UP} to warm up, medians:`,
    );
    console.log(`raw relay delivery (devnet node → devnet node):     ${fmt(relay)} messages/s`);
    console.log(`devnet → gateway → Redis (all jobs on waku.inbound): ${fmt(throughGateway)} messages/s`);
    console.log(`rounds, relay:   ${relayRates.map(fmt).join(', ')}`);
    console.log(`rounds, gateway: ${gatewayRates.map(fmt).join(', ')}`);
    console.log(`ratio gateway / relay: ${(throughGateway / relay).toFixed(3)} (target >= 0.8)`);
    const memoryLine = (who: string, figures: Memory): string =>
      `${who}: RSS ${mib(figures.rss)} MiB, heap used ${mib(figures.heapUsed)} MiB of ${mib(figures.heapTotal)} MiB`;
    console.log(memoryLine('gateway process, idle after start', idle));
    console.log(memoryLine(`gateway process, after ${expected} messages`, loaded));
    if (receiverMemory !== undefined)
      console.log(
        memoryLine(`plain relay node process, after ${WARM_UP + ROUNDS * MESSAGES} messages`, receiverMemory),
      );
  } finally {
    gateway.kill('SIGTERM');
    relayReceiver.stdin?.end();
    await Promise.all(exited);
    await deleteKeyspace(redis, prefix);
    await closeRedis(redis);
    await db.drop();
    await devnet.stop();
  }
}

if (process.argv[2] === RECEIVER_FLAG) await runRelayReceiver(process.argv[3] ?? '');
else await runBenchmark();
