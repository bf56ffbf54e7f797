import { randomBytes } from 'node:crypto';
import type { ApiScope, PrismaClient } from '@status-communities/db';
import { databaseNameOf, withDatabaseName } from '@status-communities/db';
import { createTestDatabase } from '@status-communities/db/testing';
import type { TestDatabase } from '@status-communities/db/testing';
import { createLogger } from '@status-communities/observability';
import { closeRedis, createRedisConnection, deleteKeyspace } from '@status-communities/queue';
import type { RedisClient } from '@status-communities/queue';
import type { ApiModule } from '../api-module.js';
import { newApiKeySecret } from '../auth/api-key-secret.js';
import { apiConfig } from '../config.js';
import type { Api } from '../service.js';
import { startApi } from '../service.js';

export const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

export interface GraphQLResponse<D = Record<string, unknown>> {
  readonly status: number;
  readonly body: {
    data?: D | null;
    errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
  };
}

export interface ApiHarness {
  readonly server: Api;
  readonly db: TestDatabase;
  readonly prisma: PrismaClient;
  /** A client of the test's Redis, for asserting on queues. */
  readonly redis: RedisClient;
  readonly prefix: string;
  /** Every line the instances logged at info or above, parsed. */
  readonly logLines: Record<string, unknown>[];
  createTenant(slug: string): Promise<string>;
  /** A new key's secret. */
  createKey(
    tenantId: string,
    scopes: ApiScope[],
    options?: { communityId?: string; rateLimit?: number; revoked?: boolean; expired?: boolean },
  ): Promise<string>;
  gql<D = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    key?: string | null,
  ): Promise<GraphQLResponse<D>>;
  /** A second API instance on the same database and Redis keys, as behind a load balancer. */
  startAnotherInstance(): Promise<Api>;
  close(): Promise<void>;
}

export interface ApiHarnessDatabase {
  /** The PostgreSQL server the test database is made on (default: the shared one). */
  readonly serverUrl?: string;
  /** A streaming replica of that server: the API reads from it (DATABASE_READ_URL, same database name). */
  readonly replicaServerUrl?: string;
}

/** A real API server on a fresh database and its own Redis key prefix, with helpers to call it. */
export const startApiHarness = async (
  env: Record<string, string> = {},
  modules?: readonly ApiModule[],
  database: ApiHarnessDatabase = {},
): Promise<ApiHarness> => {
  const db = await createTestDatabase(
    database.serverUrl === undefined ? {} : { serverUrl: database.serverUrl },
  );
  const replica = database.replicaServerUrl;
  const prefix = `apitest-${randomBytes(4).toString('hex')}`;
  const config = apiConfig.load({
    DATABASE_URL: db.url,
    ...(replica === undefined
      ? {}
      : { DATABASE_READ_URL: withDatabaseName(replica, databaseNameOf(db.url)) }),
    REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    API_PORT: '0',
    API_HOST: '127.0.0.1',
    HEALTH_PORT: '0',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const logLines: Record<string, unknown>[] = [];
  const logger = createLogger({
    serviceName: 'api-test',
    level: 'info',
    destination: { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  const start = () => startApi(config, { logger, ...(modules ? { modules } : {}) });
  const server = await start();
  const others: Api[] = [];
  const redis = createRedisConnection(REDIS_URL);
  return {
    server,
    db,
    prisma: db.prisma,
    redis,
    prefix,
    logLines,
    createTenant: async (slug) => (await db.prisma.tenant.create({ data: { slug, name: slug } })).id,
    createKey: async (tenantId, scopes, options = {}) => {
      const key = newApiKeySecret();
      await db.prisma.apiKey.create({
        data: {
          tenantId,
          name: `test ${scopes.join(',')}`,
          prefix: key.prefix,
          keyHash: key.hash,
          scopes,
          communityId: options.communityId ?? null,
          rateLimit: options.rateLimit ?? null,
          revokedAt: options.revoked ? new Date() : null,
          expiresAt: options.expired ? new Date(Date.now() - 1000) : null,
        },
      });
      return key.secret;
    },
    gql: async (query, variables = {}, key = null) => {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(key === null ? {} : { authorization: `Bearer ${key}` }),
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as GraphQLResponse['body'] } as never;
    },
    startAnotherInstance: async () => {
      const other = await start();
      others.push(other);
      return other;
    },
    close: async () => {
      await Promise.all([server, ...others].map((instance) => instance.stop()));
      await deleteKeyspace(redis, prefix);
      await closeRedis(redis);
      await db.drop();
    },
  };
};
