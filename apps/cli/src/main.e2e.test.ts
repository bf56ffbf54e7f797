import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

// The real process, from TypeScript sources: proves the exit codes and that no stack trace reaches a user.
const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const statusCommunities = (...args: string[]) =>
  spawnSync(process.execPath, ['--conditions=@status-communities/source', '--import', 'tsx', main, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('status-communities process', () => {
  it('exits 0 and prints JSON on success', () => {
    const result = statusCommunities(
      'topics',
      '0x03ab5d2e79cfd621b1b027ffb24e2453ed7fb571ba9a841ff0e2473466cabd168d',
      '--json',
    );
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ contentTopic: '/waku/1/0x3d9da68f/rfc26' });
  }, 60_000);

  it('exits 1 with exactly one error line on bad input', () => {
    const result = statusCommunities('decode', 'not-hex');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: INVALID_HEX: /)]);
  }, 60_000);
});
