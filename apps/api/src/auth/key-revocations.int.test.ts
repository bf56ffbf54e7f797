import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient } from 'graphql-ws';
import { WebSocket } from 'ws';
import { redisKeys } from '@status-communities/queue';
import type { Api } from '../service.js';
import type { ApiHarness } from '../testing/api-harness.js';
import { startApiHarness } from '../testing/api-harness.js';
import { newApiKeySecret } from './api-key-secret.js';

// Keys are remembered for ten minutes here: a refusal within the test can only come from the revocation notice.
let api: ApiHarness;
let other: Api;
const admin = newApiKeySecret().secret;

beforeAll(async () => {
  api = await startApiHarness({ ADMIN_BOOTSTRAP_TOKEN: admin, API_KEY_CACHE_MS: '600000' });
  other = await api.startAnotherInstance();
});
afterAll(() => api.close());

const REVOKE = 'mutation ($id: ID!) { revokeApiKey(input: { id: $id }) { userErrors { code } } }';

const ping = (url: string, key: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: '{ ping }' }),
  }).then((response) => response.status);

const createKey = async (name: string) => {
  const created = await api.gql<{ createApiKey: { apiKey: { id: string }; secret: string } }>(
    `mutation ($name: String!) { createApiKey(input: { name: $name, scopes: [COMMUNITY_READ] }) { apiKey { id } secret } }`,
    { name },
    admin,
  );
  const payload = created.body.data?.createApiKey;
  if (!payload) throw new Error(`createApiKey failed: ${JSON.stringify(created.body)}`);
  return { id: payload.apiKey.id, secret: payload.secret };
};

/** An open graphql-ws connection of `key` on `url`; resolves its close code when the server closes it. */
const connect = async (url: string, key: string) => {
  let closedWith: (code: number) => void = () => undefined;
  const closed = new Promise<number>((resolve) => (closedWith = resolve));
  let openedWith: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (openedWith = resolve));
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: { apiKey: key },
    lazy: false,
    retryAttempts: 0,
    // The close is what the test waits for (below), not an error to print.
    onNonLazyError: () => undefined,
    on: {
      connected: () => openedWith(),
      closed: (event) => closedWith((event as { code: number }).code),
    },
  });
  await opened;
  return { closed, dispose: () => client.dispose() };
};

describe('revoking an API key', () => {
  it('ends it on every instance at once: requests refused, WebSockets closed with 4403', async () => {
    const key = await createKey('revoked everywhere');
    // Both instances have the key cached as valid, and the other holds a WebSocket of it.
    expect(await ping(api.server.url, key.secret)).toBe(200);
    expect(await ping(other.url, key.secret)).toBe(200);
    const socket = await connect(other.wsUrl, key.secret);
    try {
      const revoked = await api.gql(REVOKE, { id: key.id }, admin);
      expect(revoked.body.data).toEqual({ revokeApiKey: { userErrors: [] } });
      // The revoking instance forgot the key before answering.
      expect(await ping(api.server.url, key.secret)).toBe(401);
      // The other heard the notice: its WebSocket closes, and its cache no longer holds the key.
      expect(await socket.closed).toBe(4403);
      expect(await ping(other.url, key.secret)).toBe(401);
    } finally {
      await socket.dispose();
    }
  });

  it('leaves other keys alone and ignores a malformed notice', async () => {
    const kept = await createKey('kept');
    const gone = await createKey('gone');
    expect(await ping(other.url, kept.secret)).toBe(200);
    expect(await ping(other.url, gone.secret)).toBe(200);
    const keptSocket = await connect(other.wsUrl, kept.secret);
    const goneSocket = await connect(other.wsUrl, gone.secret);
    try {
      await api.redis.publish(redisKeys(api.prefix).apiKeyRevoked, '{"id": 42}');
      await api.redis.publish(redisKeys(api.prefix).apiKeyRevoked, 'not json');
      await api.gql(REVOKE, { id: gone.id }, admin);
      // Notices reach an instance in the order they were published: once `gone`'s is heard, so were the others.
      expect(await goneSocket.closed).toBe(4403);
      expect(await ping(other.url, gone.secret)).toBe(401);
      expect(await ping(other.url, kept.secret)).toBe(200);
      expect(await ping(api.server.url, kept.secret)).toBe(200);
    } finally {
      await Promise.all([keptSocket.dispose(), goneSocket.dispose()]);
    }
  });
});
