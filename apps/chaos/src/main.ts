// `npm run chaos`: every fault of issue #11 against the platform as processes, its own Redis (AOF) and
// PostgreSQL, one line per fault and a summary; exit code 1 when any post was lost or duplicated.
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@status-communities/db/testing';
import type { OwnRedisServer } from '@status-communities/testing';
import { startOwnRedisServer } from '@status-communities/testing';
import {
  OUTAGE_MS,
  crashBothGateways,
  crashIndexerWithBacklog,
  crashRedis,
  crashService,
  firstPosts,
  forgedFlood,
  restartPostgres,
  stalledGraphqlClient,
} from './faults.js';
import { SERVICES } from './platform.js';
import type { OwnPostgres } from './postgres-cluster.js';
import { startOwnPostgres } from './postgres-cluster.js';
import { formatResult, header, summarize } from './report.js';
import { startSession } from './session.js';
import type { Fault, FaultResult } from './window.js';
import { runWindow } from './window.js';

const RATE_PER_SECOND = Number(process.env['CHAOS_RATE'] ?? 20);
const FORGERIES_PER_KIND = Number(process.env['CHAOS_FORGERIES_PER_KIND'] ?? 500);
// Longer than a killed worker's job takes to come back: BullMQ's lock (30 s) and two stalled-job checks (30 s).
const SETTLE_QUIET_MS = Number(process.env['CHAOS_SETTLE_QUIET_SECONDS'] ?? 100) * 1000;
/** `CHAOS_ONLY=redis,flood`: only the faults whose names contain one of these. */
const ONLY = process.env['CHAOS_ONLY']?.split(',').map((part) => part.trim().toLowerCase());

const noFault = (name: string): Fault => ({ name, inject: async () => {} });

/** Both gateways last: on main as issue #11 found it, the mesh never came back, which spoils every later line. */
const ALL_FAULTS: readonly Fault[] = [
  noFault('no fault'),
  ...SERVICES.map(crashService),
  crashRedis,
  restartPostgres,
  forgedFlood(FORGERIES_PER_KIND),
  crashIndexerWithBacklog,
  stalledGraphqlClient,
  firstPosts(20),
  crashBothGateways,
  noFault('no fault, after every other'),
];
const FAULTS = ALL_FAULTS.filter(
  (fault) => !ONLY || ONLY.some((part) => fault.name.toLowerCase().includes(part)),
);

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Every fault in turn against a session on the suite's own servers; 0 when every line is clean. */
const runSuite = async (redis: OwnRedisServer, postgres: OwnPostgres, logFile: string): Promise<number> => {
  const db = await createTestDatabase({ serverUrl: postgres.url });
  await db.prisma.$disconnect();
  const session = await startSession({
    databaseUrl: db.url,
    redisUrl: redis.url,
    redisKeyPrefix: 'chaos',
    ratePerSecond: RATE_PER_SECOND,
    redis,
    postgres,
    ...(process.env['CHAOS_LOG_LEVEL'] && { logLevel: process.env['CHAOS_LOG_LEVEL'] }),
  });
  try {
    say(
      `chaos: platform ready (2 gateways, indexer, publisher, request-handler, api); member posting ${RATE_PER_SECOND}/s; outages ${OUTAGE_MS / 1000} s`,
    );
    say(header());
    const results: FaultResult[] = [];
    let nextSeq = 1;
    for (const fault of FAULTS) {
      const window = await runWindow(session.context, fault, nextSeq, { quietMs: SETTLE_QUIET_MS });
      nextSeq = window.nextSeq;
      results.push(window.result);
      say(formatResult(window.result));
    }
    const summary = summarize(results);
    for (const line of summary.lines) say(line);
    return summary.passed ? 0 : 1;
  } finally {
    say(`chaos: services stopped, exit codes ${JSON.stringify(await session.stop())}`);
    await writeFile(logFile, session.output());
  }
};

const main = async (): Promise<number> => {
  const logFile = join(tmpdir(), `chaos-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
  const redis = await startOwnRedisServer({ appendOnly: true });
  try {
    const postgres = await startOwnPostgres();
    try {
      say(
        `chaos: own Redis ${redis.url} (appendonly), own PostgreSQL ${postgres.url}; service logs: ${logFile}`,
      );
      return await runSuite(redis, postgres, logFile);
    } finally {
      await postgres.stop();
    }
  } finally {
    await redis.close();
  }
};

// Ends through process.exit, so the servers' exit hooks stop them.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

process.exitCode = await main().catch((error: unknown) => {
  console.error(error);
  return 1;
});
