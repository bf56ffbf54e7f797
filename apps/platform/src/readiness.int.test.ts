import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { waitUntilReady } from './readiness.js';

/** A /readyz that answers 503 until `readyAfter` requests have been made. */
const startReadyz = async (readyAfter: number) => {
  let requests = 0;
  const server = createServer((_request, response) => {
    requests += 1;
    response.writeHead(requests > readyAfter ? 200 : 503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/readyz`,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

describe('waiting for /readyz', () => {
  it('polls until the service answers 200', async () => {
    const readyz = await startReadyz(2);
    try {
      await waitUntilReady(readyz.url, { timeoutMs: 10_000, intervalMs: 10 });
      expect(readyz.requests()).toBe(3);
    } finally {
      await readyz.close();
    }
  });

  it('gives up after the timeout', async () => {
    const readyz = await startReadyz(Number.MAX_SAFE_INTEGER);
    try {
      await expect(waitUntilReady(readyz.url, { timeoutMs: 100, intervalMs: 10 })).rejects.toThrow(
        /did not answer 200 within 100 ms/,
      );
    } finally {
      await readyz.close();
    }
  });

  it('stops when aborted', async () => {
    const readyz = await startReadyz(Number.MAX_SAFE_INTEGER);
    try {
      const abort = new AbortController();
      const waiting = waitUntilReady(readyz.url, { timeoutMs: 60_000, intervalMs: 10, signal: abort.signal });
      abort.abort(new Error('Ctrl-C'));
      await expect(waiting).rejects.toThrow('Ctrl-C');
    } finally {
      await readyz.close();
    }
  });
});
