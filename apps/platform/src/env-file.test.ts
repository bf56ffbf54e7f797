import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { readEnvFile, withEnvFile } from './env-file.js';

describe('the .env file', () => {
  it('reads KEY=value lines, quotes and comments as docker compose does', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'platform-env-'));
    try {
      const path = join(dir, '.env');
      await writeFile(path, '# a comment\nREDIS_URL=redis://cache:6379\nLOG_LEVEL="debug"\n\nEMPTY=\n');
      expect(await readEnvFile(path)).toEqual({
        REDIS_URL: 'redis://cache:6379',
        LOG_LEVEL: 'debug',
        EMPTY: '',
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is optional', async () => {
    expect(await readEnvFile(join(tmpdir(), 'no-such-dir-platform', '.env'))).toEqual({});
  });

  it('gives way to what the shell sets', () => {
    expect(withEnvFile({ A: 'file', B: 'file' }, { B: 'shell', C: 'shell' })).toEqual({
      A: 'file',
      B: 'shell',
      C: 'shell',
    });
  });
});
