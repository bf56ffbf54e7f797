import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { TestDatabase } from '@status-communities/db/testing';
import { createTestDatabase } from '@status-communities/db/testing';
import type { Devnet } from '@status-communities/testing';
import { startDevnet, waitFor } from '@status-communities/testing';
import { REDIS_URL, testRedis, uniquePrefix } from './testing/fixtures.js';
import { runGateway } from './testing/gateway-process.js';

jest.setTimeout(90_000);

// The real process, from TypeScript sources: configuration errors, start, readiness and SIGTERM.

describe('waku-gateway process', () => {
  let devnet: Devnet;
  let db: TestDatabase;
  beforeAll(async () => {
    [devnet, db] = await Promise.all([startDevnet({ nodes: 2 }), createTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([devnet.stop(), db.drop()]);
  });

  it('exits 1 naming every bad variable, before connecting to anything', async () => {
    const gateway = runGateway({ ARCHIVE_RETENTION_DAYS: 'forever', WAKU_SHARDS: '2000' });
    const [code] = await gateway.exited;
    expect(code).toBe(1);
    expect(gateway.stderr()).toContain('Invalid configuration for waku-gateway (2 variables)');
    expect(gateway.stderr()).toContain('ARCHIVE_RETENTION_DAYS: must be an integer');
    expect(gateway.stderr()).toContain('WAKU_SHARDS: "2000" is not a shard index 0..1023');
  });

  it('starts, becomes ready on the devnet, and shuts down cleanly on SIGTERM', async () => {
    const prefix = uniquePrefix();
    const gateway = runGateway({
      WAKU_BOOTSTRAP_PEERS: devnet.multiaddrs.join(','),
      WAKU_LISTEN_ADDRESS: '127.0.0.1',
      WAKU_LISTEN_PORT: '0',
      HEALTH_PORT: '0',
      REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      DATABASE_URL: db.url,
    });
    try {
      await waitFor(
        'the started line',
        async () => gateway.lines.some((line) => line['msg'] === 'waku gateway started'),
        {
          timeoutMs: 60_000,
        },
      );
      const started = gateway.lines.find((line) => line['msg'] === 'waku gateway started');
      const health = String(started?.['health']);
      await waitFor('/readyz to answer 200', async () => (await fetch(`${health}/readyz`)).status === 200);

      gateway.child.kill('SIGTERM');
      const [code] = await gateway.exited;
      expect(code).toBe(0);
      expect(gateway.lines.map((line) => line['msg'])).toEqual(
        expect.arrayContaining(['shutting down', 'waku gateway stopped', 'shut down']),
      );
      expect(gateway.lines.filter((line) => line['level'] === 'error')).toEqual([]);
    } finally {
      if (gateway.child.exitCode === null) gateway.child.kill('SIGKILL');
      await testRedis(prefix).cleanup();
    }
  });
});
