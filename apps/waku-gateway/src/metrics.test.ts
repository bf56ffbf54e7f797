import { describe, expect, it } from '@jest/globals';
import { createMetrics } from '@status-communities/observability';
import { createGatewayMetrics, shardLabel } from './metrics.js';

describe('shardLabel', () => {
  it('is the shard index of a static-sharding pubsub topic, `other` for anything else', () => {
    expect(shardLabel('/waku/2/rs/16/128')).toBe('128');
    expect(shardLabel('/waku/2/default-waku/proto')).toBe('other');
  });
});

describe('the peers gauge', () => {
  it('reads the node on every scrape', async () => {
    const metrics = createMetrics({ serviceName: 'waku-gateway', defaultMetrics: false });
    let topicPeers = 1;
    createGatewayMetrics(metrics, () => [
      { shard: 32, pubsubTopic: '/waku/2/rs/16/32', meshPeers: 1, topicPeers },
    ]);
    expect(await metrics.render()).toContain(
      'waku_gateway_peers{shard="32",kind="topic",service="waku-gateway"} 1',
    );
    topicPeers = 4;
    expect(await metrics.render()).toContain(
      'waku_gateway_peers{shard="32",kind="topic",service="waku-gateway"} 4',
    );
  });
});
