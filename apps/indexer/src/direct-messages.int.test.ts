// 1:1 messages to our bots (issue #15): the indexer holds no bot key, so whatever comes on a bot's partitioned
// topic or on a negotiated topic the publisher agreed with a peer (table direct_topics, learnt on the routes
// notice) goes to the publisher untouched as direct.received, once per message and bot, and nothing is stored.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { unwrap } from '@status-communities/errors';
import { Keyring, SecretBytes, SecretKey, createMasterKeyRing } from '@status-communities/keyring';
import {
  DIRECT_MESSAGE_PUBSUB_TOPIC,
  negotiatedSecret,
  negotiatedTopic,
  sealDirectMessage,
} from '@status-communities/protocol';
import type { InboundWakuMessage, TypedQueue } from '@status-communities/queue';
import {
  QueueName,
  announceRoutesChanged,
  closeQueueResources,
  createQueue,
} from '@status-communities/queue';
import { DirectPeer, asInbound, waitFor } from '@status-communities/testing';
import type { Harness } from './testing/harness.js';
import { startHarness } from './testing/harness.js';

const outcomeOf = async (harness: Harness, message: InboundWakuMessage) =>
  (await harness.inbound.getJob(message.hash))?.returnvalue as unknown;

describe("1:1 messages on our bots' topics", () => {
  let harness: Harness;
  let bots: TypedQueue<typeof QueueName.BOT_MESSAGES>;
  let identityId: string;
  const bot = SecretKey.generate();
  const botKey = bot.publicKeyHex;
  const botPublic = Buffer.from(botKey.slice(2), 'hex');
  const peer = new DirectPeer('App user');
  const forwarded = (message: InboundWakuMessage) =>
    bots.getJob(`direct.${message.hash}.${botKey.slice(2, 18)}`);

  beforeAll(async () => {
    harness = await startHarness();
    const { prisma } = harness.db;
    bots = createQueue(QueueName.BOT_MESSAGES, harness.redis, { prefix: harness.prefix });
    const tenant = await prisma.tenant.create({ data: { name: 'Bots', slug: 'bots' } });
    const ring = unwrap(createMasterKeyRing({ id: 'k1', key: SecretBytes.of(randomBytes(32)) }, []));
    const entry = unwrap(
      await new Keyring(prisma, ring).import('IDENTITY_KEY', bot, tenant.id, { actor: 'test' }),
    );
    identityId = (
      await prisma.identity.create({
        data: { tenantId: tenant.id, publicKey: botKey, displayName: 'Helper Bot', keyId: entry.id },
      })
    ).id;
    await harness.indexer.routes.reload();
  });
  afterAll(async () => {
    await closeQueueResources({ queues: [bots] });
    await harness.close();
  });

  it("hands a contact request on the bot's partitioned topic to the publisher as direct.received", async () => {
    const sent = peer.contactRequest(botPublic, 'Please add me');
    const message = asInbound(sent.pubsubTopic, sent.contentTopic, sent.payload) as InboundWakuMessage;
    await harness.publish(message);
    expect(await outcomeOf(harness, message)).toEqual({ outcome: 'ignored', reason: 'direct-message' });
    const job = await forwarded(message);
    expect(job?.data).toEqual({
      type: 'direct.received',
      correlationId: message.hash,
      actor: 'indexer',
      botKey,
      message,
    });
    expect(await harness.counter('indexer_direct_forwarded_total')).toBe(1);
    expect(await harness.db.prisma.message.count()).toBe(0);
  });

  it('routes a negotiated topic the publisher adds once it announces the change, and forwards what comes on it', async () => {
    const topic = unwrap(negotiatedTopic(unwrap(negotiatedSecret(peer.privateKey, botPublic))));
    const sealed = unwrap(
      sealDirectMessage({
        ourIdentityPrivateKey: peer.privateKey,
        ourInstallationId: peer.installationId,
        theirIdentityKey: botPublic,
        theirInstallations: [],
        ourCurrentSignedPreKeys: [],
        sessions: [],
        plaintext: new TextEncoder().encode('on the negotiated topic'),
        topic,
      }),
    );
    const early = asInbound(
      DIRECT_MESSAGE_PUBSUB_TOPIC,
      topic.contentTopic,
      sealed.payload,
    ) as InboundWakuMessage;
    await harness.publish(early);
    expect(await outcomeOf(harness, early)).toEqual({ outcome: 'ignored', reason: 'unrouted' });

    // What the publisher does when it agrees the secret with a peer (before sending on that topic).
    await harness.db.prisma.directTopic.create({
      data: { contentTopic: topic.contentTopic, identityId, peerKey: peer.peerKey },
    });
    await announceRoutesChanged(harness.redis, harness.prefix);
    await waitFor(
      'negotiated topic routed',
      () => harness.indexer.routes.current.lookup(topic.contentTopic).length > 0,
    );
    const message = asInbound(
      DIRECT_MESSAGE_PUBSUB_TOPIC,
      topic.contentTopic,
      sealed.payload,
      Date.now() + 1,
    ) as InboundWakuMessage;
    await harness.publish(message);
    expect(await outcomeOf(harness, message)).toEqual({ outcome: 'ignored', reason: 'direct-message' });
    expect((await forwarded(message))?.data).toMatchObject({ type: 'direct.received', botKey, message });
    expect(await forwarded(early)).toBeUndefined();
    expect(await harness.counter('indexer_direct_forwarded_total')).toBe(2);
  });
});
