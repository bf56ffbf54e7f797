import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient } from 'graphql-ws';
import { WebSocket } from 'ws';
import { newApiKeySecret } from '../auth/api-key-secret.js';
import type { ApiHarness } from '../testing/api-harness.js';
import { startApiHarness } from '../testing/api-harness.js';

let api: ApiHarness;
let key: string;
const bootstrap = newApiKeySecret().secret;

beforeAll(async () => {
  api = await startApiHarness({ ADMIN_BOOTSTRAP_TOKEN: bootstrap, API_BOOTSTRAP_TENANT: 'operator' });
  key = await api.createKey(await api.createTenant('acme'), ['COMMUNITY_READ']);
});
afterAll(() => api.close());

describe('the API server', () => {
  it('answers a query with a valid key', async () => {
    const response = await api.gql('{ ping }', {}, key);
    expect(response).toEqual({ status: 200, body: { data: { ping: 'pong' } } });
  });

  it('answers 401 UNAUTHENTICATED without a key', async () => {
    const response = await api.gql('{ ping }');
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('serves the GraphiQL playground from its own files to a browser', async () => {
    const page = await fetch(api.server.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    const scripts = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] as string);
    expect(scripts).toHaveLength(4);
    for (const path of scripts) {
      expect(path.startsWith('/graphql/playground/')).toBe(true);
      const asset = await fetch(new URL(path, api.server.url));
      expect(asset.status).toBe(200);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(1_000);
    }
    expect(html).not.toMatch(/https?:\/\/(?!status)/);
  });

  it('reports ready while Postgres and Redis answer', async () => {
    const response = await fetch(`${api.server.healthUrl}/readyz`);
    expect(response.status).toBe(200);
  });

  it('creates the bootstrap admin key once, for the bootstrap tenant', async () => {
    const response = await api.gql<{ viewer: { scopes: string[]; tenant: { slug: string } } }>(
      '{ viewer { scopes tenant { slug } } }',
      {},
      bootstrap,
    );
    expect(response.body.data?.viewer).toEqual({ scopes: ['ADMIN'], tenant: { slug: 'operator' } });
    const second = await api.startAnotherInstance();
    expect(second.url).not.toBe(api.server.url);
    expect(await api.prisma.apiKey.count({ where: { tenant: { slug: 'operator' } } })).toBe(1);
  });

  it('runs operations over graphql-ws on the same path with the key in connectionParams', async () => {
    const run = (apiKey: string) => {
      const client = createClient({
        url: api.server.wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { apiKey },
        retryAttempts: 0,
      });
      return new Promise<unknown>((resolve, reject) => {
        client.subscribe(
          { query: '{ viewer { scopes } }' },
          { next: resolve, error: reject, complete: () => undefined },
        );
      }).finally(() => client.dispose());
    };
    expect(await run(key)).toEqual({ data: { viewer: { scopes: ['COMMUNITY_READ'] } } });
    await expect(run('sc_000000000000_' + 'x'.repeat(43))).rejects.toMatchObject({ code: 4403 });
  });

  it('drains: stops answering after stop(), and /readyz turns 503 first', async () => {
    const other = await api.startAnotherInstance();
    const stopping = other.stop();
    expect((await other.readiness.check()).ready).toBe(false);
    await stopping;
    await expect(fetch(other.url, { method: 'POST' })).rejects.toThrow();
  });

  it('measures latency by operation on /metrics', async () => {
    await api.gql('{ ping }', {}, key);
    const metrics = await (await fetch(`${api.server.healthUrl}/metrics`)).text();
    expect(metrics).toMatch(
      /api_operation_duration_seconds_count\{[^}]*type="query",operation="ping",outcome="ok"[^}]*\} [1-9]/,
    );
    expect(metrics).toMatch(/api_requests_refused_total\{[^}]*code="UNAUTHENTICATED"[^}]*\} [1-9]/);
  });

  it('lets a created key in at once and keeps a revoked one out', async () => {
    const created = await api.gql<{ createApiKey: { apiKey: { id: string }; secret: string } }>(
      'mutation { createApiKey(input: { name: "ci", scopes: [COMMUNITY_READ] }) { apiKey { id } secret } }',
      {},
      bootstrap,
    );
    const { apiKey, secret } = created.body.data?.createApiKey ?? { apiKey: { id: '' }, secret: '' };
    expect((await api.gql('{ ping }', {}, secret)).status).toBe(200);
    const revoked = await api.gql<{ revokeApiKey: { apiKey: { revokedAt: string | null } } }>(
      'mutation ($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { revokedAt } } }',
      { id: apiKey.id },
      bootstrap,
    );
    expect(revoked.body.data?.revokeApiKey.apiKey.revokedAt).not.toBeNull();
    // A fresh instance has no cached answer (key-revocations.int.test.ts: instances that have one).
    const other = await api.startAnotherInstance();
    const response = await fetch(other.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({ query: '{ ping }' }),
    });
    expect(response.status).toBe(401);
  });

  it('refuses a body above API_MAX_BODY_BYTES with 413', async () => {
    const response = await fetch(api.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: '{ ping }', variables: { pad: 'x'.repeat(1_100_000) } }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { errors: { extensions: unknown }[] }).errors[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
    });
  });

  it("counts every graphql-ws operation against the key's rate limit", async () => {
    const limited = await api.createKey(await api.createTenant('ws-limited'), ['COMMUNITY_READ'], {
      rateLimit: 3,
    });
    const client = createClient({
      url: api.server.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { apiKey: limited },
      retryAttempts: 0,
    });
    const run = () =>
      new Promise<unknown>((resolve) => {
        client.subscribe({ query: '{ ping }' }, { next: resolve, error: resolve, complete: () => undefined });
      });
    try {
      // The connection takes one request of the budget, each operation one more.
      expect(await run()).toEqual({ data: { ping: 'pong' } });
      expect(await run()).toEqual({ data: { ping: 'pong' } });
      const refused = (await run()) as { extensions: { code: string; retryAfter: number } }[];
      expect(refused[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
    } finally {
      await client.dispose();
    }
  });
});
