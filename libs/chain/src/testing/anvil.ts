import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort, reapOnExit } from '@status-communities/testing';

/** An anvil node of a test's own: a real EVM chain on 127.0.0.1, offline, mining each transaction at once. */
export interface Anvil {
  readonly chainId: string;
  readonly port: number;
  readonly url: string;
  /** Stops the node (an RPC outage); its state is kept and `start` brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good. */
  close(): Promise<void>;
}

export interface AnvilOptions {
  readonly chainId: string;
}

const PLATFORM_PACKAGES: Readonly<Record<string, string>> = {
  'linux-x64': '@foundry-rs/anvil-linux-amd64',
  'linux-arm64': '@foundry-rs/anvil-linux-arm64',
  'darwin-x64': '@foundry-rs/anvil-darwin-amd64',
  'darwin-arm64': '@foundry-rs/anvil-darwin-arm64',
};

/**
 * The anvil binary of the npm package @foundry-rs/anvil: its platform package (an optional dependency npm
 * installs for this machine) holds it in bin/. Run directly, not through the package's node wrapper, so a
 * signal reaches anvil itself.
 */
export const anvilBinary = (): string => {
  const name = PLATFORM_PACKAGES[`${process.platform}-${process.arch}`];
  if (!name) throw new Error(`no anvil package for ${process.platform}-${process.arch}`);
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve(`${name}/package.json`)), 'bin', 'anvil');
};

const untilListening = (child: ChildProcess): Promise<void> =>
  new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('Listening on')) return;
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      // Keep draining stdout so a chatty node never blocks on a full pipe.
      child.stdout?.resume();
      resolve();
    };
    const onExit = (code: number | null) => reject(new Error(`anvil exited (${code}): ${output}`));
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', onExit);
  });

export const startAnvil = async ({ chainId }: AnvilOptions): Promise<Anvil> => {
  const port = await freePort();
  // Anvil keeps its state in memory; dumping it on stop and loading it on start survives an outage.
  const stateFile = join(tmpdir(), `anvil-${process.pid}-${port}-${Date.now()}.json`);
  let child: ChildProcess | undefined;
  const start = async () => {
    const args = [
      ...['--port', String(port), '--host', '127.0.0.1', '--chain-id', chainId],
      ...['--state', stateFile, '--no-request-size-limit'],
    ];
    // Piped, never inherited: an anvil still running must not hold the test runner's stderr.
    const running = reapOnExit(spawn(anvilBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] }));
    child = running;
    await untilListening(running);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    chainId,
    port,
    url: `http://127.0.0.1:${port}`,
    start: async () => {
      if (!child) await start();
    },
    stop,
    close: async () => {
      await stop();
      await rm(stateFile, { force: true });
    },
  };
};
