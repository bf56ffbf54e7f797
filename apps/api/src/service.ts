import type { GraphQLSchema } from 'graphql';
import type { Logger, Metrics, ServiceHandle, ServiceScope } from '@status-communities/observability';
import { createMetrics, startService } from '@status-communities/observability';
import { closeRedis, openServiceStores } from '@status-communities/queue';
import type { ApiModule } from './api-module.js';
import { bootstrapAdminKey } from './auth/bootstrap-admin-key.js';
import { createRequestAuth } from './auth/request-auth.js';
import type { ApiConfig } from './config.js';
import { startDatabaseRouter } from './db/database-router.js';
import { API_MODULES } from './modules.js';
import { startQueryCache } from './query-cache/query-cache.js';
import { buildSchema, serveGraphql } from './server/graphql-server.js';
import type { ApiServices } from './services.js';
import { openApiServices } from './services.js';

export interface Api extends ServiceHandle {
  /** `http://127.0.0.1:<port><path>` */
  readonly url: string;
  /** `ws://127.0.0.1:<port><path>` (graphql-ws) */
  readonly wsUrl: string;
  readonly services: ApiServices;
  readonly schema: GraphQLSchema;
}

export interface ApiDependencies {
  readonly logger: Logger;
  /** Default: every module of src/modules.ts. */
  readonly modules?: readonly ApiModule[];
  /** Unix ms (tests move time). */
  readonly clock?: () => number;
}

/**
 * The composition root: GraphQL over HTTP and graphql-ws, the modules' background work (subscriptions' stream
 * reader, webhook deliveries), health and metrics. Stopping turns /readyz to 503, stops taking requests and
 * lets those in flight finish, closes the modules, then the connections.
 */
export const startApi = (config: ApiConfig, dependencies: ApiDependencies): Promise<Api> => {
  const metrics = createMetrics({ serviceName: config.SERVICE_NAME });
  return startService({
    name: 'api',
    logger: dependencies.logger,
    health: { serviceName: config.SERVICE_NAME, port: config.HEALTH_PORT, metrics },
    build: (scope) => buildApi(scope, config, metrics, dependencies),
    startedFields: ({ url, wsUrl }) => ({ url, ws: wsUrl }),
  });
};

const buildApi = async (
  scope: ServiceScope,
  config: ApiConfig,
  metrics: Metrics,
  dependencies: ApiDependencies,
) => {
  const modules = dependencies.modules ?? API_MODULES;
  // Producer role: a request's command times out instead of hanging while Redis is down.
  const stores = openServiceStores(scope, config, 'producer');
  const services = openApiServices(scope, config, stores, metrics, dependencies.clock ?? Date.now);
  if (config.ADMIN_BOOTSTRAP_TOKEN) {
    const outcome = await bootstrapAdminKey(
      stores.prisma,
      config.ADMIN_BOOTSTRAP_TOKEN,
      config.API_BOOTSTRAP_TENANT,
    );
    scope.logger.info({ tenant: config.API_BOOTSTRAP_TENANT, outcome }, 'bootstrap admin key');
  }
  const revocationNotices = scope.own(
    'key revocation notices',
    services.openConsumerConnection('key-revocations'),
    (redis) => closeRedis(redis),
  );
  scope.defer('key revocations', await services.keyRevocations.listen(revocationNotices));
  // Before the server: its drain (registered after them) then runs first, so they close after the requests.
  for (const module of modules)
    if (module.start) {
      const runtime = await module.start(services);
      scope.defer(`${module.name} module`, () => runtime.close());
    }
  // The read replica (DATABASE_READ_URL), if any: registered before the server, so it closes after the requests.
  const database = await startDatabaseRouter({
    primary: stores.prisma,
    redis: stores.producer,
    settings: config,
    logger: scope.logger,
    metrics,
  });
  scope.defer('read replica', () => database.close());
  const schema = buildSchema(modules);
  const auth = createRequestAuth(services, database);
  // Before the server too: its reader of the event stream stops after the last request.
  const responseCache = await startQueryCache(scope, config, {
    services,
    redis: stores.producer,
    primary: stores.prisma,
    metrics,
  });
  const { port } = await serveGraphql(scope, config, { schema, services, auth, responseCache });
  return {
    url: `http://127.0.0.1:${port}${config.API_PATH}`,
    wsUrl: `ws://127.0.0.1:${port}${config.API_PATH}`,
    services,
    schema,
  };
};
