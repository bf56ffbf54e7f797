import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { WakuNode } from '@status-communities/waku';
import { pubsubTopicForShard, queryStore } from '@status-communities/waku';
import type { DevnetStore } from './devnet-store.js';
import { serveDevnetStore } from './devnet-store.js';
import type { Devnet } from './devnet.js';
import { startDevnet } from './devnet.js';
import { testWakuMessage } from './messages.js';
import { waitFor } from './wait-for.js';

jest.setTimeout(30_000);

describe('serveDevnetStore', () => {
  let devnet: Devnet;
  let store: DevnetStore;

  beforeAll(async () => {
    devnet = await startDevnet({ nodes: 2, shards: [128] });
    store = await serveDevnetStore(devnet.nodes[0] as WakuNode);
  });

  afterAll(async () => {
    await store.close();
    await devnet.stop();
  });

  it('keeps what the network relays and answers Store queries with it', async () => {
    const contentTopic = '/waku/1/0x0a0b0c0d/rfc26';
    const message = testWakuMessage({ contentTopic });
    const publisher = devnet.nodes[1] as WakuNode;
    expect((await publisher.publish(pubsubTopicForShard(128), message)).status).toBe('published');
    await waitFor('the message kept', () => store.archive.size === 1);

    const pages = [];
    for await (const page of queryStore(publisher, store.multiaddr, {
      pubsubTopic: pubsubTopicForShard(128),
      contentTopics: [contentTopic],
      includeData: true,
    }))
      pages.push(page);
    expect(pages.flatMap((page) => page.entries.map((entry) => entry.message?.contentTopic))).toEqual([
      contentTopic,
    ]);
    expect(store.multiaddr).toBe(devnet.multiaddrs[0]);
  });
});
