// Subscription fan-out of the API: events appended to the domain event stream reach 1,000 WebSocket clients,
// each with one `messageAdded` subscription (graphql-ws over real sockets) on a real API server — its stream
// tail (XREAD BLOCK), per-subscriber filter, authorisation and bounded buffer, GraphQL execution and
// graphql-ws framing. Latency = time from the appendEvent call to receipt at each client, p50/p99/max; CPU per
// event = this process's CPU time over the measured events (servers and clients), steadier than latency when
// other work shares the cores.
// Measured in the same run, the baseline it is compared with: the same events, read by the same kind of
// XREAD BLOCK loop and broadcast as JSON by a plain `ws` server to 1,000 raw `ws` clients — the floor of any
// WebSocket fan-out on this machine (no GraphQL, no filter, one JSON.stringify per event instead of one per
// client). Server and clients share this process (and its one event loop) in both runs, as Redis and
// PostgreSQL share the machine's two cores, so the ratio is what GraphQL costs on top of a broadcast.
//
// Each round also runs the api with clients that speak graphql-transport-ws on raw `ws` sockets, doing the
// baseline clients' per-frame work: its ratio is the server's cost alone, without graphql-ws's client library.
//
// Run (Redis on 127.0.0.1:6379, PostgreSQL as for the tests; uses the built libraries):
//   npm run build && node --import tsx bench/api-subscriptions.bench.ts
// BENCH_CLIENTS (default 1,000), BENCH_EVENTS (default 200) and BENCH_EVENT_INTERVAL_MS (default 20) set the
// run: events are appended one every interval, so the run is a steady stream, not one burst. BENCH_ROUNDS
// (default 1) repeats the pair baseline then api and prints each round's ratio and their median. Then the api
// again with its Redis a 3-master Redis Cluster of the run's own, and its ratio to the single Redis
// (BENCH_CLUSTER=false skips it).
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createTestDatabase } from '@status-communities/db/testing';
import { createLogger } from '@status-communities/observability';
import {
  appendEvent,
  closeRedis,
  createRedisConnection,
  deleteKeyspace,
  eventStream,
  readEvents,
} from '@status-communities/queue';
import type { DomainEvent } from '@status-communities/queue';
import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import WebSocket, { WebSocketServer } from 'ws';
import { newApiKeySecret } from '../apps/api/src/auth/api-key-secret.js';
import { apiConfig } from '../apps/api/src/config.js';
import { startApi } from '../apps/api/src/service.js';
import { startOwnRedisCluster } from '@status-communities/testing';

const CLIENTS = Number(process.env['BENCH_CLIENTS'] ?? 1_000);
const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 200);
const INTERVAL_MS = Number(process.env['BENCH_EVENT_INTERVAL_MS'] ?? 20);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 1);
const REDIS_URL = 'redis://127.0.0.1:6379';
const COMMUNITY = `0x02${'5c'.repeat(32)}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const message = (n: number): DomainEvent => ({
  type: 'message.added',
  communityId: COMMUNITY,
  occurredAt: Date.now(),
  channelId: 'general',
  messageId: `0x${n.toString(16).padStart(64, '0')}`,
  authorKey: `0x04${'ab'.repeat(64)}`,
  clock: String(n + 1),
  text: `benchmark message ${n} with a little text, as a chat line would have`,
});

/** Latencies of every (event, client) receipt, from the time each message id was appended. */
class Receipts {
  readonly sentAt = new Map<string, number>();
  readonly latencies: number[] = [];
  readonly perClient: number[];
  constructor(clients: number) {
    this.perClient = new Array<number>(clients).fill(0);
  }
  record(client: number, messageId: string): void {
    const sent = this.sentAt.get(messageId);
    this.perClient[client] = (this.perClient[client] ?? 0) + 1;
    if (sent !== undefined) this.latencies.push(performance.now() - sent);
  }
  get everyClientHasOne(): boolean {
    return this.perClient.every((count) => count > 0);
  }
}

const waitUntil = async (what: string, condition: () => boolean, timeoutMs = 120_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
};

/** The middle value; for an even count, the mean of the two middle ones. */
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
};

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

interface RunResult {
  readonly connectMs: number;
  readonly delivered: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** CPU time of this process (servers and clients) per measured event: steadier than latency on a busy machine. */
  readonly cpuPerEventMs: number;
}

/**
 * Warm-up events until every client has one (so every subscription is live), then EVENTS measured events,
 * one every INTERVAL_MS, then waits for every receipt.
 */
const measure = async (append: (event: DomainEvent) => Promise<string>, receipts: Receipts) => {
  let n = 0;
  while (!receipts.everyClientHasOne) {
    await append(message((n += 1)));
    await sleep(100);
  }
  await sleep(200);
  receipts.latencies.length = 0;
  const cpu = process.cpuUsage();
  for (let i = 0; i < EVENTS; i += 1) {
    const started = performance.now();
    const event = message(1_000 + i);
    // Keyed by message id, known before the append: a receipt can never come before its start time.
    receipts.sentAt.set((event as { messageId: string }).messageId, started);
    await append(event);
    await sleep(Math.max(0, INTERVAL_MS - (performance.now() - started)));
  }
  await waitUntil('every receipt', () => receipts.latencies.length >= EVENTS * CLIENTS, 60_000).catch(
    () => undefined,
  );
  const used = process.cpuUsage(cpu);
  const sorted = [...receipts.latencies].sort((a, b) => a - b);
  return {
    cpuPerEventMs: (used.user + used.system) / 1_000 / EVENTS,
    delivered: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
  };
};

/** The baseline: one XREAD BLOCK loop broadcasting each event's JSON to raw ws clients. */
const runBaseline = async (prefix: string): Promise<RunResult> => {
  const stream = eventStream({ prefix });
  const producer = createRedisConnection(REDIS_URL);
  const reader = createRedisConnection(REDIS_URL);
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  let running = true;
  const loop = (async () => {
    let after = '$';
    while (running) {
      const batch = await readEvents(reader, { stream, after, block: 1_000, count: 500 }).catch(
        () => undefined,
      );
      if (!batch) continue;
      for (const stored of batch.events) {
        const json = JSON.stringify({ eventId: stored.id, event: stored.event });
        for (const socket of server.clients) socket.send(json);
      }
      after = batch.lastId ?? after;
    }
  })();

  const receipts = new Receipts(CLIENTS);
  const connectStart = performance.now();
  const sockets = await Promise.all(
    Array.from({ length: CLIENTS }, (_, client) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}`);
      socket.on('message', (data) =>
        receipts.record(
          client,
          (JSON.parse(String(data)) as { event: { messageId: string } }).event.messageId,
        ),
      );
      return new Promise<WebSocket>((resolve, reject) => {
        socket.once('open', () => resolve(socket));
        socket.once('error', reject);
      });
    }),
  );
  const connectMs = performance.now() - connectStart;
  const result = await measure((event) => appendEvent(producer, event, stream), receipts);

  for (const socket of sockets) socket.terminate();
  running = false;
  reader.disconnect();
  await loop;
  await new Promise((resolve) => server.close(resolve));
  await closeRedis(producer);
  return { connectMs, ...result };
};

/**
 * How the api run's clients speak graphql-ws: `library` through graphql-ws's own client; `protocol` as raw `ws`
 * sockets speaking graphql-transport-ws, whose per-frame work (one JSON.parse) is the baseline clients' — so the
 * ratio shows the server's cost alone, the client library's own work in this shared process left out.
 */
type ClientKind = 'library' | 'protocol';

interface ClientConnection {
  close(): Promise<void>;
}

/** A graphql-ws client of the library, subscribed; resolves once connected. */
const libraryClient = async (
  url: string,
  key: string,
  query: string,
  onMessage: (messageId: string) => void,
): Promise<ClientConnection> => {
  let connected!: () => void;
  const ready = new Promise<void>((resolve) => (connected = resolve));
  const graphql: Client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${key}` },
    retryAttempts: 0,
    on: { connected: () => connected() },
  });
  graphql.subscribe(
    { query },
    {
      next: (result) => {
        const data = result.data as { messageAdded?: { messageId: string } } | undefined;
        if (data?.messageAdded) onMessage(data.messageAdded.messageId);
      },
      error: (error) => console.error('subscription error', error),
      complete: () => undefined,
    },
  );
  await ready;
  return { close: () => graphql.dispose() };
};

/** A raw socket speaking graphql-transport-ws: init, subscribe on the ack, one JSON.parse per frame. */
const protocolClient = async (
  url: string,
  key: string,
  query: string,
  onMessage: (messageId: string) => void,
): Promise<ClientConnection> => {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  const ready = new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as {
        type: string;
        payload?: { data?: { messageAdded?: { messageId: string } } };
      };
      if (frame.type === 'next' && frame.payload?.data?.messageAdded)
        onMessage(frame.payload.data.messageAdded.messageId);
      else if (frame.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
      else if (frame.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
        resolve();
      } else if (frame.type === 'error') console.error('subscription error', frame.payload);
    });
  });
  socket.once('open', () =>
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${key}` } })),
  );
  await ready;
  return {
    close: async () => {
      socket.terminate();
    },
  };
};

/** A real API server and graphql-ws clients, each with one messageAdded subscription. */
const runApi = async (
  prefix: string,
  databaseUrl: string,
  key: string,
  redisUrl = REDIS_URL,
  clientKind: ClientKind = 'library',
): Promise<RunResult> => {
  const config = apiConfig.load({
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: prefix,
    API_PORT: '0',
    API_HOST: '127.0.0.1',
    HEALTH_PORT: '0',
    LOG_LEVEL: 'silent',
    WEBHOOK_WORKERS_ENABLED: 'false',
  });
  const server = await startApi(config, {
    logger: createLogger({ serviceName: 'bench', level: 'silent' }),
  });
  const producer = createRedisConnection(redisUrl);
  const stream = eventStream({ prefix });
  const receipts = new Receipts(CLIENTS);
  const query = `subscription { messageAdded(communityId: "${COMMUNITY}") { eventId messageId text } }`;
  const connect = clientKind === 'library' ? libraryClient : protocolClient;
  const connectStart = performance.now();
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, (_, client) =>
      connect(server.wsUrl, key, query, (messageId) => receipts.record(client, messageId)),
    ),
  );
  const connectMs = performance.now() - connectStart;
  const result = await measure((event) => appendEvent(producer, event, stream), receipts);

  await Promise.all(clients.map((client) => client.close()));
  await server.stop();
  await closeRedis(producer);
  return { connectMs, ...result };
};

const db = await createTestDatabase();
const redis = createRedisConnection(REDIS_URL);
const prefixes: string[] = [];
const prefixOf = (run: string): string => {
  const prefix = `bench-subs-${run}-${randomUUID()}`;
  prefixes.push(prefix);
  return prefix;
};
try {
  const tenant = await db.prisma.tenant.create({ data: { name: 'bench', slug: 'bench' } });
  await db.prisma.community.create({ data: { id: COMMUNITY, kind: 'WATCHED' } });
  const key = newApiKeySecret();
  await db.prisma.apiKey.create({
    data: {
      tenantId: tenant.id,
      name: 'bench',
      prefix: key.prefix,
      keyHash: key.hash,
      scopes: ['MESSAGES_READ'],
      // 1,000 connections authenticate within seconds.
      rateLimit: 1_000_000,
    },
  });
  // Rounds of a baseline run then an api run: each ratio compares runs a few seconds apart, on the load of
  // the moment; the median of the rounds' ratios is steadier than one pair on a shared machine.
  const rounds: {
    readonly baseline: RunResult;
    readonly api: RunResult;
    readonly apiProtocol: RunResult;
    readonly load: number[];
  }[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const load = [loadavg()[0] ?? 0];
    const baseline = await runBaseline(prefixOf('raw'));
    load.push(loadavg()[0] ?? 0);
    const api = await runApi(prefixOf('api'), db.url, key.secret);
    load.push(loadavg()[0] ?? 0);
    const apiProtocol = await runApi(prefixOf('api-protocol'), db.url, key.secret, REDIS_URL, 'protocol');
    load.push(loadavg()[0] ?? 0);
    rounds.push({ baseline, api, apiProtocol, load });
  }
  // The api again with its Redis a 3-master Redis Cluster of the run's own (BENCH_CLUSTER=false skips it).
  const cluster = process.env['BENCH_CLUSTER'] === 'false' ? undefined : await startOwnRedisCluster();
  const onCluster =
    cluster === undefined
      ? undefined
      : await runApi(`bench-subs-cluster-${randomUUID()}`, db.url, key.secret, cluster.url).finally(() =>
          cluster.close(),
        );

  const line = (name: string, run: RunResult) =>
    console.log(
      `${name} connect ${fmt(run.connectMs)} ms; delivered ${fmt(run.delivered)}/${fmt(EVENTS * CLIENTS)}; ` +
        `latency p50 ${fmt(run.p50, 1)} ms, p99 ${fmt(run.p99, 1)} ms, max ${fmt(run.max, 1)} ms; ` +
        `CPU ${fmt(run.cpuPerEventMs, 1)} ms per event`,
    );
  const ratio = (api: RunResult, baseline: RunResult) => ({
    p50: api.p50 / baseline.p50,
    p99: api.p99 / baseline.p99,
    cpu: api.cpuPerEventMs / baseline.cpuPerEventMs,
  });
  const ratios = rounds.map(({ baseline, api }) => ratio(api, baseline));
  const protocolRatios = rounds.map(({ baseline, apiProtocol }) => ratio(apiProtocol, baseline));
  const ratioLine = (name: string, of: ReturnType<typeof ratio>, load: string) =>
    console.log(
      `${name}: p50 ${of.p50.toFixed(2)}, p99 ${of.p99.toFixed(2)}, CPU per event ${of.cpu.toFixed(2)}${load}`,
    );
  console.log(`${fmt(CLIENTS)} clients, ${fmt(EVENTS)} events, one every ${INTERVAL_MS} ms`);
  rounds.forEach(({ baseline, api, apiProtocol, load }, round) => {
    line('baseline (XREAD + JSON broadcast, raw ws):        ', baseline);
    line('api (graphql-ws messageAdded subscriptions):      ', api);
    line('api, clients speaking the protocol on raw ws:     ', apiProtocol);
    const loads = `; load average ${load.map((l) => l.toFixed(1)).join(' → ')}`;
    ratioLine('ratio api / baseline', ratios[round] as (typeof ratios)[number], loads);
    ratioLine(
      'ratio api (protocol clients) / baseline',
      protocolRatios[round] as (typeof ratios)[number],
      '',
    );
  });
  const medians = (of: readonly ReturnType<typeof ratio>[]) => ({
    p50: median(of.map((r) => r.p50)),
    p99: median(of.map((r) => r.p99)),
    cpu: median(of.map((r) => r.cpu)),
  });
  if (rounds.length > 1) {
    ratioLine(`median of ${rounds.length} rounds, ratio api / baseline`, medians(ratios), '');
    ratioLine(
      `median of ${rounds.length} rounds, api (protocol clients) / baseline`,
      medians(protocolRatios),
      '',
    );
  }
  const api = rounds.at(-1)?.api;
  if (onCluster !== undefined && api !== undefined) {
    line('api on a Redis Cluster of 3 masters:              ', onCluster);
    console.log(
      `ratio cluster / single Redis api (last round): p50 ${(onCluster.p50 / api.p50).toFixed(2)}, ` +
        `p99 ${(onCluster.p99 / api.p99).toFixed(2)}`,
    );
  }
} finally {
  for (const prefix of prefixes) await deleteKeyspace(redis, prefix);
  await closeRedis(redis);
  await db.drop();
}
