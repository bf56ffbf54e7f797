// The GraphQL endpoint: Apollo over HTTP and graphql-ws on one server and path. Apollo's drain plugins stop
// both (listening, requests in flight, idle sockets, WebSockets) when the service stops.
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Logger, ServiceScope } from '@status-communities/observability';
import type { ApiModule } from '../api-module.js';
import { credentialsOf } from '../auth/credentials.js';
import type { RequestAuth } from '../auth/request-auth.js';
import type { ApiConfig } from '../config.js';
import type { ApiContext } from '../context.js';
import { createErrorFormatter } from '../errors/format-error.js';
import type { QueryLimits } from '../limits/query-limits-plugin.js';
import { queryLimitsPlugin } from '../limits/query-limits-plugin.js';
import type { ApiServices } from '../services.js';
import { graphqlWsOptions } from './graphql-ws.js';
import { createHttpHandler } from './http-handler.js';
import { loadTypeDefs } from './load-type-defs.js';
import { metricsPlugin } from './metrics-plugin.js';
import { loadPlaygroundAssets } from './playground.js';

/** The executable schema: every SDL file of src/schema with the resolvers of every module. */
export const buildSchema = (modules: readonly ApiModule[]): GraphQLSchema =>
  makeExecutableSchema<ApiContext>({
    typeDefs: loadTypeDefs(),
    // Generated resolver types are stricter than graphql-tools' own signature; the schema checks the shape.
    resolvers: modules.map((module) => module.resolvers) as never,
  });

export interface GraphqlParts {
  readonly schema: GraphQLSchema;
  readonly services: ApiServices;
  readonly auth: RequestAuth;
  /** src/query-cache, when turned on. */
  readonly responseCache?: ApolloServerPlugin<ApiContext> | undefined;
}

/** Serves GraphQL on API_HOST:API_PORT at API_PATH; resolves with the address it listens on. */
export const serveGraphql = async (
  scope: ServiceScope,
  config: ApiConfig,
  { schema, services, auth, responseCache }: GraphqlParts,
): Promise<AddressInfo> => {
  const limits: QueryLimits = {
    maxDepth: config.API_MAX_QUERY_DEPTH,
    maxCost: config.API_MAX_QUERY_COST,
    maxAliases: config.API_MAX_QUERY_ALIASES,
  };
  const httpServer = createServer();
  const wsCleanup = useServer(
    graphqlWsOptions(schema, auth, limits, services),
    new WebSocketServer({ server: httpServer, path: config.API_PATH }),
  );
  const apollo = new ApolloServer<ApiContext>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter((error) =>
      scope.logger.error({ err: error }, 'internal error in an operation'),
    ),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { serverWillStart: async () => ({ drainServer: async () => wsCleanup.dispose() }) },
      queryLimitsPlugin(limits),
      metricsPlugin(services.metrics),
      ...(responseCache ? [responseCache] : []),
    ],
  });
  await apollo.start();
  scope.defer('graphql server', () => apollo.stop());
  const handler = createHttpHandler({
    path: config.API_PATH,
    apollo,
    playground: await loadPlaygroundAssets(),
    maxBodyBytes: config.API_MAX_BODY_BYTES,
    context: async (request: IncomingMessage, operation) =>
      auth.forOperation(
        await auth.contextFor(credentialsOf(request.headers.authorization, request.headers['x-api-key'])),
        operation,
      ),
  });
  answerRequests(httpServer, handler, scope.logger);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.API_PORT, config.API_HOST, () => resolve());
  });
  return httpServer.address() as AddressInfo;
};

const answerRequests = (
  httpServer: Server,
  handler: ReturnType<typeof createHttpHandler>,
  logger: Logger,
): void => {
  httpServer.on('request', (request, response) => {
    handler(request, response).catch((error: unknown) => {
      logger.error({ err: error }, 'request failed outside GraphQL');
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
  });
};
