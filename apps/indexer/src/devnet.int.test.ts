import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { uint64ToBigInt } from '@status-communities/proto';
import { base64ToBytes, bytesToBase64, enqueue } from '@status-communities/queue';
import type { InboundWakuMessage } from '@status-communities/queue';
import { newKey, startDevnet, TestCommunity, waitFor } from '@status-communities/testing';
import type { Devnet, Sent } from '@status-communities/testing';
import type { ReceivedMessage } from '@status-communities/waku';
import type { Harness } from './testing/harness.js';
import { startHarness } from './testing/harness.js';

/** The job the gateway puts on waku.inbound for a relayed message (its one Waku node does this). */
const asInboundJob = ({ pubsubTopic, message, hash, receivedAt }: ReceivedMessage): InboundWakuMessage => ({
  pubsubTopic,
  contentTopic: message.contentTopic,
  payload: bytesToBase64(message.payload),
  version: message.version ?? 0,
  timestamp: uint64ToBigInt(message.timestamp).toString(),
  hash,
  receivedAt,
  correlationId: hash,
});

describe('end to end over a Waku devnet', () => {
  let devnet: Devnet;
  let harness: Harness;
  const relayed: Promise<unknown>[] = [];

  beforeAll(async () => {
    devnet = await startDevnet({ nodes: 2, shards: [32] });
    harness = await startHarness();
    // The second node stands in for the gateway: every relayed message goes on waku.inbound.
    devnet.nodes[1]?.subscribe((received) => {
      relayed.push(enqueue(harness.inbound, asInboundJob(received)));
    });
  });
  afterAll(async () => {
    await devnet.stop();
    await harness.close();
  });

  it('indexes a community published by a Status client on the relay', async () => {
    const owner = newKey();
    const alice = newKey();
    const community = new TestCommunity(owner);
    community.addMember(alice);
    const general = community.addChannel('general');
    await harness.watch(community.communityId);

    const publish = async (sent: Sent) => {
      const { pubsubTopic, contentTopic, payload, timestamp } = sent.inbound;
      const outcome = await devnet.nodes[0]!.publish(pubsubTopic, {
        contentTopic,
        payload: base64ToBytes(payload),
        version: 1,
        timestamp: Number(BigInt(timestamp ?? '0')),
      });
      expect(outcome.status).toBe('published');
    };
    await publish(community.description());
    const hello = community.chat(alice, general, 'hello over waku');
    await waitFor('the description stored', async () => (await harness.db.prisma.community.count()) === 1);
    await publish(hello);
    await waitFor('the message stored', async () => (await harness.db.prisma.message.count()) === 1);
    await Promise.all(relayed);

    const message = await harness.db.prisma.message.findUniqueOrThrow({ where: { id: hello.messageId } });
    expect(message).toMatchObject({ authorKey: alice.memberKey, text: 'hello over waku' });
    expect((await harness.events()).map((event) => event.type)).toEqual([
      'community.updated',
      'message.added',
    ]);
  });
});
