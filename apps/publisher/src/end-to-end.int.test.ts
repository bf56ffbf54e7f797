import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { publicKeyToHex, symKeyFor } from '@status-communities/crypto';
import { unwrap } from '@status-communities/errors';
import { SecretKey } from '@status-communities/keyring';
import { bigIntToUint64 } from '@status-communities/proto';
import {
  SegmentAssembler,
  contentTopicForChatId,
  decodeStatusMessage,
  memberUpdateChatId,
  readCommunityDescription,
  validateCommunityDescription,
} from '@status-communities/protocol';
import type { OutboundWakuMessage } from '@status-communities/queue';
import { base64ToBytes } from '@status-communities/queue';
import type { Devnet } from '@status-communities/testing';
import { startDevnet, waitFor } from '@status-communities/testing';
import type { ReceivedMessage, WakuNode } from '@status-communities/waku';
import { createCommunity, newChannel } from './testing/fixtures.js';
import type { Harness } from './testing/harness.js';
import { createHarness } from './testing/harness.js';

/**
 * The gateway is another service: here a devnet node stands in for it and publishes the finished messages
 * exactly as queued, and a node two hops away receives them and decodes them as a Status app would.
 */
describe('publisher → Waku devnet → a Status reader', () => {
  let h: Harness;
  let devnet: Devnet;
  let sender: WakuNode;
  const received: ReceivedMessage[] = [];

  beforeAll(async () => {
    [h, devnet] = await Promise.all([createHarness('e2e'), startDevnet({ nodes: 3 })]);
    sender = devnet.nodes[0] as WakuNode;
    (devnet.nodes[2] as WakuNode).subscribe((message) => received.push(message));
    await h.start();
  });
  afterAll(async () => {
    await h.close();
    await devnet.stop();
  });

  /** What the gateway does with a waku.outbound job: publish it unchanged. */
  const relay = async (messages: readonly OutboundWakuMessage[]): Promise<void> => {
    for (const message of messages) {
      const outcome = await sender.publish(message.pubsubTopic, {
        payload: base64ToBytes(message.payload),
        contentTopic: message.contentTopic,
        version: message.version,
        timestamp: bigIntToUint64(BigInt(message.timestamp)),
      });
      expect(outcome.status).toBe('published');
    }
  };

  const arrivals = async (contentTopic: string, count: number): Promise<ReceivedMessage[]> => {
    const matching = () => received.filter((message) => message.message.contentTopic === contentTopic);
    await waitFor(`${count} messages on ${contentTopic}`, () => matching().length >= count);
    return matching();
  };

  it("carries a new community's description, and a bot's message, to another node intact", async () => {
    const community = await createCommunity(h, 'On the wire');
    // createCommunity took the first publish off the queue; publish the next change through the devnet.
    const channelId = randomUUID();
    const bot = SecretKey.generate();
    const entry = unwrap(await h.keyring.import('IDENTITY_KEY', bot, h.tenantId, { actor: 'e2e' }));
    await h.prisma.identity.create({
      data: { tenantId: h.tenantId, publicKey: bot.publicKeyHex, displayName: 'Wire Bot', keyId: entry.id },
    });
    await h.prisma.member.create({
      data: { communityId: community.communityId, memberKey: bot.publicKeyHex, joinedAt: new Date() },
    });
    await h.command(newChannel(community.communityId, 'wire', channelId));
    await relay(await h.waitForOutbound(2));

    const topic = contentTopicForChatId(community.communityId);
    const descriptions = await arrivals(topic, 2);
    expect(descriptions.map((message) => message.pubsubTopic).sort()).toEqual([
      '/waku/2/rs/16/128',
      '/waku/2/rs/16/32',
    ]);
    for (const arrival of descriptions) {
      const decoded = unwrap(
        decodeStatusMessage(
          arrival.message.payload,
          { symKey: symKeyFor(community.communityId) },
          {
            segments: { assembler: new SegmentAssembler(), nowMs: Date.now() },
          },
        ),
      );
      if (decoded.kind !== 'message' || decoded.typeName !== 'COMMUNITY_DESCRIPTION')
        throw new Error('not a description');
      expect(publicKeyToHex(decoded.signer)).toBe(community.ownerKey);
      expect(validateCommunityDescription(decoded.message).ok).toBe(true);
      const description = unwrap(readCommunityDescription(decoded.message, community.communityId));
      expect(description.channels.get(channelId)?.name).toBe('wire');
      expect([...description.members.keys()].sort()).toEqual([community.ownerKey, bot.publicKeyHex].sort());
    }

    const job = await h.botCommand({
      type: 'message.send',
      actor: 'e2e',
      correlationId: randomUUID(),
      botKey: bot.publicKeyHex,
      communityId: community.communityId,
      channelId,
      text: 'gm from the platform',
    });
    await relay(await h.waitForOutbound(2));
    const universal = memberUpdateChatId(community.communityId);
    const [chat] = await arrivals(contentTopicForChatId(universal), 2);
    const decoded = unwrap(
      decodeStatusMessage(chat?.message.payload ?? new Uint8Array(), { symKey: symKeyFor(universal) }),
    );
    if (decoded.kind !== 'message' || decoded.typeName !== 'CHAT_MESSAGE')
      throw new Error('not a chat message');
    expect(decoded.message.text).toBe('gm from the platform');
    expect(publicKeyToHex(decoded.signer)).toBe(bot.publicKeyHex);
    expect(decoded.messageId).toBe(job.returnvalue.messageId);
  });
});
