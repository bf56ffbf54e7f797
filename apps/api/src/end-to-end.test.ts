import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiHarness } from './testing/api-harness.js';
import { REDIS_URL, startApiHarness } from './testing/api-harness.js';

// The publisher as its own process, from its build (apps never import each other; Nx builds it first through
// the implicit dependency in package.json).
const PUBLISHER_MAIN = join(import.meta.dirname, '..', '..', 'publisher', 'dist', 'main.js');

const eventually = async <T>(
  what: string,
  probe: () => Promise<T | null | undefined>,
  timeoutMs = 30_000,
) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value != null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
};

let api: ApiHarness;
let publisher: ChildProcess;
let key: string;
let output = '';

beforeAll(async () => {
  api = await startApiHarness();
  key = await api.createKey(await api.createTenant('story'), ['OWNER_CONTROL', 'COMMUNITY_READ']);
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
      PUBLISH_DEBOUNCE_MS: '0',
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

interface Hosted {
  communities: {
    edges: {
      node: { communityId: string; identity: { name: string }; channels: { name: string; uuid: string }[] };
    }[];
  };
}
const hosted = async () =>
  (
    await api.gql<Hosted>(
      '{ communities(filter: { kind: HOSTED }) { edges { node { communityId identity { name } channels { name uuid } } } } }',
      {},
      key,
    )
  ).body.data?.communities.edges.map((edge) => edge.node) ?? [];

describe('a community created through GraphQL, run by the publisher process', () => {
  it('appears, takes a channel, and the publisher drains on SIGTERM', async () => {
    const created = await api.gql<{ createCommunity: { command: { id: string }; userErrors: unknown[] } }>(
      `mutation { createCommunity(input: { identity: { name: "Story", description: "Told end to end", color: "#4360df", tags: ["Ethereum"] }, access: AUTO_ACCEPT }) {
        command { id } userErrors { code message } } }`,
      {},
      key,
    );
    expect(created.body.data?.createCommunity.userErrors).toEqual([]);

    const community = await eventually('the new community', async () => (await hosted())[0]);
    expect(community.identity.name).toBe('Story');

    const channel = await api.gql<{ createChannel: { channelId: string; userErrors: unknown[] } }>(
      'mutation ($id: String!) { createChannel(input: { communityId: $id, name: "general", color: "#4360df" }) { channelId userErrors { code } } }',
      { id: community.communityId },
      key,
    );
    expect(channel.body.data?.createChannel.userErrors).toEqual([]);
    const channels = await eventually('the new channel', async () => {
      const [current] = await hosted();
      return current && current.channels.length > 0 ? current.channels : null;
    });
    expect(channels).toEqual([{ name: 'general', uuid: channel.body.data?.createChannel.channelId }]);

    publisher.kill('SIGTERM');
    const [code] = (await once(publisher, 'exit')) as [number];
    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
  });
});
