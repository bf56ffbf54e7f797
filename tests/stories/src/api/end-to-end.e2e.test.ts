import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ApiHarness } from '@status-communities/api/testing';
import { REDIS_URL, startApiHarness } from '@status-communities/api/testing';
import { ServiceProcesses } from '@status-communities/testing';

let api: ApiHarness;
let publisher: ChildProcess;
let indexer: ChildProcess;
let key: string;
const services = new ServiceProcesses(() => ({
  DATABASE_URL: api.db.url,
  REDIS_URL,
  REDIS_KEY_PREFIX: api.prefix,
}));
const waitFor = services.waitFor.bind(services);
const stop = services.stop.bind(services);
const output = () => services.output;

beforeAll(async () => {
  api = await startApiHarness();
  key = await api.createKey(await api.createTenant('story'), ['OWNER_CONTROL', 'COMMUNITY_READ']);
  publisher = services.start('publisher', {
    KEYRING_MASTER_KEY: randomBytes(32).toString('hex'),
    KEYRING_MASTER_KEY_ID: 'e2e',
    PUBLISH_DEBOUNCE_MS: '0',
  });
  indexer = services.start('indexer', { INDEXER_DECODE_THREAD: 'false' });
});
afterAll(async () => {
  await services.kill();
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

    const community = await waitFor('the new community', async () => (await hosted())[0]);
    expect(community.identity.name).toBe('Story');

    const channel = await api.gql<{ createChannel: { channelId: string; userErrors: unknown[] } }>(
      'mutation ($id: String!) { createChannel(input: { communityId: $id, name: "general", color: "#4360df" }) { channelId userErrors { code } } }',
      { id: community.communityId },
      key,
    );
    expect(channel.body.data?.createChannel.userErrors).toEqual([]);
    const channels = await waitFor('the new channel', async () => {
      const [current] = await hosted();
      return current && current.channels.length > 0 ? current.channels : null;
    });
    expect(channels).toEqual([{ name: 'general', uuid: channel.body.data?.createChannel.channelId }]);

    const code = await stop(publisher);
    expect({ code, output: code === 0 ? '' : output() }).toEqual({ code: 0, output: '' });
  });
});

describe('a community watched through GraphQL, by the indexer process', () => {
  it('is on the watch list, and off it after unwatching', async () => {
    const admin = await api.createKey(await api.createTenant('watcher'), ['ADMIN']);
    const communityId = `0x02${randomBytes(32).toString('hex')}`;
    const watch = async (field: 'watchCommunity' | 'unwatchCommunity') =>
      (
        await api.gql<Record<string, { userErrors: unknown[] }>>(
          `mutation ($id: String!) { ${field}(input: { community: { id: $id } }) { userErrors { code } } }`,
          { id: communityId },
          admin,
        )
      ).body.data?.[field]?.userErrors;

    expect(await watch('watchCommunity')).toEqual([]);
    const row = await waitFor('the watch list row', () =>
      api.prisma.watchedCommunity.findUnique({ where: { communityId } }),
    );
    expect(row.addedBy).toMatch(/^api-key:/);
    expect(await watch('unwatchCommunity')).toEqual([]);
    await waitFor('the row gone', async () =>
      (await api.prisma.watchedCommunity.count({ where: { communityId } })) === 0 ? true : null,
    );
    const code = await stop(indexer);
    expect({ code, output: code === 0 ? '' : output() }).toEqual({ code: 0, output: '' });
  });
});
