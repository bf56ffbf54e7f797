import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLError, getOperationAST, parse } from 'graphql';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { createPrismaClient } from '@status-communities/db';
import { ErrorCode } from '@status-communities/errors';
import {
  createMetrics,
  createReadiness,
  newCorrelationId,
  startHealthServer,
} from '@status-communities/observability';
import type { Logger } from '@status-communities/observability';
import type { Readiness } from '@status-communities/observability';
import {
  QueueName,
  closeQueueResources,
  createQueue,
  createRedisConnection,
  redisReadiness,
  observeQueueDepths,
} from '@status-communities/queue';
import type { ApiModule, ModuleRuntime } from '../api-module.js';
import { createAuthenticator, rateLimitedError } from '../auth/authenticate.js';
import { bootstrapAdminKey } from '../auth/bootstrap-admin-key.js';
import { credentialsOf } from '../auth/credentials.js';
import { createKeyStore } from '../auth/key-store.js';
import type { ApiConfig } from '../config.js';
import type { ApiContext } from '../context.js';
import { createErrorFormatter } from '../errors/format-error.js';
import { checkQueryLimits, queryLimitsPlugin } from '../limits/query-limits-plugin.js';
import { API_MODULES } from '../modules.js';
import { createRateLimiter } from '../rate-limit/rate-limiter.js';
import type { ApiServices } from '../services.js';
import { createApiMetrics } from './api-metrics.js';
import { createHttpHandler } from './http-handler.js';
import { loadTypeDefs } from './load-type-defs.js';
import { metricsPlugin } from './metrics-plugin.js';
import { loadPlaygroundAssets } from './playground.js';

export interface ApiServer {
  /** `http://127.0.0.1:<port><path>` */
  readonly url: string;
  /** `ws://127.0.0.1:<port><path>` (graphql-ws) */
  readonly wsUrl: string;
  readonly healthUrl: string;
  readonly readiness: Readiness;
  readonly services: ApiServices;
  readonly schema: GraphQLSchema;
  /** Stops taking requests, lets those in flight finish, closes modules and connections. Idempotent. */
  stop(): Promise<void>;
}

export interface StartApiServerOptions {
  readonly logger: Logger;
  /** Default: every module of src/modules.ts. */
  readonly modules?: readonly ApiModule[];
  /** Unix ms (tests move time). */
  readonly clock?: () => number;
}

/** The executable schema: every SDL file of src/schema with the resolvers of every module. */
export const buildSchema = (modules: readonly ApiModule[]): GraphQLSchema =>
  makeExecutableSchema<ApiContext>({
    typeDefs: loadTypeDefs(),
    // Generated resolver types are stricter than graphql-tools' own signature; the schema checks the shape.
    resolvers: modules.map((module) => module.resolvers) as never,
  });

export const startApiServer = async (
  config: ApiConfig,
  options: StartApiServerOptions,
): Promise<ApiServer> => {
  const { logger } = options;
  const modules = options.modules ?? API_MODULES;
  const clock = options.clock ?? Date.now;
  const metrics = createMetrics({ serviceName: config.SERVICE_NAME });
  const readiness = createReadiness();
  const prisma = createPrismaClient(config.DATABASE_URL);
  const redis = createRedisConnection(config.REDIS_URL, {
    role: 'producer',
    connectionName: 'api:producer',
    logger,
  });
  const queueOptions = { prefix: config.REDIS_KEY_PREFIX };
  const services: ApiServices = {
    prisma,
    redis,
    openConsumerConnection: (name) =>
      createRedisConnection(config.REDIS_URL, { connectionName: `api:${name}`, logger }),
    queues: {
      communityCommands: createQueue(QueueName.COMMUNITY_COMMANDS, redis, queueOptions),
      communityRequests: createQueue(QueueName.COMMUNITY_REQUESTS, redis, queueOptions),
      communityWatch: createQueue(QueueName.COMMUNITY_WATCH, redis, queueOptions),
      botMessages: createQueue(QueueName.BOT_MESSAGES, redis, queueOptions),
    },
    logger,
    metrics: createApiMetrics(metrics),
    settings: {
      redisKeyPrefix: config.REDIS_KEY_PREFIX,
      defaultRateLimitPerMinute: config.API_RATE_LIMIT_PER_MINUTE,
      maxQueryDepth: config.API_MAX_QUERY_DEPTH,
      maxQueryCost: config.API_MAX_QUERY_COST,
    },
    config,
    clock,
  };
  observeQueueDepths(metrics, Object.values(services.queues));

  readiness.add('postgres', async () => (await prisma.$queryRaw<unknown[]>`SELECT 1`).length === 1);
  readiness.add('redis', () => redisReadiness(redis));

  if (config.ADMIN_BOOTSTRAP_TOKEN) {
    const outcome = await bootstrapAdminKey(
      prisma,
      config.ADMIN_BOOTSTRAP_TOKEN,
      config.API_BOOTSTRAP_TENANT,
    );
    logger.info({ tenant: config.API_BOOTSTRAP_TENANT, outcome }, 'bootstrap admin key');
  }

  const limiter = createRateLimiter(redis, config.REDIS_KEY_PREFIX);
  const authenticator = createAuthenticator(
    createKeyStore(prisma, clock),
    limiter,
    config.API_RATE_LIMIT_PER_MINUTE,
  );
  const contextFor = async (secret: string | null): Promise<ApiContext> => {
    const caller = await authenticator.authenticate(secret);
    if (caller instanceof GraphQLError) {
      services.metrics.refused.inc({ code: String(caller.extensions['code']) });
      throw caller;
    }
    return { caller, services, requestId: newCorrelationId() };
  };

  const schema = buildSchema(modules);
  const limits = {
    maxDepth: config.API_MAX_QUERY_DEPTH,
    maxCost: config.API_MAX_QUERY_COST,
    maxAliases: config.API_MAX_QUERY_ALIASES,
  };
  const httpServer = createServer();
  const wsServer = new WebSocketServer({ server: httpServer, path: config.API_PATH });
  const wsCleanup = useServer<Record<string, unknown>, { context?: ApiContext }>(
    {
      schema,
      // The same key check as HTTP, once per connection: a refused key closes the socket (4403 Forbidden).
      onConnect: async (ctx) => {
        try {
          ctx.extra.context = await contextFor(
            credentialsOf(ctx.connectionParams?.['authorization'], ctx.connectionParams?.['apiKey']),
          );
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx) => ctx.extra.context as ApiContext,
      // Each operation counts against the key's rate limit, and the depth and cost limits apply, as over HTTP;
      // a document that does not parse is left to graphql-ws to report.
      onSubscribe: async (ctx, _id, payload) => {
        const caller = ctx.extra.context?.caller;
        if (caller) {
          const decision = await limiter.take(caller.keyId, caller.rateLimit.limitPerMinute);
          if (!decision.allowed) {
            services.metrics.refused.inc({ code: ErrorCode.RATE_LIMITED });
            return [rateLimitedError(decision)];
          }
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch {
          return undefined;
        }
        const operation = getOperationAST(document, payload.operationName);
        const refused = operation && checkQueryLimits(limits, document, operation, payload.variables ?? {});
        return refused ? [refused] : undefined;
      },
    },
    wsServer,
  );
  const apollo = new ApolloServer<ApiContext>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter((error) =>
      logger.error({ err: error }, 'internal error in an operation'),
    ),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { serverWillStart: async () => ({ drainServer: async () => wsCleanup.dispose() }) },
      queryLimitsPlugin(limits),
      metricsPlugin(services.metrics),
    ],
  });
  await apollo.start();
  const handler = createHttpHandler({
    path: config.API_PATH,
    apollo,
    playground: await loadPlaygroundAssets(),
    maxBodyBytes: config.API_MAX_BODY_BYTES,
    context: (request: IncomingMessage) =>
      contextFor(credentialsOf(request.headers.authorization, request.headers['x-api-key'])),
  });
  httpServer.on('request', (request, response) => {
    handler(request, response).catch((error: unknown) => {
      logger.error({ err: error }, 'request failed outside GraphQL');
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
  });

  const runtimes: ModuleRuntime[] = [];
  for (const module of modules) if (module.start) runtimes.push(await module.start(services));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.API_PORT, config.API_HOST, () => resolve());
  });
  const health = await startHealthServer({
    serviceName: config.SERVICE_NAME,
    port: config.HEALTH_PORT,
    readiness,
    metrics,
  });
  const { port } = httpServer.address() as AddressInfo;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      readiness.drain();
      // Stops listening, lets requests in flight answer, closes idle sockets and WebSockets.
      await apollo.stop();
      for (const runtime of runtimes.reverse()) await runtime.close();
      await closeQueueResources({
        queues: Object.values(services.queues),
        connections: [redis],
      });
      await prisma.$disconnect();
      await health.close();
    })());

  return {
    url: `http://127.0.0.1:${port}${config.API_PATH}`,
    wsUrl: `ws://127.0.0.1:${port}${config.API_PATH}`,
    healthUrl: health.url,
    readiness,
    services,
    schema,
    stop,
  };
};
