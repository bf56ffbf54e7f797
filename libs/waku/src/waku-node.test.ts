import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { WakuNode } from './index.js';
import { bigIntToUint64 } from '@status-communities/proto';
import { DropReason, createWakuNode, pubsubTopicForShard } from './index.js';

jest.setTimeout(20_000);

const nowNs = (): bigint => BigInt(Date.now()) * 1_000_000n;

const statusMessage = (text: string) => ({
  payload: new TextEncoder().encode(text),
  contentTopic: '/waku/1/0x12345678/rfc26',
  version: 1,
  timestamp: bigIntToUint64(nowNs()),
});

describe('WakuNode', () => {
  const nodes: WakuNode[] = [];
  afterEach(async () => {
    await Promise.all(nodes.splice(0).map((node) => node.stop()));
  });

  it('starts on 127.0.0.1 with its peer id in every multiaddr and stops cleanly', async () => {
    const node = await createWakuNode({ shards: [32] });
    nodes.push(node);
    await node.start();
    expect(node.multiaddrs.length).toBeGreaterThan(0);
    for (const address of node.multiaddrs) {
      expect(address).toMatch(/^\/ip4\/127\.0\.0\.1\/tcp\/\d+\/p2p\//);
      expect(address.endsWith(node.peerId)).toBe(true);
    }
    expect(node.light.libp2p.getProtocols()).toContain('/vac/waku/relay/2.0.0');
    expect(node.light.libp2p.getProtocols().filter((p) => p.startsWith('/meshsub'))).toEqual([]);
  });

  it('reports no-peers when nobody else is on the shard', async () => {
    const node = await createWakuNode({ shards: [32] });
    nodes.push(node);
    await node.start();
    const outcome = await node.publish(pubsubTopicForShard(32), statusMessage('alone'));
    expect(outcome).toEqual({ status: 'no-peers', hash: expect.any(String) });
  });

  it('refuses to publish what the fleet would drop, without throwing', async () => {
    const node = await createWakuNode({ shards: [32] });
    nodes.push(node);
    await node.start();
    const topic = pubsubTopicForShard(32);
    const empty = await node.publish(topic, { ...statusMessage(''), payload: new Uint8Array() });
    expect(empty).toMatchObject({ status: 'invalid', reason: DropReason.EMPTY_PAYLOAD });
    const stale = await node.publish(topic, {
      ...statusMessage('old'),
      timestamp: bigIntToUint64(nowNs() - 60_000_000_000n),
    });
    expect(stale).toMatchObject({ status: 'invalid', reason: DropReason.STALE_TIMESTAMP });
    const v0 = await node.publish(topic, { ...statusMessage('plain'), version: 0 });
    expect(v0).toMatchObject({ status: 'invalid', reason: DropReason.UNSUPPORTED_VERSION });
  });
});
