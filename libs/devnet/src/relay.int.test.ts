import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { waku } from '@status-communities/proto';
import type { ReceivedMessage, RejectedMessage, WakuNode } from '@status-communities/waku';
import { DropReason, MAX_MESSAGE_BYTES, messageHashHex, pubsubTopicForShard } from '@status-communities/waku';
import type { Devnet } from './index.js';
import { startDevnet, testWakuMessage, waitFor, waitForMesh } from './index.js';

jest.setTimeout(30_000);

const encode = (message: waku.WakuMessage.$Properties): Uint8Array =>
  waku.WakuMessage.encode(message).finish();

describe('relay on a 3-node line devnet A-B-C', () => {
  let devnet: Devnet;
  let a: WakuNode, b: WakuNode, c: WakuNode;
  const received = new Map<WakuNode, ReceivedMessage[]>();
  const rejected = new Map<WakuNode, RejectedMessage[]>();

  const copiesAt = (node: WakuNode, hash: string): ReceivedMessage[] =>
    (received.get(node) ?? []).filter((message) => message.hash === hash);
  const arrival = (node: WakuNode, hash: string): Promise<true> =>
    waitFor(`message ${hash.slice(0, 8)} at ${node.peerId}`, () => copiesAt(node, hash).length > 0);
  /** Publishes at `node` and returns the hash, failing the test on any other outcome. */
  const publish = async (node: WakuNode, shard: number, message = testWakuMessage()): Promise<string> => {
    const outcome = await node.publish(pubsubTopicForShard(shard), message);
    if (outcome.status !== 'published') throw new Error(`publish gave ${outcome.status}`);
    return outcome.hash;
  };

  /**
   * Sends a message from each end of the line on `shard` and waits for it at the other end and at B. A
   * connection keeps gossipsub's order, so whatever the earlier traffic made any node send has arrived by
   * then. Returns the sentinels' hashes.
   */
  const quiet = async (shard: number): Promise<string[]> => {
    const sentinels = await Promise.all([publish(a, shard), publish(c, shard)]);
    const [fromA, fromC] = sentinels;
    await Promise.all([arrival(b, fromA), arrival(c, fromA), arrival(b, fromC), arrival(a, fromC)]);
    return sentinels;
  };

  beforeAll(async () => {
    devnet = await startDevnet({ nodes: 3 });
    [a, b, c] = devnet.nodes as [WakuNode, WakuNode, WakuNode];
    for (const node of devnet.nodes) {
      received.set(node, []);
      rejected.set(node, []);
      node.subscribe((message) => received.get(node)?.push(message));
      node.onRejected((rejection) => rejected.get(node)?.push(rejection));
    }
  });

  afterAll(async () => {
    await devnet.stop();
  });

  it('delivers a message published at A exactly once at C, on the right shard', async () => {
    const message = testWakuMessage();
    const topic = pubsubTopicForShard(128);
    const outcome = await a.publish(topic, message);
    const hash = messageHashHex(topic, message);
    expect(outcome).toEqual({ status: 'published', hash, peers: 1 });
    await arrival(c, hash);
    await quiet(128);

    expect(copiesAt(c, hash)).toEqual([
      {
        pubsubTopic: topic,
        message: expect.objectContaining({ contentTopic: message.contentTopic, payload: message.payload }),
        bytes: encode(message),
        hash,
        receivedAt: expect.any(Number),
      },
    ]);
    expect(copiesAt(b, hash)).toHaveLength(1);
    expect(copiesAt(a, hash)).toHaveLength(0);
  });

  it('answers duplicate for the same bytes again, at the publisher and at a node that relayed them', async () => {
    const message = testWakuMessage();
    const hash = await publish(a, 32, message);
    expect(await a.publish(pubsubTopicForShard(32), message)).toEqual({ status: 'duplicate', hash });
    await arrival(c, hash);
    expect(await c.publish(pubsubTopicForShard(32), message)).toEqual({ status: 'duplicate', hash });
  });

  it('rejects invalid messages at the first hop and never delivers them', async () => {
    const topic = pubsubTopicForShard(64);
    const faultyRelay = a.light.libp2p.services.pubsub;
    if (faultyRelay === undefined) throw new Error('node A has no relay service');
    const invalid: [DropReason, Uint8Array][] = [
      [DropReason.UNDECODABLE, new Uint8Array([0x0a, 0x10, 1, 2])],
      [DropReason.EMPTY_PAYLOAD, encode(testWakuMessage({ payload: new Uint8Array() }))],
      [DropReason.EMPTY_CONTENT_TOPIC, encode(testWakuMessage({ contentTopic: '' }))],
      [DropReason.OVERSIZE, encode(testWakuMessage({ payload: new Uint8Array(MAX_MESSAGE_BYTES) }))],
    ];
    const deliveredBefore = [b, c].map((node) => received.get(node)?.length ?? 0);
    // WakuNode.publish refuses all of these, so they go out through gossipsub directly, as from a faulty peer.
    for (const [, bytes] of invalid) await faultyRelay.publish(topic, bytes);
    const valid = await publish(a, 64);
    await arrival(c, valid);
    await waitFor('the invalid messages rejected at B', () => rejected.get(b)?.length === invalid.length);
    const sentinels = await quiet(64);

    expect(rejected.get(b)?.map(({ pubsubTopic, reason }) => [pubsubTopic, reason])).toEqual(
      invalid.map(([reason]) => [topic, reason]),
    );
    expect(rejected.get(c)).toEqual([]);
    const deliveredSince = [b, c].map(
      (node, i) =>
        (received.get(node) ?? [])
          .slice(deliveredBefore[i] ?? 0)
          .filter((message) => !sentinels.includes(message.hash)).length,
    );
    expect(deliveredSince).toEqual([1, 1]);
  });

  it('answers no-peers on a shard no other node relays', async () => {
    const outcome = await a.publish(pubsubTopicForShard(7), testWakuMessage());
    expect(outcome).toEqual({ status: 'no-peers', hash: expect.any(String) });
  });

  it('relays a shard added at run time, and stops delivering it where it is removed', async () => {
    const shard = 500;
    for (const node of devnet.nodes) node.addShard(shard);
    await waitForMesh(devnet.nodes, [shard]);
    const first = await publish(a, shard);
    await arrival(c, first);
    expect(copiesAt(c, first)[0]?.pubsubTopic).toBe('/waku/2/rs/16/500');

    c.removeShard(shard);
    expect(c.shards).not.toContain(shard);
    const shardAtB = () => b.shardPeers().find((peers) => peers.shard === shard);
    await waitFor('B to see C leave the shard', () => shardAtB()?.topicPeers === 1);
    const second = await publish(a, shard);
    await arrival(b, second);
    // C left shard 500, so the line is flushed on a shard it still relays: same connections, later traffic.
    await quiet(128);
    expect(copiesAt(c, second)).toEqual([]);
  });
});
