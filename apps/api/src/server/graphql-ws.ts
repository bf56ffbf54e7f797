import { getOperationAST, parse } from 'graphql';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import { ErrorCode } from '@status-communities/errors';
import { rateLimitedError } from '../auth/authenticate.js';
import { credentialsOf } from '../auth/credentials.js';
import type { RequestAuth } from '../auth/request-auth.js';
import type { ApiContext } from '../context.js';
import { operationKindOf } from '../db/operation-kind.js';
import type { QueryLimits } from '../limits/query-limits-plugin.js';
import { checkQueryLimits } from '../limits/query-limits-plugin.js';
import type { ApiMetrics } from './api-metrics.js';

type WsExtra = { context?: ApiContext };

/**
 * graphql-ws on the API's path: the same key check as HTTP, once per connection (a refused key closes the
 * socket, 4403 Forbidden); each operation counts against the key's rate limit and the depth and cost limits
 * apply, as over HTTP.
 */
export const graphqlWsOptions = (
  schema: GraphQLSchema,
  auth: RequestAuth,
  limits: QueryLimits,
  metrics: ApiMetrics,
): ServerOptions<Record<string, unknown>, WsExtra> => ({
  schema,
  onConnect: async (ctx) => {
    try {
      ctx.extra.context = await auth.contextFor(
        credentialsOf(ctx.connectionParams?.['authorization'], ctx.connectionParams?.['apiKey']),
      );
      return true;
    } catch {
      return false;
    }
  },
  context: (ctx, _id, _payload, args) =>
    auth.forOperation(ctx.extra.context as ApiContext, () =>
      operationKindOf(args.document, args.operationName),
    ),
  // A document that does not parse is left to graphql-ws to report.
  onSubscribe: async (ctx, _id, payload) => {
    const caller = ctx.extra.context?.caller;
    if (caller) {
      const decision = await auth.limiter.take(caller.keyId, caller.rateLimit.limitPerMinute);
      if (!decision.allowed) {
        metrics.refused.inc({ code: ErrorCode.RATE_LIMITED });
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
});
