import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ApiHarness } from '@status-communities/api/testing';
import { REDIS_URL, startApiHarness } from '@status-communities/api/testing';

// The publisher as a process of its own, from its build (apps never import each other; Nx builds it first
// through the api's implicit dependencies).
const PUBLISHER_MAIN = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  '..',
  'apps',
  'publisher',
  'dist',
  'main.js',
);

let api: ApiHarness;
let publisher: ChildProcess;
let key: string;
let output = '';

interface Identity {
  displayName: string;
  publicKey: string;
  walletAddress: string | null;
}

const identities = async (): Promise<Identity[]> =>
  (
    await api.gql<{ botIdentities: Identity[] }>(
      '{ botIdentities { displayName publicKey walletAddress } }',
      {},
      key,
    )
  ).body.data?.botIdentities ?? [];

beforeAll(async () => {
  api = await startApiHarness();
  key = await api.createKey(await api.createTenant('bot-story'), ['OWNER_CONTROL', 'COMMUNITY_READ']);
  publisher = spawn(process.execPath, [PUBLISHER_MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: api.db.url,
      REDIS_URL,
      REDIS_KEY_PREFIX: api.prefix,
      HEALTH_PORT: '0',
      LOG_LEVEL: 'warn',
      KEYRING_MASTER_KEY: randomBytes(32).toString('hex'),
      KEYRING_MASTER_KEY_ID: 'e2e',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  publisher.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  publisher.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
});
afterAll(async () => {
  if (publisher.exitCode === null) {
    publisher.kill('SIGKILL');
    await once(publisher, 'exit');
  }
  await api.close();
});

describe('a bot identity created through GraphQL, made by the publisher process', () => {
  it('appears in botIdentities with its wallet', async () => {
    const created = await api.gql<{ createBotIdentity: { command: { id: string }; userErrors: unknown[] } }>(
      'mutation { createBotIdentity(input: { displayName: "Story Bot", idempotencyKey: "story-bot" }) { command { id } userErrors { code message } } }',
      {},
      key,
    );
    expect(created.body.data?.createBotIdentity.userErrors).toEqual([]);

    const deadline = Date.now() + 30_000;
    let found: Identity[] = [];
    while (found.length === 0) {
      if (publisher.exitCode !== null)
        throw new Error(`the publisher exited (${publisher.exitCode}):\n${output}`);
      if (Date.now() > deadline) throw new Error(`no identity after 30 s; publisher output:\n${output}`);
      await sleep(100);
      found = await identities();
    }
    expect(found).toEqual([
      {
        displayName: 'Story Bot',
        publicKey: expect.stringMatching(/^0x04[0-9a-f]{128}$/),
        walletAddress: expect.stringMatching(/^0x[0-9a-f]{40}$/),
      },
    ]);
  });
});
