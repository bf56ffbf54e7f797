import { request as httpRequest } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';

// The console's page and the API share one origin through this pass-through, so the browser sends the key
// to the API with no CORS preflight and the API needs no cross-origin rules.

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host']);

const forwardedHeaders = (request: IncomingMessage, target: URL): Record<string, string | string[]> => {
  const headers: Record<string, string | string[]> = { host: target.host };
  for (const [name, value] of Object.entries(request.headers))
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  return headers;
};

/** The API's answer to one HTTP request, streamed back as it comes; 502 when the API cannot be reached. */
export const proxyHttp = (request: IncomingMessage, response: ServerResponse, target: URL): void => {
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send(
    target,
    { method: request.method ?? 'GET', headers: forwardedHeaders(request, target) },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  upstream.on('error', () => {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const body = JSON.stringify({
      errors: [{ message: 'The API cannot be reached', extensions: { code: 'INTERNAL' } }],
    });
    response.writeHead(502, { 'content-type': 'application/json' }).end(body);
  });
  request.pipe(upstream);
};

/** A WebSocket upgrade passed to the API byte for byte: graphql-ws speaks to the API itself. */
export const proxyUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer, target: URL): void => {
  const secure = target.protocol === 'https:';
  const port = Number(target.port || (secure ? 443 : 80));
  const upstream = secure
    ? tlsConnect({ host: target.hostname, port, servername: target.hostname })
    : connect({ host: target.hostname, port });
  const headers = { ...forwardedHeaders(request, target), connection: 'Upgrade', upgrade: 'websocket' };
  const lines = [`${request.method ?? 'GET'} ${target.pathname}${target.search} HTTP/1.1`];
  for (const [name, value] of Object.entries(headers))
    for (const one of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${one}`);
  upstream.once(secure ? 'secureConnect' : 'connect', () => {
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length > 0) upstream.write(head);
    upstream.pipe(socket).pipe(upstream);
  });
  const close = () => {
    upstream.destroy();
    socket.destroy();
  };
  upstream.on('error', close);
  socket.on('error', close);
  upstream.on('close', close);
  socket.on('close', close);
};
