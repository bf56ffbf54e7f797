import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@status-communities/errors';
import { peerIdOfNodeKey } from '@status-communities/waku';
import { loadOrCreateDevSecrets } from './dev-secrets.js';

const inTempDir = async (run: (dir: string) => Promise<void>): Promise<void> => {
  const dir = await mkdtemp(join(tmpdir(), 'platform-secrets-'));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

describe('the development secrets', () => {
  it('are generated once into a file only its owner reads, then reused', () =>
    inTempDir(async (dir) => {
      const path = join(dir, 'nested', 'dev-secrets.env');
      const first = await loadOrCreateDevSecrets(path, 1);
      expect(first.generated).toEqual([
        'KEYRING_MASTER_KEY',
        'KEYRING_MASTER_KEY_ID',
        'WEBHOOK_SECRET_KEY',
        'WEBHOOK_SECRET_KEY_ID',
        'GROUP_KEYS_MASTER_KEY',
        'GROUP_KEYS_MASTER_KEY_ID',
        'ADMIN_BOOTSTRAP_TOKEN',
        'WAKU_NODE_KEY_1',
      ]);
      expect(first.secrets.gatewayNodeKeys).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/)]);
      expect(first.secrets.WEBHOOK_SECRET_KEY).toMatch(/^[0-9a-f]{64}$/);
      expect(first.secrets.WEBHOOK_SECRET_KEY).not.toBe(first.secrets.KEYRING_MASTER_KEY);
      expect(first.secrets.KEYRING_MASTER_KEY).toMatch(/^[0-9a-f]{64}$/);
      expect(first.secrets.KEYRING_MASTER_KEY_ID).toBe('dev-1');
      expect(first.secrets.ADMIN_BOOTSTRAP_TOKEN).toMatch(/^sc_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect(await readFile(path, 'utf8')).toContain(
        `KEYRING_MASTER_KEY=${first.secrets.KEYRING_MASTER_KEY}`,
      );

      expect(await loadOrCreateDevSecrets(path, 1)).toEqual({ secrets: first.secrets, generated: [] });
    }));

  it('keep what the file holds and add what it lacks', () =>
    inTempDir(async (dir) => {
      const path = join(dir, 'dev-secrets.env');
      const key = 'ab'.repeat(32);
      await writeFile(path, `KEYRING_MASTER_KEY=${key}\nKEYRING_MASTER_KEY_ID=mine\n`);
      const loaded = await loadOrCreateDevSecrets(path, 0);
      expect(loaded.generated).toEqual([
        'WEBHOOK_SECRET_KEY',
        'WEBHOOK_SECRET_KEY_ID',
        'GROUP_KEYS_MASTER_KEY',
        'GROUP_KEYS_MASTER_KEY_ID',
        'ADMIN_BOOTSTRAP_TOKEN',
      ]);
      expect(loaded.secrets).toMatchObject({ KEYRING_MASTER_KEY: key, KEYRING_MASTER_KEY_ID: 'mine' });
      expect(await readFile(path, 'utf8')).toContain(
        `ADMIN_BOOTSTRAP_TOKEN=${loaded.secrets.ADMIN_BOOTSTRAP_TOKEN}`,
      );
    }));

  it('hold a node key per gateway, kept when fewer gateways run and added when more do', () =>
    inTempDir(async (dir) => {
      const path = join(dir, 'dev-secrets.env');
      const two = await loadOrCreateDevSecrets(path, 2);
      const [first, second] = two.secrets.gatewayNodeKeys;
      expect(new Set([first, second, two.secrets.KEYRING_MASTER_KEY]).size).toBe(3);
      // The gateway's own check: each is a secp256k1 key, and the two give two peer ids.
      expect(new Set([peerIdOfNodeKey(first ?? ''), peerIdOfNodeKey(second ?? '')]).size).toBe(2);
      expect(peerIdOfNodeKey(first ?? '')).toBeDefined();

      expect(await loadOrCreateDevSecrets(path, 1)).toEqual({
        secrets: { ...two.secrets, gatewayNodeKeys: [first] },
        generated: [],
      });
      const three = await loadOrCreateDevSecrets(path, 3);
      expect(three.generated).toEqual(['WAKU_NODE_KEY_3']);
      expect(three.secrets.gatewayNodeKeys.slice(0, 2)).toEqual([first, second]);
      expect(await readFile(path, 'utf8')).toMatch(
        new RegExp(`WAKU_NODE_KEY_1=${first}\\nWAKU_NODE_KEY_2=${second}\\nWAKU_NODE_KEY_3=[0-9a-f]{64}\\n$`),
      );
    }));

  it('refuse a node key that is not one', () =>
    inTempDir(async (dir) => {
      const path = join(dir, 'dev-secrets.env');
      await writeFile(path, 'WAKU_NODE_KEY_2=CHANGE-ME\n');
      await expect(loadOrCreateDevSecrets(path, 2)).rejects.toMatchObject({
        code: ErrorCode.INVALID_CONFIG,
        message: expect.stringMatching(/WAKU_NODE_KEY_2: must be 64 lowercase hex digits.*delete it/),
      });
    }));

  it('refuse a file that holds something else, saying how to start afresh', () =>
    inTempDir(async (dir) => {
      const path = join(dir, 'dev-secrets.env');
      await writeFile(path, 'KEYRING_MASTER_KEY=short\n');
      await expect(loadOrCreateDevSecrets(path, 1)).rejects.toMatchObject({
        code: ErrorCode.INVALID_CONFIG,
        message: expect.stringMatching(/KEYRING_MASTER_KEY: must be 64 lowercase hex digits.*delete it/),
      });
    }));
});
