import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from './metrics.js';
import type { Readiness } from './readiness.js';

export interface HealthServerOptions {
  readonly serviceName: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  /** Default: every interface, as Kubernetes probes and Prometheus need. */
  readonly host?: string;
  readonly readiness: Readiness;
  readonly metrics: Metrics;
}

export interface HealthServer {
  readonly port: number;
  /** `http://127.0.0.1:<port>`, for tests and local probes. */
  readonly url: string;
  close(): Promise<void>;
}

const sendJson = (response: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
};

const sendText = (response: ServerResponse, contentType: string, text: string): void => {
  response.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  response.end(text);
};

/**
 * `/healthz` (liveness: the process answers), `/readyz` (readiness: every registered check passes; 503 with
 * the failed checks and their details otherwise) and `/metrics` (Prometheus text), on plain node:http.
 */
export const startHealthServer = async (options: HealthServerOptions): Promise<HealthServer> => {
  const { serviceName, readiness, metrics } = options;
  const startedAt = Date.now();

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      sendJson(response, 405, { error: 'method not allowed' });
      return;
    }
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    switch (path) {
      case '/healthz':
        sendJson(response, 200, {
          status: 'ok',
          service: serviceName,
          uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
        });
        return;
      case '/readyz': {
        const report = await readiness.check();
        sendJson(response, report.ready ? 200 : 503, {
          status: report.ready ? 'ready' : 'not ready',
          service: serviceName,
          ...report,
        });
        return;
      }
      case '/metrics':
        sendText(response, metrics.contentType, await metrics.render());
        return;
      default:
        sendJson(response, 404, { error: 'not found', endpoints: ['/healthz', '/readyz', '/metrics'] });
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { error: String(error) });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Probes and scrapers keep connections alive; without this close() waits for their timeout.
        server.closeAllConnections();
      }),
  };
};
