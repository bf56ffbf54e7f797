import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { waitFor } from '@status-communities/testing';
import { describeExit, isCleanExit, startServiceProcess } from './child-service.js';

const FIXTURE = fileURLToPath(new URL('./testing/fixture-service.mjs', import.meta.url));

const startFixture = (env: NodeJS.ProcessEnv = {}) => {
  const lines: string[] = [];
  const service = startServiceProcess({
    name: 'fixture',
    entry: FIXTURE,
    env: { ...process.env, ...env },
    cwd: process.cwd(),
    onLine: (line) => lines.push(line),
  });
  return { service, lines };
};

describe('a service as a child process', () => {
  it('passes on every line of stdout and stderr, and exits with its own code after SIGTERM', async () => {
    const { service, lines } = startFixture({ FIXTURE_EXIT_CODE: '0' });
    await waitFor('the fixture to greet', () => lines.length === 3, { timeoutMs: 20_000 });
    expect(lines).toEqual(
      expect.arrayContaining(['{"level":"info","msg":"hello"}', 'second line', 'on stderr']),
    );
    const status = await service.stop(20_000);
    expect(status).toEqual({ code: 0, signal: null });
    expect(isCleanExit(status)).toBe(true);
    expect(lines.at(-1)).toBe('goodbye');
  });

  it('reports a service that exits with an error after SIGTERM as not clean', async () => {
    const { service, lines } = startFixture({ FIXTURE_EXIT_CODE: '3' });
    await waitFor('the fixture to greet', () => lines.length === 3, { timeoutMs: 20_000 });
    const status = await service.stop(20_000);
    expect(isCleanExit(status)).toBe(false);
    expect(describeExit(status)).toBe('exit code 3');
  });

  it('kills a service that does not stop in time', async () => {
    const { service, lines } = startFixture({ FIXTURE_IGNORE_SIGTERM: '1' });
    await waitFor('the fixture to greet', () => lines.length === 3, { timeoutMs: 20_000 });
    const status = await service.stop(500);
    expect(status).toEqual({ code: null, signal: 'SIGKILL' });
    expect(describeExit(status)).toBe('signal SIGKILL');
  });
});
