import type { ChildProcess, ChildProcessByStdio } from 'node:child_process';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { waitFor } from '@status-communities/devnet';
import { reapOnExit } from './child-reaper.js';

// Services as processes of their own, from their builds (apps never import each other; Nx builds them first
// through the implicit dependencies in the tests' package.json). libs/testing/src and /dist are both three
// levels under the repository root.
const mainOf = (app: string) => join(import.meta.dirname, '..', '..', '..', 'apps', app, 'dist', 'main.js');

/**
 * A service run from its TypeScript source (`main`, e.g. `new URL('./main.ts', import.meta.url)`) as a process
 * of the test's own, which it may kill; `env` is added to this process's environment.
 */
export const spawnSourceMain = (
  main: URL,
  env: Record<string, string>,
): ChildProcessByStdio<null, Readable, Readable> =>
  reapOnExit(
    spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=@status-communities/source', fileURLToPath(main)],
      {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    ),
  );

/** Child processes of built services sharing an environment, their output kept for failure messages. */
export class ServiceProcesses {
  output = '';
  private readonly children: ChildProcess[] = [];
  private readonly stopped = new Set<ChildProcess>();

  constructor(private readonly sharedEnv: () => Record<string, string>) {}

  start(app: string, env: Record<string, string>): ChildProcess {
    const child = reapOnExit(
      spawn(process.execPath, [mainOf(app)], {
        env: { ...process.env, HEALTH_PORT: '0', LOG_LEVEL: 'warn', ...this.sharedEnv(), ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.children.push(child);
    return child;
  }

  /** waitFor, failing at once, with the services' output, if one of them has exited. */
  async waitFor<T>(what: string, probe: () => Promise<T | null | undefined>, { timeoutMs = 30_000 } = {}) {
    try {
      return await waitFor(
        what,
        () => {
          const exited = this.children.find((child) => child.exitCode !== null && !this.stopped.has(child));
          if (exited) throw new Error(`a service exited (${exited.exitCode}) while waiting for ${what}`);
          return probe();
        },
        { timeoutMs, intervalMs: 100 },
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}:\n${this.output}`, { cause: error });
    }
  }

  /** Waits for the service's /readyz on `healthPort` to answer 200. */
  ready(what: string, healthPort: number, timeoutMs = 60_000): Promise<true> {
    return this.waitFor(
      `${what} ready`,
      () =>
        fetch(`http://127.0.0.1:${healthPort}/readyz`).then(
          (response) => response.ok || null,
          () => null,
        ),
      { timeoutMs },
    );
  }

  /** SIGTERM and the exit code. */
  async stop(child: ChildProcess): Promise<number | null> {
    this.stopped.add(child);
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    return code;
  }

  /** SIGKILL, as a crash or an OOM kill ends a process; waits for its exit, not counted as a failure. */
  async crash(child: ChildProcess): Promise<void> {
    this.stopped.add(child);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await once(child, 'exit');
  }

  /** Kills whatever a failed test left running. */
  async kill(): Promise<void> {
    for (const child of this.children)
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
  }
}
