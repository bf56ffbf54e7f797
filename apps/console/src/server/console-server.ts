import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErrorCode, StatusError } from '@status-communities/errors';
import { proxyHttp, proxyUpgrade } from './api-proxy.js';
import type { StaticFile } from './static-files.js';

export interface ConsoleServerOptions {
  /** The built web app by URL path (loadStaticFiles). */
  readonly files: ReadonlyMap<string, StaticFile>;
  /** The api's GraphQL endpoint; the console serves it at the same path on its own origin. */
  readonly apiUrl: URL;
  readonly port: number;
  readonly host: string;
}

export interface ConsoleServer {
  /** `http://host:port/`: the link a person opens. */
  readonly url: string;
  stop(): Promise<void>;
}

const targetOf = (apiUrl: URL, request: IncomingMessage): URL => {
  const target = new URL(apiUrl);
  target.search = new URL(request.url ?? '/', 'http://console').search;
  return target;
};

const sendFile = (response: ServerResponse, file: StaticFile) => {
  response.writeHead(200, {
    'content-type': file.contentType,
    'content-length': file.body.length,
    'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    // The page talks to its own origin only (the API through /graphql): nothing else may load.
    'content-security-policy':
      "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self' 'unsafe-inline'",
    'x-content-type-options': 'nosniff',
  });
  response.end(file.body);
};

/** The built console on `/` (every unknown path is the single page's own route) and the API on its path. */
export const startConsoleServer = async (options: ConsoleServerOptions): Promise<ConsoleServer> => {
  const { files, apiUrl } = options;
  const index = files.get('/index.html');
  if (!index)
    throw new StatusError(ErrorCode.INVALID_CONFIG, 'the console is not built: no index.html', {
      build: 'npx nx run @status-communities/console:build',
    });
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://console').pathname;
    if (path === apiUrl.pathname) {
      proxyHttp(request, response, targetOf(apiUrl, request));
      return;
    }
    const file = files.get(path);
    if (file) {
      sendFile(response, file);
      return;
    }
    // A missing asset is a 404; any other path is a route of the page, which reads it from location.
    if (path.startsWith('/assets/') || request.method !== 'GET') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    sendFile(response, index);
  });
  server.on('upgrade', (request: IncomingMessage, socket, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://console').pathname;
    if (path !== apiUrl.pathname) {
      socket.destroy();
      return;
    }
    proxyUpgrade(request, socket, head, targetOf(apiUrl, request));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  return {
    url: `http://${host}:${port}/`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
};
