import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export interface ExitStatus {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ServiceProcessOptions {
  readonly name: string;
  /** The built entry point (`apps/<name>/dist/main.js`), run with this Node. */
  readonly entry: string;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Every line the process writes, stdout and stderr alike. */
  readonly onLine: (line: string) => void;
}

export interface ServiceProcess {
  readonly name: string;
  readonly pid: number | undefined;
  /** Resolves when the process has exited and its output is read to the end. */
  readonly exited: Promise<ExitStatus>;
  /** SIGTERM, then SIGKILL if it is still running after `timeoutMs`. */
  stop(timeoutMs: number): Promise<ExitStatus>;
  /** SIGKILL now (a second Ctrl-C, or the launcher exiting). */
  kill(): void;
}

const readLines = (stream: Readable, onLine: (line: string) => void): Promise<void> => {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  lines.on('line', onLine);
  return once(lines, 'close').then(() => undefined);
};

/**
 * Runs a service as a child process. It gets a process group of its own (`detached`) so a Ctrl-C in the
 * terminal reaches only the launcher, which then stops each service once, with SIGTERM: a service's second
 * signal means "exit now" (libs/observability's graceful shutdown).
 */
export const startServiceProcess = (options: ServiceProcessOptions): ServiceProcess => {
  const child = spawn(process.execPath, [options.entry], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output = Promise.all([
    readLines(child.stdout, options.onLine),
    readLines(child.stderr, options.onLine),
  ]);
  const exited = new Promise<ExitStatus>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      void output.then(() => resolve({ code, signal }));
    });
  });
  const running = () => child.exitCode === null && child.signalCode === null;
  const kill = (): void => {
    if (running()) child.kill('SIGKILL');
  };
  // A service never outlives the launcher, whatever ends it (a second Ctrl-C, a crash of the launcher).
  process.once('exit', kill);
  void exited.finally(() => process.off('exit', kill)).catch(() => {});

  return {
    name: options.name,
    pid: child.pid,
    exited,
    kill,
    stop: async (timeoutMs) => {
      if (running()) child.kill('SIGTERM');
      const timer = setTimeout(kill, timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
};

/** A clean stop: the process exited by itself with code 0. */
export const isCleanExit = (status: ExitStatus): boolean => status.code === 0 && status.signal === null;

export const describeExit = (status: ExitStatus): string =>
  status.signal === null ? `exit code ${status.code}` : `signal ${status.signal}`;
