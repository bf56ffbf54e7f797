import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@status-communities/errors';
import type { ApiModule } from '../api-module.js';
import { API_MODULES } from '../modules.js';
import type { ApiHarness } from '../testing/api-harness.js';
import { startApiHarness } from '../testing/api-harness.js';

// A bug in a resolver, with internals in its message: what reaches the client must not show them.
const buggyModule: ApiModule = {
  name: 'buggy',
  resolvers: {
    Mutation: {
      ping: () => {
        throw new Error('connection to postgres://admin:hunter2@db failed');
      },
    },
  },
};

let api: ApiHarness;
let tenant: string;
let key: string;

beforeAll(async () => {
  api = await startApiHarness({ API_MAX_QUERY_DEPTH: '8', API_MAX_QUERY_COST: '2000' }, [
    ...API_MODULES,
    buggyModule,
  ]);
  tenant = await api.createTenant('acme');
  key = await api.createKey(tenant, ['ADMIN']);
});
afterAll(() => api.close());

const codeOf = (response: { body: { errors?: { extensions?: Record<string, unknown> }[] } }) =>
  response.body.errors?.[0]?.extensions?.['code'];

describe('error codes', () => {
  it('UNAUTHENTICATED with HTTP 401: no key, a malformed, unknown, revoked or expired key', async () => {
    const revoked = await api.createKey(tenant, ['ADMIN'], { revoked: true });
    const expired = await api.createKey(tenant, ['ADMIN'], { expired: true });
    const unknown = `sc_${'a'.repeat(12)}_${'b'.repeat(43)}`;
    for (const credential of [null, 'not-a-key', unknown, revoked, expired]) {
      const response = await api.gql('{ ping }', {}, credential);
      expect(response.status).toBe(401);
      expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
      expect(response.body.data).toBeUndefined();
    }
  });

  it('RATE_LIMITED with HTTP 429 and retryAfter, counted across instances', async () => {
    const limited = await api.createKey(tenant, ['COMMUNITY_READ'], { rateLimit: 3 });
    const other = await api.startAnotherInstance();
    const call = (url: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${limited}` },
        body: JSON.stringify({ query: '{ viewer { rateLimit { limitPerMinute remaining } } }' }),
      });
    const statuses = [];
    for (const url of [api.server.url, other.url, api.server.url]) statuses.push((await call(url)).status);
    expect(statuses).toEqual([200, 200, 200]);
    const refused = await call(other.url);
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as { errors: { extensions: { code: string; retryAfter: number } }[] };
    expect(body.errors[0]?.extensions.code).toBe('RATE_LIMITED');
    expect(body.errors[0]?.extensions.retryAfter).toBeGreaterThan(0);
    expect(body.errors[0]?.extensions.retryAfter).toBeLessThanOrEqual(60);
  });

  it('shows the budget left to the viewer', async () => {
    const budgeted = await api.createKey(tenant, ['COMMUNITY_READ'], { rateLimit: 10 });
    await api.gql('{ ping }', {}, budgeted);
    const response = await api.gql<{
      viewer: { scopes: string[]; rateLimit: { limitPerMinute: number; remaining: number } };
    }>(
      '{ viewer { scopes rateLimit { limitPerMinute remaining resetAt } key { prefix } tenant { slug } } }',
      {},
      budgeted,
    );
    expect(response.body.data?.viewer).toMatchObject({
      scopes: ['COMMUNITY_READ'],
      rateLimit: { limitPerMinute: 10, remaining: 8 },
      key: { prefix: expect.stringMatching(/^[0-9a-f]{12}$/) },
      tenant: { slug: 'acme' },
    });
  });

  it('QUERY_TOO_DEEP before any resolver runs', async () => {
    const response = await api.gql(
      '{ communities { edges { node { channels { community { channels { community { channels { name } } } } } } } } }',
      {},
      key,
    );
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_DEEP',
      depth: 9,
      maxDepth: 8,
    });
    expect(response.body.data).toBeUndefined();
  });

  it('QUERY_TOO_COMPLEX, page sizes from variables included', async () => {
    const response = await api.gql(
      'query ($n: Int) { messages(channelId: "x", first: $n) { edges { node { replies(first: 100) { edges { node { messageId } } } } } } }',
      { n: 100 },
      key,
    );
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 2000 });
    const small = await api.gql(
      'query ($n: Int) { messages(channelId: "x", first: $n) { edges { node { messageId } } } }',
      { n: 5 },
      key,
    );
    expect(small.body.errors).toBeUndefined();
  });

  it('INVALID_QUERY for a document that does not parse or validate', async () => {
    expect(codeOf(await api.gql('{ ping', {}, key))).toBe('INVALID_QUERY');
    expect(codeOf(await api.gql('{ nope }', {}, key))).toBe('INVALID_QUERY');
  });

  it('BAD_USER_INPUT for variables of the wrong type', async () => {
    const response = await api.gql(
      'query ($n: Int) { communities(first: $n) { edges { cursor } } }',
      { n: 'many' },
      key,
    );
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
  });

  it('INTERNAL for a bug, with no message, stack trace or internals', async () => {
    const response = await api.gql('mutation { ping }', {}, key);
    expect(response.body.errors).toEqual([
      {
        message: 'Internal error',
        path: ['ping'],
        locations: expect.any(Array),
        extensions: { code: 'INTERNAL' },
      },
    ]);
    expect(JSON.stringify(response.body)).not.toMatch(/hunter2|stack|at /);
  });

  it('keeps the SDL ErrorCode enum equal to libs/errors', () => {
    const sdl = readFileSync(join(import.meta.dirname, '..', 'schema', 'base.graphql'), 'utf8');
    const block = /enum ErrorCode \{([^}]*)\}/.exec(sdl)?.[1] ?? '';
    const values = block
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => /^[A-Z_]+$/.test(line));
    expect(values.sort()).toEqual(Object.values(ErrorCode).sort());
  });
});
