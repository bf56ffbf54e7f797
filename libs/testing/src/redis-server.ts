import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reapOnExit } from './child-reaper.js';
import { freePort } from './free-ports.js';

/** A redis-server of a test's own, so the test may stop and restart it without touching the shared one. */
export interface OwnRedisServer {
  readonly port: number;
  readonly url: string;
  /** Ends the server with SIGKILL, as a crash does; resolves once the process is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port and directory (with AOF on, the data written before comes back). */
  restart(): Promise<void>;
  /** Stops it and removes its directory. */
  close(): Promise<void>;
}

export interface OwnRedisServerOptions {
  /** Append-only file on (every write fsynced once a second), as production runs Redis. Default false. */
  readonly appendOnly?: boolean;
  /** Default `redis-server` on PATH. */
  readonly binary?: string;
  /** Default a free port. */
  readonly port?: number;
  /** More `redis-server` arguments (cluster mode). */
  readonly args?: readonly string[];
}

/** Resolves when the server says it accepts connections, rejects when it exits first. */
const untilReady = (child: ChildProcess): Promise<void> =>
  new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('Ready to accept connections')) return;
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      resolve();
    };
    const onExit = (code: number | null) => reject(new Error(`redis-server exited (${code}): ${output}`));
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', onExit);
  });

export const startOwnRedisServer = async (options: OwnRedisServerOptions = {}): Promise<OwnRedisServer> => {
  const port = options.port ?? (await freePort());
  const dir = await mkdtemp(join(tmpdir(), 'redis-test-'));
  const args = [
    ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''],
    ...['--appendonly', options.appendOnly === true ? 'yes' : 'no'],
    ...(options.args ?? []),
  ];
  let child: ChildProcess | undefined;
  const start = async () => {
    // Its output is piped, never inherited: a server still running must not hold the test runner's stderr.
    const started = reapOnExit(
      spawn(options.binary ?? 'redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] }),
    );
    child = started;
    await untilReady(started);
  };
  const kill = async () => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill,
    restart: async () => {
      await kill();
      await start();
    },
    close: async () => {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
};
