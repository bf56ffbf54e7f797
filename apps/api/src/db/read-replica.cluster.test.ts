import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import pg from 'pg';
import { startOwnPostgresReplica, waitFor } from '@status-communities/testing';
import type { OwnPostgresReplica } from '@status-communities/testing';
import type { ApiHarness } from '../testing/api-harness.js';
import { startApiHarness } from '../testing/api-harness.js';

// initdb, pg_basebackup and a migrated template on a busy 2-core machine.
jest.setTimeout(120_000);

let pair: OwnPostgresReplica;
let api: ApiHarness;
let replicaAdmin: pg.Client;
let adminKey: string;

/** A series of the api's /metrics whose labels include `labels`; 0 when it has none yet. */
const metric = async (name: string, labels: Record<string, string> = {}): Promise<number> => {
  const text = await (await fetch(`${api.server.healthUrl}/metrics`)).text();
  const line = text
    .split('\n')
    .find(
      (row) =>
        row.startsWith(`${name}{`) &&
        Object.entries(labels).every(([label, value]) => row.includes(`${label}="${value}"`)),
    );
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
};
const served = (pool: string, reason: string) => metric('api_db_operations_total', { pool, reason });

const keyNames = async (key = adminKey, url = api.server.url): Promise<string[]> => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: '{ apiKeys { name } }' }),
  });
  const body = (await response.json()) as { data?: { apiKeys: { name: string }[] }; errors?: unknown };
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data.apiKeys.map((key) => key.name);
};

// What the api logged of the replica tells why it is not where the test waits for it.
const usable = async (expected: number) =>
  waitFor(
    `api_db_replica_usable ${expected}`,
    async () => (await metric('api_db_replica_usable')) === expected,
  ).catch((error: unknown) => {
    const replicaLines = api.logLines.filter((line) => String(line['msg']).startsWith('read replica'));
    throw new Error(`${String(error)}\n${JSON.stringify(replicaLines)}`);
  });

beforeAll(async () => {
  pair = await startOwnPostgresReplica();
  api = await startApiHarness(
    {
      DATABASE_READ_LAG_CHECK_MS: '200',
      DATABASE_READ_MAX_LAG_MS: '1000',
      DATABASE_READ_AFTER_WRITE_MS: '60000',
    },
    undefined,
    { serverUrl: pair.primaryUrl, replicaServerUrl: pair.replicaUrl },
  );
  replicaAdmin = new pg.Client(pair.replicaUrl);
  await replicaAdmin.connect();
  const tenant = await api.createTenant('replica-reader');
  adminKey = await api.createKey(tenant, ['ADMIN']);
  await usable(1);
});

afterAll(async () => {
  await replicaAdmin?.end();
  await api?.close();
  await pair?.close();
});

describe('the api on a PostgreSQL primary and its streaming replica (DATABASE_READ_URL)', () => {
  it('reads queries from the replica while it keeps up, and measures its lag', async () => {
    const before = await served('replica', 'replica');
    expect(await keyNames()).toEqual(['test ADMIN']);
    expect(await served('replica', 'replica')).toBe(before + 1);
    expect(await metric('api_db_replica_lag_seconds')).toBeLessThan(1);
  });

  it('falls back to the primary while the replica lags past the bound, and back once it catches up', async () => {
    await replicaAdmin.query('SELECT pg_wal_replay_pause()');
    const tenant = (await api.prisma.tenant.findFirstOrThrow({ where: { slug: 'replica-reader' } })).id;
    await api.createKey(tenant, ['COMMUNITY_READ']);
    await usable(0);
    const before = await served('primary', 'replica-lagging');
    // The replica has not replayed the new key: only the primary lists it.
    expect(await keyNames()).toEqual(['test ADMIN', 'test COMMUNITY_READ']);
    expect(await served('primary', 'replica-lagging')).toBe(before + 1);
    expect(await metric('api_db_replica_lag_bytes')).toBeGreaterThan(0);
    expect(api.logLines.map((line) => line['msg'])).toContain(
      'read replica lagging: queries read from the primary',
    );

    await replicaAdmin.query('SELECT pg_wal_replay_resume()');
    await usable(1);
    const replicaReads = await served('replica', 'replica');
    expect(await keyNames()).toEqual(['test ADMIN', 'test COMMUNITY_READ']);
    expect(await served('replica', 'replica')).toBe(replicaReads + 1);
  });

  it('reads a tenant’s queries from the primary after its mutation, on every instance (read-your-writes)', async () => {
    const second = await api.startAnotherInstance();
    const otherTenant = await api.createTenant('bystander');
    const bystanderKey = await api.createKey(otherTenant, ['ADMIN']);
    const created = await fetch(api.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
      body: JSON.stringify({
        query:
          'mutation { createApiKey(input: { name: "fresh", scopes: [COMMUNITY_READ] }) { userErrors { code } } }',
      }),
    });
    expect(((await created.json()) as { data: unknown }).data).toEqual({ createApiKey: { userErrors: [] } });
    const recent = await served('primary', 'recent-write');
    expect(await keyNames()).toContain('fresh');
    expect(await served('primary', 'recent-write')).toBe(recent + 1);
    expect(await keyNames(adminKey, second.url)).toContain('fresh');

    // Another tenant's queries still read from the replica.
    const replicaReads = await served('replica', 'replica');
    await keyNames(bystanderKey);
    expect(await served('replica', 'replica')).toBe(replicaReads + 1);
  });
});
