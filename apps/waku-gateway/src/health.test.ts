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
  it('is ready when every configured shard has a mesh peer, and reports the peer id and peers per shard', () => {
    expect(peersOutcome([peers(32, 2, 3), peers(64, 1, 1), peers(900, 0, 0)], [32, 64], '16Uiu2A')).toEqual({
      ok: true,
      details: {
        peerId: '16Uiu2A',
        shards: {
          '32': { meshPeers: 2, topicPeers: 3 },
          '64': { meshPeers: 1, topicPeers: 1 },
          '900': { meshPeers: 0, topicPeers: 0 },
        },
      },
    });
  });

  it('is not ready while a configured shard has topic peers but no mesh peer, and names those shards', () => {
    expect(peersOutcome([peers(32, 0, 0), peers(64, 0, 2), peers(128, 1, 2)], [32, 64, 128, 256])).toEqual({
      ok: false,
      details: {
        shards: {
          '32': { meshPeers: 0, topicPeers: 0 },
          '64': { meshPeers: 0, topicPeers: 2 },
          '128': { meshPeers: 1, topicPeers: 2 },
        },
        shardsWithoutMeshPeers: [32, 64, 256],
      },
    });
  });
});
