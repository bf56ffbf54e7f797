import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase } from '@status-communities/db/testing';
import type { TestDatabase } from '@status-communities/db/testing';
import { freePortRange } from '@status-communities/testing';
import { launcherConfig } from './launcher-config.js';
import { ServiceStartError, startPlatform } from './launcher.js';
import type { LauncherIo } from './launcher.js';

const fixture = (name: string) => fileURLToPath(new URL(`./testing/${name}`, import.meta.url));

/** A repository root whose built services are the given stand-ins (apps/<service>/dist/main.js). */
const rootWith = async (services: Record<string, string>): Promise<string> => {
  const root = await mkdtemp(join(tmpdir(), 'platform-launcher-'));
  for (const [service, script] of Object.entries(services)) {
    await mkdir(join(root, 'apps', service, 'dist'), { recursive: true });
    await writeFile(
      join(root, 'apps', service, 'dist', 'main.js'),
      `import ${JSON.stringify(fixture(script))};\n`,
    );
  }
  return root;
};

const recordingIo = () => {
  const said: string[] = [];
  const serviceLines: string[] = [];
  const io: LauncherIo = {
    say: (line) => said.push(line),
    serviceLine: (service, line) => serviceLines.push(`${service}: ${line}`),
  };
  return { io, said, serviceLines };
};

describe('the launcher with stand-in services', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  const configFor = async (root: string) =>
    launcherConfig.load({
      DATABASE_URL: database.url,
      REDIS_URL: process.env['REDIS_URL'],
      // A real network is "configured": no devnet, the stand-ins never dial it.
      WAKU_BOOTSTRAP_PEERS: '/ip4/127.0.0.1/tcp/1/p2p/16Uiu2HAmAR24Mbb6VuzoyUiGx42UenDkshENVDj4qnmmbabLvo31',
      PLATFORM_GATEWAYS: '2',
      PLATFORM_PORT_BASE: String(await freePortRange(8)),
      PLATFORM_READY_TIMEOUT_SECONDS: '60',
      PLATFORM_STOP_TIMEOUT_SECONDS: '20',
      PLATFORM_DEV_SECRETS_FILE: join(root, 'dev-secrets.env'),
    });

  it('names the service that refused to start, with its own message, and stops the others', async () => {
    const root = await rootWith({ 'waku-gateway': 'ready-service.mjs', indexer: 'bad-config-service.mjs' });
    try {
      const { io, said, serviceLines } = recordingIo();
      const started = startPlatform(await configFor(root), {
        root,
        env: { PATH: process.env['PATH'] },
        io,
        signal: new AbortController().signal,
      });
      await expect(started).rejects.toThrow(ServiceStartError);
      await expect(started).rejects.toThrow(
        'indexer did not start: exited (exit code 1) before it was ready',
      );
      expect(serviceLines).toContain('indexer:   INDEXER_BATCH_SIZE: must be an integer');
      // Stopped during its own start-up, it may not have its SIGTERM handler yet: any exit will do.
      expect(said.some((line) => line.startsWith('waku-gateway stopped ('))).toBe(true);
      expect(said.some((line) => line.startsWith('Waku: bootstrap peers'))).toBe(true);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('reports a service that dies while the platform runs, and stops the rest with exit code 1', async () => {
    const root = await rootWith({ 'waku-gateway': 'ready-service.mjs', indexer: 'ready-service.mjs' });
    try {
      const { io, said } = recordingIo();
      const platform = await startPlatform(await configFor(root), {
        root,
        env: { PATH: process.env['PATH'] },
        io,
        signal: new AbortController().signal,
      });
      expect(platform.services.map(({ spec }) => spec.instance)).toEqual([
        'waku-gateway',
        'waku-gateway-2',
        'indexer',
      ]);
      expect(platform.graphqlUrl).toBeUndefined();
      const indexer = platform.services.find(({ spec }) => spec.instance === 'indexer');
      process.kill(indexer?.process.pid ?? 0, 'SIGUSR2');
      expect(await platform.unexpectedExit).toEqual({
        service: 'indexer',
        status: { code: 1, signal: null },
      });
      expect(await platform.stop()).toBe(1);
      expect(said).toContain('waku-gateway stopped (exit code 0)');
      expect(said).toContain('waku-gateway-2 stopped (exit code 0)');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('stops everything and exits 0 when every service stops cleanly', async () => {
    const root = await rootWith({ 'waku-gateway': 'ready-service.mjs', api: 'ready-service.mjs' });
    try {
      const { io } = recordingIo();
      const config = await configFor(root);
      const platform = await startPlatform(config, {
        root,
        env: { PATH: process.env['PATH'] },
        io,
        signal: new AbortController().signal,
      });
      expect(platform.graphqlUrl).toBe('http://127.0.0.1:4000/graphql');
      expect(platform.adminKeySource).toBe(join(root, 'dev-secrets.env'));
      expect(await platform.stop()).toBe(0);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
