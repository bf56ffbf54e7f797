import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode } from '@status-communities/errors';
import { loadOrCreateDevKeyring } from './dev-keyring.js';

const inTempDir = async (run: (dir: string) => Promise<void>): Promise<void> => {
  const dir = await mkdtemp(join(tmpdir(), 'platform-keyring-'));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

describe('the development master key', () => {
  it('is generated once into a file only its owner reads, then reused', () =>
    inTempDir(async (dir) => {
      const path = join(dir, 'nested', 'dev-keyring.env');
      const first = await loadOrCreateDevKeyring(path);
      expect(first.created).toBe(true);
      expect(first.env.KEYRING_MASTER_KEY).toMatch(/^[0-9a-f]{64}$/);
      expect(first.env.KEYRING_MASTER_KEY_ID).toBe('dev-1');
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect(await readFile(path, 'utf8')).toContain(`KEYRING_MASTER_KEY=${first.env.KEYRING_MASTER_KEY}`);

      const second = await loadOrCreateDevKeyring(path);
      expect(second).toEqual({ env: first.env, created: false });
    }));

  it('refuses a file that holds something else, saying how to get a new one', () =>
    inTempDir(async (dir) => {
      const path = join(dir, 'dev-keyring.env');
      await writeFile(path, 'KEYRING_MASTER_KEY=short\n');
      await expect(loadOrCreateDevKeyring(path)).rejects.toMatchObject({
        code: ErrorCode.INVALID_CONFIG,
        message: expect.stringMatching(/KEYRING_MASTER_KEY: must be 64 lowercase hex digits.*delete it/),
      });
    }));
});
