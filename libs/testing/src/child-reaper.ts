import type { ChildProcess } from 'node:child_process';

// Servers a test starts (redis-server, anvil, service processes) must not outlive it: an orphan keeps its port and
// CPU, and one that inherited the test runner's stderr keeps the runner's pipe open, so the tool waiting on the
// runner (Nx in CI) waits forever. Whatever is still running when the test process exits is killed then.
const running = new Set<ChildProcess>();
let hooked = false;

const killAll = () => {
  for (const child of running) child.kill('SIGKILL');
};

/** Kills `child` when this process exits, if it is still running then; returns it. */
export const reapOnExit = <T extends ChildProcess>(child: T): T => {
  if (!hooked) {
    process.once('exit', killAll);
    hooked = true;
  }
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
};
