import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer, HTTPGraphQLRequest } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { ApiContext } from '../context.js';
import type { OperationKind } from '../db/operation-kind.js';
import { httpOperationKind } from '../db/operation-kind.js';
import type { PlaygroundAsset } from './playground.js';
import { playgroundHtml } from './playground.js';

export interface HttpHandlerOptions {
  readonly path: string;
  readonly apollo: ApolloServer<ApiContext>;
  /** `operation` tells the request's operation kind (parsing its document) to whoever needs it. */
  readonly context: (
    request: IncomingMessage,
    operation: () => OperationKind | undefined,
  ) => Promise<ApiContext>;
  readonly playground: ReadonlyMap<string, PlaygroundAsset>;
  readonly maxBodyBytes: number;
}

class BodyTooLarge extends Error {}

const readBody = async (request: IncomingMessage, limit: number): Promise<string> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
};

const sendPlain = (response: ServerResponse, status: number, contentType: string, body: string | Buffer) => {
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  response.end(body);
};

const wantsHtml = (request: IncomingMessage): boolean =>
  request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');

/**
 * node:http in front of Apollo (Apollo 5 ships no integration of its own): the GraphQL endpoint on `path`,
 * the GraphiQL page there for browsers and its files under `path/playground/`.
 */
export const createHttpHandler = (options: HttpHandlerOptions) => {
  const { path, apollo, playground } = options;

  const graphql = async (request: IncomingMessage, response: ServerResponse, search: string) => {
    let body: unknown;
    if (request.method === 'POST') {
      const text = await readBody(request, options.maxBodyBytes);
      const isJson = (request.headers['content-type'] ?? '').includes('application/json');
      try {
        body = isJson && text.length > 0 ? JSON.parse(text) : text;
      } catch {
        body = text;
      }
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers))
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    const httpGraphQLRequest: HTTPGraphQLRequest = { method: request.method ?? 'GET', headers, search, body };
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: () => options.context(request, () => httpOperationKind(body, search)),
    });
    for (const [name, value] of result.headers) response.setHeader(name, value);
    response.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      response.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  };

  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === path && wantsHtml(request)) {
        sendPlain(response, 200, 'text/html; charset=utf-8', playgroundHtml(path));
        return;
      }
      if (url.pathname.startsWith(`${path}/playground/`)) {
        const asset = playground.get(url.pathname.slice(path.length + '/playground/'.length));
        if (asset) sendPlain(response, 200, asset.contentType, asset.body);
        else sendPlain(response, 404, 'text/plain', 'not found');
        return;
      }
      if (url.pathname !== path) {
        sendPlain(
          response,
          404,
          'application/json',
          JSON.stringify({ error: `not found; GraphQL is at ${path}` }),
        );
        return;
      }
      await graphql(request, response, url.search);
    } catch (error) {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (error instanceof BodyTooLarge) {
        sendPlain(
          response,
          413,
          'application/json',
          JSON.stringify({
            errors: [{ message: 'Request body too large', extensions: { code: 'BAD_USER_INPUT' } }],
          }),
        );
        return;
      }
      throw error;
    }
  };
};
