import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createTestDatabase } from '@status-communities/db/testing';
import type { TestDatabase } from '@status-communities/db/testing';
import { closeRedis, createRedisConnection, deleteKeyspace } from '@status-communities/queue';
import type { Devnet } from '@status-communities/testing';
import { freePort, ServiceProcesses, startDevnet } from '@status-communities/testing';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** The platform as `npm start` runs it, each service a process from its build, with the console before it. */
export interface Platform {
  readonly db: TestDatabase;
  readonly devnet: Devnet;
  readonly services: ServiceProcesses;
  /** The api's GraphQL endpoint. */
  readonly apiUrl: string;
  /** The console's page (its server passes /graphql to the api). */
  readonly consoleUrl: string;
  /** The bootstrap admin key the api made at start. */
  readonly adminKey: string;
  /** GraphQL over HTTP with a key (the admin's unless given); throws on any error. */
  gql<D>(query: string, variables?: Record<string, unknown>, key?: string): Promise<D>;
  /** SIGTERM to each, in reverse; their exit codes by name. */
  stop(): Promise<{ name: string; code: number | null }[]>;
}

export const startPlatform = async (): Promise<Platform> => {
  const prefix = `console-${randomBytes(4).toString('hex')}`;
  // The api's key format: sc_<12 hex>_<43 base64url>.
  const adminKey = `sc_${randomBytes(6).toString('hex')}_${randomBytes(32).toString('base64url')}`;
  const db = await createTestDatabase();
  const devnet = await startDevnet({ nodes: 2 });
  const services = new ServiceProcesses(() => ({
    DATABASE_URL: db.url,
    REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
  }));
  const children = new Map<string, ChildProcess>();
  const cleanUp = async () => {
    await services.kill();
    await devnet.stop();
    const redis = createRedisConnection(REDIS_URL);
    await deleteKeyspace(redis, prefix);
    await closeRedis(redis);
    await db.drop();
  };
  const start = async (name: string, app: string, env: Record<string, string> = {}) => {
    const healthPort = await freePort();
    children.set(name, services.start(app, { ...env, HEALTH_PORT: String(healthPort), SERVICE_NAME: name }));
    await services.ready(name, healthPort);
  };
  const keyring = { KEYRING_MASTER_KEY: randomBytes(32).toString('hex'), KEYRING_MASTER_KEY_ID: 'console' };
  const apiPort = await freePort();
  const apiUrl = `http://127.0.0.1:${apiPort}/graphql`;
  const consolePort = await freePort();
  const consoleUrl = `http://127.0.0.1:${consolePort}/`;
  try {
    await start('waku-gateway', 'waku-gateway', {
      WAKU_BOOTSTRAP_PEERS: devnet.multiaddrs.join(','),
      WAKU_LISTEN_ADDRESS: '127.0.0.1',
      WAKU_LISTEN_PORT: '0',
    });
    await start('indexer', 'indexer');
    await start('publisher', 'publisher', { ...keyring, PUBLISH_DEBOUNCE_MS: '0' });
    await start('request-handler', 'request-handler', keyring);
    await start('api', 'api', {
      ...keyring,
      API_PORT: String(apiPort),
      API_HOST: '127.0.0.1',
      ADMIN_BOOTSTRAP_TOKEN: adminKey,
      // Webhooks can be made only with a sealing key; the test's endpoint is on loopback, where nothing
      // listens, so nothing it sends leaves the machine.
      WEBHOOK_SECRET_KEY: randomBytes(32).toString('hex'),
      WEBHOOK_SECRET_KEY_ID: 'console-webhooks',
      WEBHOOK_ALLOW_PRIVATE_HOSTS: 'true',
    });
    children.set(
      'console',
      services.start('console', {
        API_URL: apiUrl,
        CONSOLE_PORT: String(consolePort),
        CONSOLE_HOST: '127.0.0.1',
      }),
    );
    await services.waitFor('the console answering', () =>
      fetch(consoleUrl).then(
        (response) => response.ok || undefined,
        () => undefined,
      ),
    );
  } catch (error) {
    // Nothing of a failed start outlives it: the test's afterAll has no platform to stop.
    await cleanUp();
    throw error;
  }

  const gql = async <D>(
    query: string,
    variables: Record<string, unknown> = {},
    key = adminKey,
  ): Promise<D> => {
    const response = await fetch(apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: D; errors?: unknown[] };
    if (body.errors || !body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    return body.data;
  };

  return {
    db,
    devnet,
    services,
    apiUrl,
    consoleUrl,
    adminKey,
    gql,
    stop: async () => {
      const exits: { name: string; code: number | null }[] = [];
      for (const [name, child] of [...children].reverse())
        exits.push({ name, code: await services.stop(child) });
      await cleanUp();
      return exits;
    },
  };
};
