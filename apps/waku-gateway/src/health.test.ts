import { describe, expect, it } from '@jest/globals';
import type { ShardPeers } from '@status-communities/waku';
import { peersOutcome } from './health.js';

const peers = (shard: number, meshPeers: number, topicPeers: number): ShardPeers => ({
  shard,
  pubsubTopic: `/waku/2/rs/16/${shard}`,
  meshPeers,
  topicPeers,
});

describe('peersOutcome', () => {
  it('is ready when every configured shard has a peer, and reports peers per shard', () => {
    expect(peersOutcome([peers(32, 2, 3), peers(64, 1, 1), peers(900, 0, 0)], [32, 64])).toEqual({
      ok: true,
      details: {
        shards: {
          '32': { meshPeers: 2, topicPeers: 3 },
          '64': { meshPeers: 1, topicPeers: 1 },
          '900': { meshPeers: 0, topicPeers: 0 },
        },
      },
    });
  });

  it('names the configured shards without peers', () => {
    expect(peersOutcome([peers(32, 0, 0), peers(64, 0, 1)], [32, 64, 128])).toMatchObject({
      ok: false,
      details: { shardsWithoutPeers: [32, 128] },
    });
  });
});
