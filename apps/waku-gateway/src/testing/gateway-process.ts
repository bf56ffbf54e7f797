import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { reapOnExit } from '@status-communities/testing';

const main = fileURLToPath(new URL('../main.ts', import.meta.url));

export interface GatewayProcess {
  readonly child: ChildProcess;
  /** Its JSON log lines so far. */
  readonly lines: Record<string, unknown>[];
  stderr(): string;
  readonly exited: Promise<[number | null, NodeJS.Signals | null]>;
}

/** The real gateway process, from TypeScript sources, with only `env` (and PATH) as its environment. */
export const runGateway = (env: Record<string, string>): GatewayProcess => {
  const child = reapOnExit(
    spawn(process.execPath, ['--conditions=@status-communities/source', '--import', 'tsx', main], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  let partial = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const text = partial + chunk;
    const complete = text.split('\n');
    partial = complete.pop() ?? '';
    for (const line of complete)
      if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, lines, stderr: () => stderr, exited };
};
