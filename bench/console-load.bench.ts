// The console's first load (issue #18): the built bundle's size, and the time until each community tab shows
// its data in a real headless Chromium — a hosted community of 5,000 members and 100,000 messages, served by a
// real API (Apollo Server 5, fresh PostgreSQL database, real Redis) through the console's own server, as
// `npm start` runs them. Measured in the same run: the API's own time for the very requests the page sent
// (captured from the browser, replayed over HTTP one after the other, straight to the API). The ratio says
// how much the console adds to its data: parsing and running the bundle, rendering, and the queries it sends
// in turn rather than at once.
//
// Run (Redis on 127.0.0.1:6379, PostgreSQL as for the tests, Debian's chromium; uses the built console):
//   npm run build && node --import tsx bench/console-load.bench.ts
// BENCH_MEMBERS (default 5,000), BENCH_MESSAGES (default 100,000), BENCH_RUNS loads per tab (default 5; the
// first is cold — a new browser context, nothing cached — and reported apart). BENCH_BASELINE_WEB: another
// build's dist/web (say main's, copied aside before building), served beside this one on the same API and
// loaded in turn with it, so that both are measured under the same load of a shared machine.
import { readdir, readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { startApiHarness } from '../apps/api/src/testing/api-harness.js';
import { hex, newKeys, seedCommunity } from '../apps/api/src/testing/seed.js';
import { launchChromium } from '../apps/console/src/testing/browser.js';
import { startConsoleServer } from '../apps/console/src/server/console-server.js';
import { loadStaticFiles } from '../apps/console/src/server/static-files.js';

const MEMBERS = Number(process.env['BENCH_MEMBERS'] ?? 5_000);
const MESSAGES = Number(process.env['BENCH_MESSAGES'] ?? 100_000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const WEB_ROOT = join(import.meta.dirname, '..', 'apps', 'console', 'dist', 'web');
const BASELINE_WEB = process.env['BENCH_BASELINE_WEB'];
const BATCH = 5_000;

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

/** What the page must show for the tab to count as usable: its data, not a skeleton. */
const TABS = [
  { tab: 'overview', ready: ['[data-share-url]', '[data-member-count]'] },
  { tab: 'members', ready: ['tr[data-member]'] },
  { tab: 'channels', ready: ['li[data-message]'] },
  { tab: 'stats', ready: ['[data-total-messages]', 'table[data-heatmap]', 'canvas'] },
] as const;

interface Sizes {
  readonly raw: number;
  readonly gzipped: number;
}

const sizeOf = async (files: readonly string[]): Promise<Sizes> => {
  let raw = 0;
  let gzipped = 0;
  for (const file of files) {
    const body = await readFile(file);
    raw += body.length;
    gzipped += gzipSync(body, { level: 9 }).length;
  }
  return { raw, gzipped };
};

/** Every JS and CSS file of a build, and the ones its index.html loads before anything shows (the first load). */
const bundleSizes = async (root: string): Promise<{ total: Sizes; initial: Sizes }> => {
  const assets = join(root, 'assets');
  const all = (await readdir(assets)).filter((name) => name.endsWith('.js') || name.endsWith('.css'));
  const index = await readFile(join(root, 'index.html'), 'utf8');
  const initial = [...index.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((match) => match[1] as string);
  return {
    total: await sizeOf(all.map((name) => join(assets, name))),
    initial: await sizeOf(initial.map((name) => join(assets, name))),
  };
};

const seed = async (prisma: Awaited<ReturnType<typeof startApiHarness>>['prisma'], tenantId: string) => {
  const community = await seedCommunity(prisma, { kind: 'HOSTED', tenantId, name: 'Bench' });
  for (let i = 0; i < MEMBERS; i += BATCH)
    await prisma.member.createMany({
      data: Array.from({ length: Math.min(BATCH, MEMBERS - i) }, (_, j) => ({
        communityId: community.id,
        memberKey: newKeys().uncompressed,
        roles: [],
        joinedAt: new Date(Date.UTC(2026, 9, 1) + (i + j) * 60_000),
      })),
    });
  await prisma.community.update({
    where: { id: community.id },
    data: { memberCount: MEMBERS + community.members.length },
  });
  const start = Date.now() - MESSAGES * 20_000;
  for (let i = 0; i < MESSAGES; i += BATCH)
    await prisma.message.createMany({
      data: Array.from({ length: Math.min(BATCH, MESSAGES - i) }, (_, j) => ({
        id: hex(),
        communityId: community.id,
        channelId: community.channelId,
        authorKey: community.members[(i + j) % community.members.length] as string,
        clock: BigInt(10_000 + i + j),
        timestamp: new Date(start + (i + j) * 20_000),
        text: `bench message ${i + j}`,
        currentText: `bench message ${i + j}`,
        contentType: 1,
        raw: randomBytes(64),
      })),
    });
  // Statistics as a live database has them (autovacuum analyzes after enough writes, not right after a bulk
  // load): without them the planner takes the 100,000-message channel for an empty one (0.4 s per page).
  await prisma.$executeRawUnsafe('ANALYZE');
  // Roll-ups of the last 30 days, as the indexer leaves them: the stats tab's default range.
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  await prisma.communityDailyStats.createMany({
    data: Array.from({ length: 30 }, (_, back) => ({
      communityId: community.id,
      day: new Date(today - back * 86_400_000),
      memberCount: MEMBERS - back * 10,
      messages: 3_000 + back,
      joined: 10,
      uniquePosters: 50,
    })),
    skipDuplicates: true,
  });
  return community;
};

interface Load {
  /** From navigation start to the tab's data on screen, in the page's own clock. */
  readonly ms: number;
  /** Where that time went, from navigation and resource timing: the bundle parsed and run (DOMContentLoaded),
   * the first GraphQL request sent, the last one answered. */
  readonly parsedMs: number;
  readonly firstQueryMs: number;
  readonly queriesDoneMs: number;
  /** The GraphQL requests the page sent for it (bodies), in order. */
  readonly requests: string[];
}

const loadTab = async (page: Page, url: string, ready: readonly string[]): Promise<Load> => {
  const requests: string[] = [];
  const onRequest = (request: { method(): string; url(): string; postData(): string | null }) => {
    if (request.method() === 'POST' && request.url().endsWith('/graphql'))
      requests.push(request.postData() ?? '');
  };
  page.on('request', onRequest);
  await page.goto(url);
  for (const selector of ready) await page.locator(selector).first().waitFor({ timeout: 120_000 });
  const timing = await page.evaluate(() => {
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const queries = performance
      .getEntriesByType('resource')
      .filter((entry) => entry.name.endsWith('/graphql'));
    return {
      ms: performance.now(),
      parsedMs: navigation.domContentLoadedEventEnd,
      firstQueryMs: Math.min(...queries.map((entry) => entry.startTime)),
      queriesDoneMs: Math.max(...queries.map((entry) => entry.responseEnd)),
    };
  });
  page.off('request', onRequest);
  return { ...timing, requests };
};

/** The API's time for the same requests, sent one after the other straight to it; median of `RUNS`. */
const apiTime = async (apiUrl: string, key: string, bodies: readonly string[]): Promise<number> => {
  const runs: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    for (const body of bodies) {
      const response = await fetch(apiUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body,
      });
      const answer = (await response.json()) as { errors?: unknown[] };
      if (answer.errors)
        throw new Error(`the API refused a replayed request: ${JSON.stringify(answer.errors)}`);
    }
    runs.push(performance.now() - started);
  }
  return median(runs);
};

interface Build {
  readonly name: string;
  readonly root: string;
}

const BUILDS: readonly Build[] = [
  { name: 'this', root: WEB_ROOT },
  ...(BASELINE_WEB ? [{ name: 'baseline', root: BASELINE_WEB }] : []),
];

const describeSizes = ({ total, initial }: { total: Sizes; initial: Sizes }): string =>
  `${fmt(total.raw)} B JS+CSS (${fmt(total.gzipped)} B gzipped), first load ${fmt(initial.raw)} B (${fmt(
    initial.gzipped,
  )} B gzipped)`;

const main = async () => {
  for (const build of BUILDS) {
    const sizes = await bundleSizes(build.root).catch(() => {
      throw new Error(
        `the console is not built under ${build.root}: npx nx run @status-communities/console:build`,
      );
    });
    console.log(`bundle ${build.name}: ${describeSizes(sizes)}`);
  }
  const api = await startApiHarness({ API_RATE_LIMIT_PER_MINUTE: '1000000' });
  const browser = await launchChromium();
  try {
    const tenant = await api.createTenant('bench');
    const key = await api.createKey(tenant, ['ADMIN']);
    const seeding = performance.now();
    const community = await seed(api.prisma, tenant);
    console.log(
      `seeded ${fmt(MEMBERS)} members and ${fmt(MESSAGES)} messages in ${fmt((performance.now() - seeding) / 1000, 1)} s`,
    );
    const servers = await Promise.all(
      BUILDS.map(async (build) =>
        startConsoleServer({
          files: await loadStaticFiles(build.root),
          apiUrl: new URL(api.server.url),
          port: 0,
          host: '127.0.0.1',
        }),
      ),
    );
    try {
      console.log(
        `load ${loadavg()
          .map((n) => n.toFixed(1))
          .join(' ')} · ${RUNS} loads per tab${BUILDS.length > 1 ? ' and build, in turn' : ''}`,
      );
      // Cold: the first load of a build. The rest are warm medians, ms from navigation start: the bundle
      // parsed, the first GraphQL request sent, the last answered, the data on screen (the load time).
      console.log(
        'tab        build      cold  parsed  1st query  answered  on screen   API (ms)  ratio  requests',
      );
      for (const { tab, ready } of TABS) {
        const loads: Load[][] = BUILDS.map(() => []);
        for (let run = 0; run < RUNS; run += 1)
          // Builds in turn, first one then the other first (ABBA…): neither always loads right after the other.
          for (const [index, server] of run % 2 === 0
            ? [...servers.entries()]
            : [...servers.entries()].reverse()) {
            // A new context each time: the key in its session storage, nothing else carried over; the first
            // is cold for the HTTP cache too, the others reuse the browser's compiled bundle.
            const context = await browser.newContext();
            await context.addInitScript(
              (secret) => sessionStorage.setItem('status-console.api-key', secret),
              key,
            );
            const page = await context.newPage();
            loads[index]?.push(await loadTab(page, `${server.url}#/c/${community.id}/${tab}`, ready));
            await context.close();
          }
        for (const [index, build] of BUILDS.entries()) {
          const [cold, ...warm] = loads[index] as [Load, ...Load[]];
          const warmOf = (part: (load: Load) => number) =>
            median(warm.length > 0 ? warm.map(part) : [part(cold)]);
          const warmMs = warmOf((load) => load.ms);
          const [parsed, firstQuery, answered] = [
            (load: Load) => load.parsedMs,
            (load: Load) => load.firstQueryMs,
            (load: Load) => load.queriesDoneMs,
          ].map(warmOf) as [number, number, number];
          const apiMs = await apiTime(api.server.url, key, cold.requests);
          console.log(
            [
              tab.padEnd(10),
              build.name.padEnd(8),
              fmt(cold.ms).padStart(6),
              fmt(parsed).padStart(7),
              fmt(firstQuery).padStart(10),
              fmt(answered).padStart(9),
              fmt(warmMs).padStart(10),
              fmt(apiMs, 1).padStart(10),
              `${fmt(warmMs / apiMs, 1)}×`.padStart(6),
              String(cold.requests.length).padStart(9),
            ].join(' '),
          );
        }
      }
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }
  } finally {
    await browser.close();
    await api.close();
  }
};

await main();
