import { getOperationAST, parse } from 'graphql';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import { ErrorCode } from '@status-communities/errors';
import { rateLimitedError } from '../auth/authenticate.js';
import { credentialsOf } from '../auth/credentials.js';
import type { RequestAuth } from '../auth/request-auth.js';
import type { ApiContext } from '../context.js';
import { operationKindOf } from '../db/operation-kind.js';
import type { QueryLimits } from '../limits/query-limits-plugin.js';
import { checkQueryLimits } from '../limits/query-limits-plugin.js';
import type { ApiServices } from '../services.js';
import { createFrameDelivery } from '../subscriptions/frame-delivery.js';

type WsExtra = { context?: ApiContext };

/** Close code of a socket whose key was refused or revoked (graphql-ws's Forbidden). */
const FORBIDDEN = 4403;

/** A frame to the socket, resolving once written; to a socket no longer open, nothing (as graphql-ws does). */
const sendOn =
  (socket: Extra['socket']) =>
  (frame: string): Promise<void> =>
    new Promise((resolve, reject) => {
      if (socket.readyState !== socket.OPEN) return resolve();
      socket.send(frame, (error) => (error ? reject(error) : resolve()));
    });

/**
 * graphql-ws on the API's path: the same key check as HTTP, once per connection (a refused key closes the
 * socket, 4403 Forbidden); a key revoked later closes its sockets the same way, on every instance. Each
 * operation counts against the key's rate limit and the depth and cost limits apply, as over HTTP. An event
 * is executed and serialised once per subscription shape and its `next` frame written to every socket that
 * receives it (`createFrameDelivery`).
 */
export const graphqlWsOptions = (
  schema: GraphQLSchema,
  auth: RequestAuth,
  limits: QueryLimits,
  services: Pick<ApiServices, 'metrics' | 'keyRevocations'>,
): ServerOptions<Record<string, unknown>, Extra & WsExtra> => {
  const { metrics } = services;
  const frames = createFrameDelivery();
  const socketsOfKey = new Map<string, Set<Extra['socket']>>();
  services.keyRevocations.onRevoked(({ id }) => {
    for (const socket of socketsOfKey.get(id) ?? []) socket.close(FORBIDDEN, 'Forbidden: API key revoked');
    socketsOfKey.delete(id);
  });
  return {
    schema,
    onConnect: async (ctx) => {
      try {
        ctx.extra.context = await auth.contextFor(
          credentialsOf(ctx.connectionParams?.['authorization'], ctx.connectionParams?.['apiKey']),
        );
      } catch {
        return false;
      }
      const { keyId } = ctx.extra.context.caller;
      const { socket } = ctx.extra;
      const sockets = socketsOfKey.get(keyId) ?? new Set();
      socketsOfKey.set(keyId, sockets.add(socket));
      socket.once('close', () => {
        sockets.delete(socket);
        if (sockets.size === 0 && socketsOfKey.get(keyId) === sockets) socketsOfKey.delete(keyId);
      });
      return true;
    },
    context: (ctx, id, payload, args) => {
      frames.target(args, { id, request: payload, send: sendOn(ctx.extra.socket) });
      return auth.forOperation(ctx.extra.context as ApiContext, () =>
        operationKindOf(args.document, args.operationName),
      );
    },
    subscribe: frames.subscribe,
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
  };
};
