import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL } from '@status-communities/config';
import { ErrorCode } from '@status-communities/errors';
import { DependencyUnavailableError, checkDependencies, checkRedis } from './preflight.js';

/** A port where nothing listens: taken, then given back. */
const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

describe('Redis and PostgreSQL before anything starts', () => {
  it('passes when both answer, even before the database exists', async () => {
    const redisUrl = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;
    const databaseUrl = new URL(process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL);
    databaseUrl.pathname = '/platform_preflight_never_created';
    await expect(
      checkDependencies({ redisUrl, databaseUrl: databaseUrl.toString() }),
    ).resolves.toBeUndefined();
  });

  it('names each one that does not answer and how to start them', async () => {
    const port = await closedPort();
    const error = await checkDependencies({
      redisUrl: `redis://127.0.0.1:${port}`,
      databaseUrl: `postgresql://app:s3cret@127.0.0.1:${port}/sc`,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    const unavailable = error as DependencyUnavailableError;
    expect(unavailable.code).toBe(ErrorCode.INVALID_CONFIG);
    expect(unavailable.unreachable.map((item) => item.variable)).toEqual(['REDIS_URL', 'DATABASE_URL']);
    expect(unavailable.message).toContain(`Redis does not answer (REDIS_URL): redis://127.0.0.1:${port}`);
    expect(unavailable.message).toContain('PostgreSQL does not answer (DATABASE_URL)');
    expect(unavailable.message).toContain('ECONNREFUSED');
    expect(unavailable.message).toContain('docker compose up -d redis postgres');
    expect(unavailable.message).not.toContain('s3cret');
  });

  it('does not take another server on the port for Redis', async () => {
    const server = createServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    const sockets = new Set<Socket>();
    server.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      expect(await checkRedis(`redis://127.0.0.1:${port}`, 3_000)).toBe(
        `redis://127.0.0.1:${port}: answered "HTTP/1.1 400 Bad Request", not as Redis`,
      );
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
