import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { DEFAULT_REDIS_URL } from '@status-communities/config';
import { createTestDatabase } from '@status-communities/db/testing';
import { waitFor } from '@status-communities/testing';
import { freePortRange } from '@status-communities/testing';
import { consoleEntry } from './console-app.js';
import { PLATFORM_SERVICES, REPOSITORY_ROOT, builtServices, healthPortOf, withGateways } from './services.js';

const LAUNCHER = join(REPOSITORY_ROOT, 'apps', 'platform', 'dist', 'main.js');
const DEMO = join(REPOSITORY_ROOT, 'apps', 'platform', 'dist', 'demo.js');
const READY_TIMEOUT_MS = 150_000;
const STOP_TIMEOUT_MS = 60_000;

const deleteKeys = async (redisUrl: string, prefix: string): Promise<void> => {
  const redis = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
};

/** The sum of a Prometheus counter over all its series. */
const metricTotal = (text: string, name: string): number =>
  text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);

/** `npm run demo` as a process, with its output. */
const runDemo = async (env: NodeJS.ProcessEnv) => {
  const demo = spawn(process.execPath, [DEMO], { cwd: REPOSITORY_ROOT, env, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  demo.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  demo.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(demo, 'exit')) as [number | null];
  return { code, stdout, stderr };
};

describe('npm start', () => {
  it(
    'brings every built service up on a local devnet, prints the GraphQL URL, runs the demo, stops cleanly on Ctrl-C',
    async () => {
      expect(existsSync(LAUNCHER)).toBe(true);
      const database = await createTestDatabase();
      const redisUrl = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;
      const prefix = `platform-e2e-${process.pid}-${Date.now()}`;
      const keyringDir = await mkdtemp(join(tmpdir(), 'platform-e2e-'));
      // Five services, a second gateway, GraphQL, the console.
      const portBase = await freePortRange(PLATFORM_SERVICES.length + 3);
      const graphqlPort = portBase + PLATFORM_SERVICES.length + 1;
      const consolePort = graphqlPort + 1;
      const started = builtServices(REPOSITORY_ROOT, withGateways(PLATFORM_SERVICES, 2));
      const expected = started.map((service) => service.instance);
      const lines: string[] = [];
      const env: NodeJS.ProcessEnv = {
        PATH: process.env['PATH'],
        DATABASE_URL: database.url,
        REDIS_URL: redisUrl,
        REDIS_KEY_PREFIX: prefix,
        PLATFORM_PORT_BASE: String(portBase),
        API_PORT: String(graphqlPort),
        CONSOLE_PORT: String(consolePort),
        PLATFORM_READY_TIMEOUT_SECONDS: String(READY_TIMEOUT_MS / 1000),
        PLATFORM_DEV_SECRETS_FILE: join(keyringDir, 'dev-secrets.env'),
        PLATFORM_LOG_FORMAT: 'json',
        // Production's two gateways sharing dedup.
        PLATFORM_GATEWAYS: '2',
        // The gateway's default Waku port (60000) may be taken by another run on this machine.
        WAKU_LISTEN_PORT: '0',
        WAKU_LISTEN_ADDRESS: '127.0.0.1',
      };
      const launcher = spawn(process.execPath, [LAUNCHER], { cwd: REPOSITORY_ROOT, env, stdio: 'pipe' });
      const exited = once(launcher, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
      for (const stream of [launcher.stdout, launcher.stderr])
        createInterface({ input: stream }).on('line', (line) => lines.push(line));
      const said = (text: string) => lines.some((line) => line.startsWith('platform') && line.includes(text));
      try {
        await waitFor(
          'the platform to be ready',
          () => said('platform ready:') || launcher.exitCode !== null,
          {
            timeoutMs: READY_TIMEOUT_MS,
            intervalMs: 100,
          },
        );
        expect(launcher.exitCode).toBeNull();
        expect(said(`platform ready: ${expected.join(', ')}`)).toBe(true);
        expect(
          said(
            'generated development KEYRING_MASTER_KEY, KEYRING_MASTER_KEY_ID, WEBHOOK_SECRET_KEY, WEBHOOK_SECRET_KEY_ID, GROUP_KEYS_MASTER_KEY, GROUP_KEYS_MASTER_KEY_ID, ADMIN_BOOTSTRAP_TOKEN',
          ),
        ).toBe(true);
        expect(said('Waku: local devnet of 2 nodes')).toBe(true);

        for (const service of started) {
          const base = `http://127.0.0.1:${healthPortOf(service, portBase)}`;
          expect((await fetch(`${base}/readyz`)).status).toBe(200);
          expect((await fetch(`${base}/healthz`)).status).toBe(200);
          expect(await (await fetch(`${base}/metrics`)).text()).toContain('# TYPE');
        }
        const graphqlUrl = `http://127.0.0.1:${graphqlPort}/graphql`;
        const apiRuns = started.some((service) => service.servesGraphql);
        expect(said(apiRuns ? `GraphQL API: ${graphqlUrl}` : 'GraphQL API: not running')).toBe(true);
        expect(said(`admin API key: ADMIN_BOOTSTRAP_TOKEN from ${join(keyringDir, 'dev-secrets.env')}`)).toBe(
          apiRuns,
        );

        // The console, once built: its page, and the API through it on the same origin.
        const consoleUrl = `http://127.0.0.1:${consolePort}/`;
        const consoleRuns = apiRuns && existsSync(consoleEntry(REPOSITORY_ROOT));
        expect(said(`Console: ${consoleUrl}`)).toBe(consoleRuns);
        if (consoleRuns) {
          const page = await fetch(consoleUrl);
          expect(page.status).toBe(200);
          expect(await page.text()).toContain('<div id="root"></div>');
          const unsigned = await fetch(new URL('graphql', consoleUrl), {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: '{ ping }' }),
          });
          expect(unsigned.status).toBe(401);
        }

        if (apiRuns) {
          const demo = await runDemo({ ...env, DEMO_GRAPHQL_URL: graphqlUrl, DEMO_TIMEOUT_SECONDS: '60' });
          expect({ code: demo.code, stderr: demo.stderr }).toEqual({ code: 0, stderr: '' });
          expect(demo.stdout).toMatch(/^ {3}https:\/\/status\.app\/c/m);
          expect(demo.stdout).toMatch(/^ {3}Demo bot is a member/m);
          expect(demo.stdout).toMatch(/^ {3}posted 0x[0-9a-f]{64}: Hello from npm run demo/m);
          expect(demo.stdout).toMatch(/^Done\./m);
          // The api serves subscriptions once its schema has them (apps/api/src/schema, copied to dist).
          if (existsSync(join(REPOSITORY_ROOT, 'apps', 'api', 'dist', 'schema', 'subscriptions.graphql')))
            expect(demo.stdout).toMatch(/⚡ event \S+ COMMUNITY_UPDATED/);
          // Both gateways received the descriptions the demo had published: one job each, the rest dedup hits.
          const gateways = started.filter((service) => service.name === 'waku-gateway');
          const dedupHits = await Promise.all(
            gateways.map(async (service) =>
              metricTotal(
                await (await fetch(`http://127.0.0.1:${healthPortOf(service, portBase)}/metrics`)).text(),
                'waku_gateway_inbound_dedup_hits_total',
              ),
            ),
          );
          expect(dedupHits.reduce((sum, hits) => sum + hits, 0)).toBeGreaterThan(0);
        }

        launcher.kill('SIGINT');
        const stop = await Promise.race([
          exited,
          new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS).unref()),
        ]);
        expect(stop).toEqual([0, null]);
        for (const name of [...expected, ...(consoleRuns ? ['console'] : [])])
          expect(said(`${name} stopped (exit code 0)`)).toBe(true);
        expect(said('stopped cleanly')).toBe(true);
      } catch (error) {
        // What the platform said is the only way to tell why it did not come up.
        process.stderr.write(`launcher output:\n${lines.join('\n')}\n`);
        throw error;
      } finally {
        if (launcher.exitCode === null) {
          // SIGINT first: the launcher stops its services, which run in process groups of their own and would
          // outlive a SIGKILLed launcher.
          launcher.kill('SIGINT');
          const stopped = await Promise.race([
            exited,
            new Promise<'timeout'>((resolve) =>
              setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS).unref(),
            ),
          ]);
          if (stopped === 'timeout') {
            launcher.kill('SIGKILL');
            await exited;
          }
        }
        await database.drop();
        await deleteKeys(redisUrl, prefix);
        await rm(keyringDir, { recursive: true, force: true });
      }
    },
    READY_TIMEOUT_MS + STOP_TIMEOUT_MS + 30_000,
  );
});
