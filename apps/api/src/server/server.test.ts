import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ApiHarness } from '../testing/api-harness.js';
import { startApiHarness } from '../testing/api-harness.js';

let api: ApiHarness;
let key: string;

beforeAll(async () => {
  api = await startApiHarness();
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
});
