import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { decodeRelayShard } from '@waku/utils';
import { bigIntToUint64 } from '@status-communities/proto';
import type { WakuNode } from './index.js';
import {
  DropReason,
  createWakuNode,
  generateNodeKey,
  peerIdOfNodeKey,
  pubsubTopicForShard,
} from './index.js';

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

  it('starts on 127.0.0.1 speaking only the relay protocol id, its peer id in every multiaddr', async () => {
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

  it('keeps its peer id across restarts when given a node key, and takes a new one otherwise', async () => {
    const privateKey = await generateNodeKey();
    const [first, second, keyless] = await Promise.all([
      createWakuNode({ shards: [32], privateKey }),
      createWakuNode({ shards: [32], privateKey: privateKey.toUpperCase() }),
      createWakuNode({ shards: [32] }),
    ]);
    expect(second.peerId).toBe(first.peerId);
    expect(peerIdOfNodeKey(privateKey)).toBe(first.peerId);
    expect(peerIdOfNodeKey('CHANGE-ME')).toBeUndefined();
    expect(keyless.peerId).not.toBe(first.peerId);
    // secp256k1, as nwaku's: the peer id's multihash holds the compressed public key.
    expect(first.peerId).toMatch(/^16Uiu2/);
    await expect(createWakuNode({ privateKey: 'f'.repeat(64) })).rejects.toThrow(/secp256k1/);
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

  it('keeps shards changed before start and starts relaying them', async () => {
    const node = await createWakuNode({ shards: [32, 64] });
    nodes.push(node);
    node.addShard(256);
    node.removeShard(64);
    await node.start();
    expect(node.shardPeers()).toEqual([
      { shard: 32, pubsubTopic: '/waku/2/rs/16/32', meshPeers: 0, topicPeers: 0 },
      { shard: 256, pubsubTopic: '/waku/2/rs/16/256', meshPeers: 0, topicPeers: 0 },
    ]);
    expect(() => node.addShard(1024)).toThrow(RangeError);
    expect(node.shards).toEqual([32, 256]);
    await expect(createWakuNode({ shards: [32, -1] })).rejects.toThrow('invalid shard indices: -1');
  });

  it('redials a bootstrap peer that was down when it started', async () => {
    const port = 41_000 + Math.floor(Math.random() * 10_000);
    const late = await createWakuNode({ shards: [32], listen: [`/ip4/127.0.0.1/tcp/${port}`] });
    const address = `/ip4/127.0.0.1/tcp/${port}/p2p/${late.peerId}`;
    const node = await createWakuNode({ shards: [32], bootstrapPeers: [address], redialDelayMs: 500 });
    nodes.push(node, late);
    await node.start();
    expect(node.light.libp2p.getPeers()).toEqual([]);
    await late.start();
    // @waku/sdk's connection manager looks for unconnected known peers every 5 s.
    const deadline = Date.now() + 10_000;
    while (node.light.libp2p.getPeers().length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(node.light.libp2p.getPeers().map(String)).toEqual([late.peerId]);
  });

  it('answers 66/WAKU2-METADATA with cluster 16 and its current shards, and records the asker', async () => {
    const [asker, answerer] = await Promise.all([
      createWakuNode({ shards: [64] }),
      createWakuNode({ shards: [32] }),
    ]);
    nodes.push(asker, answerer);
    await Promise.all([asker.start(), answerer.start()]);
    await asker.connect(answerer.multiaddrs[0] ?? '');
    const metadata = asker.light.libp2p.services.metadata;
    if (metadata === undefined) throw new Error('no metadata service');
    const answererId = answerer.light.libp2p.peerId;
    expect(await metadata.query(answererId)).toEqual({
      shardInfo: { clusterId: 16, shards: [32] },
      error: null,
    });
    answerer.addShard(128);
    expect((await metadata.query(answererId)).shardInfo).toEqual({ clusterId: 16, shards: [32, 128] });
    const askerRecord = await answerer.light.libp2p.peerStore.get(asker.light.libp2p.peerId);
    const askerShards = askerRecord.metadata.get('shardInfo');
    expect(askerShards && decodeRelayShard(askerShards)).toEqual({ clusterId: 16, shards: [64] });
  });

  it('hands its own published messages to its handlers only when asked, again on a duplicate publish', async () => {
    const [own, plain] = await Promise.all([
      createWakuNode({ shards: [32], deliverOwnMessages: true }),
      createWakuNode({ shards: [32] }),
    ]);
    nodes.push(own, plain);
    await Promise.all([own.start(), plain.start()]);
    await own.connect(plain.multiaddrs[0] ?? '');
    const deadline = Date.now() + 15_000;
    const subscribed = (node: WakuNode) => node.shardPeers()[0]?.topicPeers === 1;
    while (!(subscribed(own) && subscribed(plain)) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const seenByOwn: string[] = [];
    const seenByPlain: string[] = [];
    own.subscribe((received) => seenByOwn.push(received.hash));
    plain.subscribe((received) => seenByPlain.push(received.hash));
    const topic = pubsubTopicForShard(32);

    const mine = statusMessage('from own');
    const first = await own.publish(topic, mine);
    expect(first).toMatchObject({ status: 'published' });
    const hash = 'hash' in first ? first.hash : '';
    expect(seenByOwn).toEqual([hash]);
    const again = await own.publish(topic, mine);
    expect(again).toEqual({ status: 'duplicate', hash });
    expect(seenByOwn).toEqual([hash, hash]);

    const fromPlain = await plain.publish(topic, statusMessage('from plain'));
    expect(fromPlain).toMatchObject({ status: 'published' });
    const plainDeadline = Date.now() + 10_000;
    while ((seenByOwn.length < 3 || seenByPlain.length < 1) && Date.now() < plainDeadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seenByPlain).toEqual([hash]);
    expect(seenByOwn).toEqual([hash, hash, 'hash' in fromPlain ? fromPlain.hash : '']);
  });

  it('stops once, and only if started', async () => {
    const node = await createWakuNode({ shards: [32] });
    await node.stop();
    await node.start();
    await node.stop();
    await node.stop();
    expect(node.light.libp2p.status).toBe('stopped');
  });
});
