import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { ReceivedMessage, WakuNode } from '@status-communities/waku';
import { RELAY_CODEC, messageHashHex, pubsubTopicForShard } from '@status-communities/waku';
import type { Devnet } from './index.js';
import { startDevnet, testWakuMessage, waitFor, waitForMesh } from './index.js';

jest.setTimeout(30_000);

const SHARD = 32;
const TOPIC = pubsubTopicForShard(SHARD);

describe('a connection whose relay streams failed', () => {
  let devnet: Devnet;
  let a: WakuNode, b: WakuNode;
  const receivedAtA: ReceivedMessage[] = [];

  beforeAll(async () => {
    devnet = await startDevnet({ nodes: 2, shards: [SHARD] });
    [a, b] = devnet.nodes as [WakuNode, WakuNode];
    a.subscribe((message) => receivedAtA.push(message));
  });

  afterAll(async () => {
    await devnet.stop();
  });

  it('relays nothing while it stays up, until the node resets it', async () => {
    // B's relay streams with A fail: both ends drop each other from the relay, the connection stays.
    for (const connection of b.light.libp2p.getConnections(a.light.libp2p.peerId))
      for (const stream of connection.streams)
        if (stream.protocol === RELAY_CODEC) stream.abort(new Error('stream failed'));
    const relayPeers = (node: WakuNode) => node.shardPeers()[0]?.topicPeers;
    await waitFor('A and B no longer relay peers', () => relayPeers(a) === 0 && relayPeers(b) === 0);
    expect(b.light.libp2p.getConnections(a.light.libp2p.peerId).map(({ status }) => status)).toEqual([
      'open',
    ]);
    expect(await b.publish(TOPIC, testWakuMessage())).toMatchObject({ status: 'no-peers' });

    // A connection younger than the grace period may still be opening its streams.
    expect(await a.resetStalledRelayPeers()).toEqual([]);
    expect(await a.resetStalledRelayPeers(0)).toEqual([b.peerId]);
    await waitForMesh([a, b], [SHARD]);
    const message = testWakuMessage();
    expect(await b.publish(TOPIC, message)).toMatchObject({ status: 'published' });
    await waitFor('the message at A', () =>
      receivedAtA.some(({ hash }) => hash === messageHashHex(TOPIC, message)),
    );
    expect(await a.resetStalledRelayPeers(0)).toEqual([]);
    expect(await b.resetStalledRelayPeers(0)).toEqual([]);
  });
});
