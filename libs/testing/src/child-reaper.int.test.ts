import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';

const reaper = new URL('./child-reaper.ts', import.meta.url).href;

/** A process's state letter from /proc ('S' sleeping, 'Z' zombie), or 'gone'. */
const stateOf = (pid: number) =>
  readFile(`/proc/${pid}/stat`, 'utf8').then(
    (stat) => stat.split(' ')[2],
    () => 'gone',
  );

describe('reapOnExit', () => {
  it('kills a server still running when the process that started it exits', async () => {
    // A parent that starts a long sleep as a reaped child, prints its pid and exits without stopping it (once the
    // pid is written: a write to a pipe is asynchronous, and exit() would drop it).
    const script = `
      import { spawn } from 'node:child_process';
      const { reapOnExit } = await import(${JSON.stringify(reaper)});
      const child = reapOnExit(spawn('sleep', ['600'], { stdio: 'ignore' }));
      child.once('spawn', () => process.stdout.write(child.pid + '\\n', () => process.exit(0)));
    `;
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    parent.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = await once(parent, 'exit');
    expect(code).toBe(0);
    const pid = Number(output.trim());
    expect(pid).toBeGreaterThan(0);
    // SIGKILL is sent before the parent is gone; the killed child may linger as a zombie until init reaps it.
    expect(['gone', 'Z']).toContain(await stateOf(pid));
  });
});
