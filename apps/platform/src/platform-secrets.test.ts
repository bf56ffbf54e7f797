import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { launcherConfig } from './launcher-config.js';
import { resolveSecrets } from './platform-secrets.js';

describe("the gateways' node keys under npm start", () => {
  it('are one per gateway, the same at the next start; the operator’s key serves the first gateway', async () => {
    const root = await mkdtemp(join(tmpdir(), 'platform-node-keys-'));
    try {
      const said: string[] = [];
      const resolve = (env: Record<string, string>) =>
        resolveSecrets(
          launcherConfig.load({ PLATFORM_GATEWAYS: '2', PLATFORM_DEV_SECRETS_FILE: 'dev.env', ...env }),
          root,
          (line) => said.push(line),
        );
      const first = await resolve({});
      expect(first.gatewayNodeKeys).toEqual([
        { WAKU_NODE_KEY: expect.stringMatching(/^[0-9a-f]{64}$/) },
        { WAKU_NODE_KEY: expect.stringMatching(/^[0-9a-f]{64}$/) },
      ]);
      expect(first.gatewayNodeKeys[0]).not.toEqual(first.gatewayNodeKeys[1]);
      expect(said).toEqual([expect.stringContaining('WAKU_NODE_KEY_1, WAKU_NODE_KEY_2 into')]);
      expect((await resolve({})).gatewayNodeKeys).toEqual(first.gatewayNodeKeys);

      const own = 'ab'.repeat(32);
      expect((await resolve({ WAKU_NODE_KEY: own })).gatewayNodeKeys).toEqual([
        { WAKU_NODE_KEY: own },
        first.gatewayNodeKeys[1],
      ]);
      // Both set reach the gateway, which refuses them naming WAKU_NODE_KEY_FILE.
      expect(
        (await resolve({ WAKU_NODE_KEY: own, WAKU_NODE_KEY_FILE: '/run/key' })).gatewayNodeKeys[0],
      ).toEqual({ WAKU_NODE_KEY: own, WAKU_NODE_KEY_FILE: '/run/key' });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
