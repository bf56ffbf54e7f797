import { afterEach, describe, expect, it } from '@jest/globals';
import { createMetrics, createReadiness, startHealthServer } from './index.js';
import type { HealthServer } from './index.js';

describe('the health server over real HTTP', () => {
  let server: HealthServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const start = async () => {
    const readiness = createReadiness();
    const metrics = createMetrics({ serviceName: 'waku-gateway', defaultMetrics: false });
    server = await startHealthServer({
      serviceName: 'waku-gateway',
      port: 0,
      host: '127.0.0.1',
      readiness,
      metrics,
    });
    return { readiness, metrics, url: server.url };
  };

  it('answers /healthz while the process lives', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toMatchObject({ status: 'ok', service: 'waku-gateway' });
  });

  it('turns /readyz from 503 to 200 as checks pass, naming the failed check with its details', async () => {
    const { readiness, url } = await start();
    let peers: Record<string, number> = { '/waku/2/rs/16/32': 0, '/waku/2/rs/16/64': 2 };
    readiness.add('redis', async () => true);
    readiness.add('waku-peers', async () => ({
      ok: Object.values(peers).every((count) => count > 0),
      details: { peersByShard: peers },
    }));

    const notReady = await fetch(`${url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({
      status: 'not ready',
      ready: false,
      failed: ['waku-peers'],
      checks: {
        redis: { ok: true },
        'waku-peers': {
          ok: false,
          details: { peersByShard: { '/waku/2/rs/16/32': 0, '/waku/2/rs/16/64': 2 } },
        },
      },
    });

    peers = { '/waku/2/rs/16/32': 3, '/waku/2/rs/16/64': 2 };
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      failed: [],
      checks: { 'waku-peers': { ok: true } },
    });

    readiness.drain();
    const draining = await fetch(`${url}/readyz`);
    expect(draining.status).toBe(503);
    expect(await draining.json()).toMatchObject({ status: 'not ready', draining: true, failed: [] });
  });

  it('reports a check that throws or hangs as failed, with the reason', async () => {
    const { readiness, url } = await start();
    readiness.add('postgres', async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    });
    readiness.add('slow', () => new Promise(() => {}), { timeoutMs: 20 });
    const response = await fetch(`${url}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      failed: ['postgres', 'slow'],
      checks: {
        postgres: { ok: false, error: 'connect ECONNREFUSED 127.0.0.1:5432' },
        slow: { ok: false, error: 'timed out after 20 ms' },
      },
    });
    expect(() => readiness.add('slow', async () => true)).toThrow('already registered');
  });

  it('serves the registered metrics as Prometheus text', async () => {
    const { metrics, url } = await start();
    metrics.counter({ name: 'waku_dedup_hits_total', help: 'Messages already seen' }).inc(4);
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(await response.text()).toContain('waku_dedup_hits_total{service="waku-gateway"} 4');
  });

  it('answers unknown paths with 404 and other methods with 405', async () => {
    const { url } = await start();
    expect((await fetch(`${url}/nope`)).status).toBe(404);
    const post = await fetch(`${url}/healthz`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('closes promptly even with a kept-alive connection open', async () => {
    const { url } = await start();
    await fetch(`${url}/healthz`, { headers: { connection: 'keep-alive' } });
    const started = Date.now();
    await server?.close();
    server = undefined;
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
