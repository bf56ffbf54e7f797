// The platform as processes for one story file: a fresh database, a Redis prefix of its own, a Waku devnet,
// and the services it starts from their builds, each on a health port of its own; GraphQL against the api as
// the bootstrap admin. Registers the file's hooks: the database and devnet before its own beforeAll, and at
// the end SIGTERM to each service in reverse order, which must all exit 0 (their output is shown if not).
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect } from '@jest/globals';
import type { GraphQLResponse } from '@status-communities/api/testing';
import { REDIS_URL, newApiKeySecret } from '@status-communities/api/testing';
import { createTestDatabase } from '@status-communities/db/testing';
import type { TestDatabase } from '@status-communities/db/testing';
import { closeRedis, createRedisConnection, deleteKeyspace } from '@status-communities/queue';
import type { Devnet } from '@status-communities/testing';
import { ServiceProcesses, freePort, startDevnet } from '@status-communities/testing';

export interface StoryProcessesOptions {
  /** More environment for every service (read when each starts). */
  readonly env?: () => Record<string, string>;
  /** Runs first at the end, before the services stop (clients of the services, say). */
  readonly beforeStop?: () => Promise<void>;
  /** Runs once the services have stopped, before the database goes (a chain, a client of the database). */
  readonly afterStop?: () => Promise<void>;
}

export interface StoryProcesses {
  /** The Redis key prefix every service of the story uses. */
  readonly prefix: string;
  /** The api's bootstrap admin key (ADMIN_BOOTSTRAP_TOKEN). */
  readonly adminKey: string;
  /** KEYRING_MASTER_KEY and its id, for the services that hold keys. */
  readonly keyring: Readonly<Record<string, string>>;
  readonly services: ServiceProcesses;
  /** Available once the file's beforeAll hooks run. */
  db(): TestDatabase;
  devnet(): Devnet;
  /** Starts `app` as `name` and waits for its /readyz. */
  startService(name: string, app: string, env?: Record<string, string>): Promise<void>;
  /** SIGTERM to a running service (it must exit 0), then starts it again with `env`. */
  restartService(name: string, app: string, env?: Record<string, string>): Promise<void>;
  /** A gateway on the devnet, listening on 127.0.0.1. */
  startGateway(name?: string, env?: Record<string, string>): Promise<void>;
  /** The api on a port of its own, the bootstrap admin key made at its start; GraphQL goes to the first one. */
  startApi(name?: string, env?: Record<string, string>): Promise<string>;
  /** GraphQL as the admin; any error throws. */
  gql<D>(query: string, variables?: Record<string, unknown>): Promise<D>;
  /** A mutation answering a payload with userErrors, which must be empty. */
  command(mutation: string, input: Record<string, unknown>): Promise<void>;
  /** The service's /metrics lines that start with `start`: what happened, when a wait fails. */
  metrics(name: string, start: string | RegExp): Promise<string>;
}

export const storyProcesses = (name: string, options: StoryProcessesOptions = {}): StoryProcesses => {
  const prefix = `${name}-${randomBytes(4).toString('hex')}`;
  const adminKey = newApiKeySecret().secret;
  const keyring = { KEYRING_MASTER_KEY: randomBytes(32).toString('hex'), KEYRING_MASTER_KEY_ID: name };
  let db: TestDatabase | undefined;
  let devnet: Devnet | undefined;
  const services = new ServiceProcesses(() => ({
    DATABASE_URL: (db as TestDatabase).url,
    REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    ...options.env?.(),
  }));
  const children = new Map<string, ChildProcess>();
  const healthPorts = new Map<string, number>();
  const apiUrls: string[] = [];

  const startService = async (service: string, app: string, env: Record<string, string> = {}) => {
    const healthPort = await freePort();
    healthPorts.set(service, healthPort);
    children.set(
      service,
      services.start(app, { ...env, HEALTH_PORT: String(healthPort), SERVICE_NAME: service }),
    );
    await services.ready(service, healthPort);
  };

  const gql = async <D>(query: string, variables: Record<string, unknown> = {}): Promise<D> => {
    const url = apiUrls[0];
    if (url === undefined) throw new Error('no api started');
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GraphQLResponse<D>['body'];
    if (body.errors || !body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    return body.data;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    devnet = await startDevnet({ nodes: 2 });
  });

  afterAll(async () => {
    await options.beforeStop?.();
    // SIGTERM to each in reverse: the api first (its WebSockets), the gateways last (everyone's traffic).
    const exits: { name: string; code: number | null }[] = [];
    for (const [service, child] of [...children].reverse())
      exits.push({ name: service, code: await services.stop(child) });
    await services.kill();
    await devnet?.stop();
    await options.afterStop?.();
    const redis = createRedisConnection(REDIS_URL);
    await deleteKeyspace(redis, prefix);
    await closeRedis(redis);
    await db?.drop();
    expect({ exits, output: exits.every(({ code }) => code === 0) ? '' : services.output }).toEqual({
      exits: [...children.keys()].reverse().map((service) => ({ name: service, code: 0 })),
      output: '',
    });
  });

  return {
    prefix,
    adminKey,
    keyring,
    services,
    db: () => {
      if (!db) throw new Error('the database is made in beforeAll');
      return db;
    },
    devnet: () => {
      if (!devnet) throw new Error('the devnet starts in beforeAll');
      return devnet;
    },
    startService,
    restartService: async (service, app, env = {}) => {
      const child = children.get(service);
      if (!child) throw new Error(`${service} is not running`);
      expect({ service, code: await services.stop(child) }).toEqual({ service, code: 0 });
      await startService(service, app, env);
    },
    startGateway: (service = 'waku-gateway', env = {}) =>
      startService(service, 'waku-gateway', {
        WAKU_BOOTSTRAP_PEERS: (devnet as Devnet).multiaddrs.join(','),
        WAKU_LISTEN_ADDRESS: '127.0.0.1',
        WAKU_LISTEN_PORT: '0',
        ...env,
      }),
    startApi: async (service = 'api', env = {}) => {
      const port = await freePort();
      await startService(service, 'api', {
        ...keyring,
        API_PORT: String(port),
        API_HOST: '127.0.0.1',
        ADMIN_BOOTSTRAP_TOKEN: adminKey,
        ...env,
      });
      const url = `http://127.0.0.1:${port}/graphql`;
      apiUrls.push(url);
      return url;
    },
    gql,
    command: async (mutation, input) => {
      const data = await gql<Record<string, { userErrors: unknown[] }>>(
        `mutation ($input: ${mutation[0]?.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) {
          userErrors { code message } } }`,
        { input },
      );
      expect(data[mutation]?.userErrors).toEqual([]);
    },
    metrics: async (service, start) =>
      (await (await fetch(`http://127.0.0.1:${healthPorts.get(service)}/metrics`)).text())
        .split('\n')
        .filter((line) => (typeof start === 'string' ? line.startsWith(start) : start.test(line)))
        .join('\n'),
  };
};
