// Latency and throughput of the API's community, messages and stats queries under concurrent load, over real
// HTTP against a real API server (Apollo Server 5 on node:http) on the real Redis and a fresh PostgreSQL
// database seeded as the indexer stores a community. Measured in the same run, on the same server and key:
// `{ ping }`, a trivial resolver — the cost of HTTP, API-key authentication, the shared Redis rate limit,
// parsing, validation, the depth/cost check and the metrics around every operation. Ratios are query / ping,
// ping measured first and again last, the faster of the two taken. Each query runs with the response cache off
// (every request executed) and on (src/query-cache: the repeated query answered from it), in that order.
//
// Run (Redis on 127.0.0.1:6379, PostgreSQL as for the tests; uses the built libraries):
//   npm run build && node --import tsx bench/api-queries.bench.ts
// BENCH_CONCURRENCY sets the concurrent clients (default 32), BENCH_SECONDS the measured seconds per query
// (default 5), BENCH_MESSAGES the channel's extra messages (default 5,000), BENCH_QUERIES which queries beside ping. Then the same queries with the API on
// a 3-master Redis Cluster of the run's own, and on that cluster with its queries read from a PostgreSQL
// streaming replica (DATABASE_READ_URL), each with its ratio to the single Redis (BENCH_CLUSTER=false skips them).
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { startOwnPostgresReplica, startOwnRedisCluster } from '@status-communities/testing';
import type { ApiHarnessDatabase } from '../apps/api/src/testing/api-harness.js';
import { startApiHarness } from '../apps/api/src/testing/api-harness.js';
import { hex, seedCommunity } from '../apps/api/src/testing/seed.js';

const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 32);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);
const EXTRA_MESSAGES = Number(process.env['BENCH_MESSAGES'] ?? 5_000);
// `BENCH_QUERIES=messages,stats`: ping (the floor) and these only — to profile one query (`node --cpu-prof`).
const ONLY = process.env['BENCH_QUERIES']?.split(',');
const WARMUP_SECONDS = 1;

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

interface Result {
  readonly name: string;
  readonly requests: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly cpuMsPerRequest: number;
}

/** The four queries on one API instance whose Redis and PostgreSQL are `env` and `database`. */
const benchOn = async (env: Record<string, string>, database: ApiHarnessDatabase = {}): Promise<Result[]> => {
  const api = await startApiHarness({ API_RATE_LIMIT_PER_MINUTE: '1000000', ...env }, undefined, database);
  const tenant = await api.createTenant('bench');
  const key = await api.createKey(tenant, ['COMMUNITY_READ', 'MESSAGES_READ']);
  const community = await seedCommunity(api.prisma, { kind: 'WATCHED', name: 'Bench' });
  for (let i = 0; i < EXTRA_MESSAGES; i += 1_000)
    await api.prisma.message.createMany({
      data: Array.from({ length: Math.min(1_000, EXTRA_MESSAGES - i) }, (_, j) => ({
        id: hex(),
        communityId: community.id,
        channelId: community.channelId,
        authorKey: community.members[(i + j) % community.members.length] as string,
        clock: BigInt(10_000 + i + j),
        timestamp: new Date(Date.UTC(2026, 10, 2) + (i + j) * 1_000),
        text: `bench message ${i + j}`,
        currentText: `bench message ${i + j}`,
        contentType: 1,
        raw: randomBytes(64),
      })),
    });

  // Statistics as a live database has them: autovacuum analyzes a table after enough writes, but not right
  // after a bulk load, and the planner would take a 5,000-message channel for an empty one.
  await api.prisma.$executeRawUnsafe('ANALYZE');

  const QUERIES: Record<string, { query: string; variables: Record<string, unknown> }> = {
    ping: { query: '{ ping }', variables: {} },
    community: {
      query: `query ($id: String!) { community(ref: { id: $id }) {
        communityId chatKey shareUrl memberCount identity { name description tags }
        channels { chatId name } categories { name }
        members(first: 20) { totalCount edges { node { memberKey roles joinedAt } } } } }`,
      variables: { id: community.id },
    },
    messages: {
      query: `query ($c: String!) { messages(channelId: $c, first: 20) {
        edges { cursor node { messageId authorKey text edited deleted pinned timestamp reactions { emoji count } } }
        pageInfo { hasNextPage endCursor } } }`,
      variables: { c: community.channelId },
    },
    stats: {
      query: `query ($id: String!) { stats(communityId: $id, range: { from: "2026-10-04", to: "2026-11-02" }) {
        membersOverTime { day memberCount } messagesPerChannelPerDay { day messages }
        uniquePosters { day daily weekly monthly } heatMap { weekday hour messages }
        retention { cohortDay joined posted7d posted30d } totalMessages } }`,
      variables: { id: community.id },
    },
  };

  const metrics = async () => (await fetch(`${api.server.healthUrl}/metrics`)).text();
  // With a replica: the seed replayed there before the clock starts, so the replica serves the queries.
  if (database.replicaServerUrl !== undefined)
    while (!/^api_db_replica_usable\{[^}]*\} 1$/m.test(await metrics()))
      await new Promise((resolve) => setTimeout(resolve, 100));
  const url = new URL(api.server.url);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

  const post = (body: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization: `Bearer ${key}`,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (response.statusCode !== 200 || text.includes('"errors"'))
              reject(new Error(`HTTP ${response.statusCode}: ${text.slice(0, 300)}`));
            else resolve(performance.now() - started);
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  /** CONCURRENCY clients, each sending the next request as soon as its last answer arrives. */
  const load = async (name: string, seconds: number) => {
    const body = JSON.stringify(QUERIES[name]);
    const latencies: number[] = [];
    const started = performance.now();
    const until = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < until) latencies.push(await post(body));
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
    return {
      name,
      requests: latencies.length,
      perSecond: latencies.length / elapsed,
      p50: at(0.5),
      p99: at(0.99),
    };
  };

  const results = [];
  for (const name of Object.keys(QUERIES).filter((name) => name === 'ping' || !ONLY || ONLY.includes(name))) {
    await load(name, WARMUP_SECONDS);
    const cpuBefore = process.cpuUsage();
    const result = await load(name, SECONDS);
    const cpu = process.cpuUsage(cpuBefore);
    results.push({ ...result, cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / result.requests });
  }
  // The floor again at the end: measured first, it ran on a colder process (JIT, the seed's garbage).
  if (results.length > 1) {
    const cpuBefore = process.cpuUsage();
    const result = await load('ping', SECONDS);
    const cpu = process.cpuUsage(cpuBefore);
    results.push({
      ...result,
      name: 'ping again',
      cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / result.requests,
    });
  }

  const pools = [
    ...(await metrics()).matchAll(/^api_db_operations_total\{[^}]*pool="(\w+)"[^}]*\} (\S+)$/gm),
  ];
  console.log(`  operations by PostgreSQL pool: ${pools.map(([, pool, n]) => `${pool} ${n}`).join(', ')}`);
  agent.destroy();
  await api.close();
  return results;
};

/** One table: each query's figures and its ratio to `{ ping }` on the same backing. */
const report = (title: string, results: readonly Result[]) => {
  // The faster of the two measurements of the floor: the ratios are never flattered by a slow ping.
  const ping = results
    .filter((r) => r.name.startsWith('ping'))
    .reduce((best, r) => (r.perSecond > best.perSecond ? r : best));
  console.log(title);
  console.log(
    'query       requests     req/s   p50 ms   p99 ms  CPU ms/req (api+client)   vs ping: req/s  p50',
  );
  for (const r of results)
    console.log(
      `${r.name.padEnd(10)} ${fmt(r.requests).padStart(9)} ${fmt(r.perSecond).padStart(9)} ${fmt(r.p50, 2).padStart(8)} ${fmt(r.p99, 2).padStart(8)} ${fmt(r.cpuMsPerRequest, 2).padStart(11)}               ${fmt(r.perSecond / ping.perSecond, 2).padStart(10)} ${fmt(r.p50 / ping.p50, 2).padStart(5)}×`,
    );
};

console.log(
  `api-queries: ${CONCURRENCY} concurrent clients, ${SECONDS} s per query, keep-alive HTTP/1.1, one API instance ` +
    `(load generator in the same process), channel of ${fmt(EXTRA_MESSAGES + 30)} messages`,
);
const loadNow = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
// Issue #16's before and after in one run: every query executed, then the response cache (src/query-cache)
// answering the repeated ones. The same query again and again is its best case: a dashboard polling a page.
const uncached = await benchOn({ API_QUERY_CACHE_ENTRIES: '0' });
report(`single Redis, one PostgreSQL, response cache off; load average ${loadNow()}`, uncached);
const cached = await benchOn({});
report(`single Redis, one PostgreSQL, response cache on (default); load average ${loadNow()}`, cached);
console.log('query       req/s: cache on / off   p50: on / off   p99: on / off');
cached.forEach((r, index) => {
  const off = uncached[index] as Result;
  console.log(
    `${r.name.padEnd(10)} ${fmt(r.perSecond / off.perSecond, 2).padStart(20)} ${fmt(r.p50 / off.p50, 2).padStart(13)}× ${fmt(r.p99 / off.p99, 2).padStart(12)}×`,
  );
});
// The backings below are compared without the cache, which a replica's reads never fill anyway.
const single = uncached;

if (process.env['BENCH_CLUSTER'] !== 'false') {
  const cluster = await startOwnRedisCluster();
  const postgres = await startOwnPostgresReplica();
  try {
    const onCluster = await benchOn(
      { REDIS_URL: cluster.url, API_QUERY_CACHE_ENTRIES: '0' },
      { serverUrl: postgres.primaryUrl },
    );
    report(`3-master Redis Cluster, PostgreSQL primary only (${cluster.url})`, onCluster);
    const onReplica = await benchOn(
      { REDIS_URL: cluster.url, API_QUERY_CACHE_ENTRIES: '0' },
      { serverUrl: postgres.primaryUrl, replicaServerUrl: postgres.replicaUrl },
    );
    report(
      '3-master Redis Cluster, queries on the PostgreSQL streaming replica (DATABASE_READ_URL)',
      onReplica,
    );
    console.log(
      'query       req/s: cluster / single   replica / single   p50: cluster / single   replica / single',
    );
    single.forEach((r, index) => {
      const c = onCluster[index] as Result;
      const p = onReplica[index] as Result;
      console.log(
        `${r.name.padEnd(10)} ${fmt(c.perSecond / r.perSecond, 2).padStart(21)} ${fmt(p.perSecond / r.perSecond, 2).padStart(18)} ${fmt(c.p50 / r.p50, 2).padStart(22)}× ${fmt(p.p50 / r.p50, 2).padStart(17)}×`,
      );
    });
  } finally {
    await cluster.close();
    await postgres.close();
  }
}
