// A bot's 1:1 conversations through the real publisher (BullMQ on Redis, PostgreSQL): a peer played from
// libs/protocol alone (its own identity, installation, signed pre-key and sessions, as the Status app keeps
// them) reads the bot's bundle from its contact-code topic, starts X3DH, sends a contact request and DMs; the
// bot's answers are read back, decrypted and acknowledged; the publisher restarts mid-conversation; bad input
// is refused by reason and changes no session.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  bytesToPrefixedHex,
  decodeSymmetric,
  generatePrivateKey,
  hexToBytesOrThrow,
  publicKeyFromPrivateKey,
} from '@status-communities/crypto';
import { unwrap } from '@status-communities/errors';
import { SecretKey } from '@status-communities/keyring';
import { decodeProto, encodeProto, status } from '@status-communities/proto';
import type {
  BundleInstallation,
  DirectSession,
  DirectTopic,
  UnwrappedDirectPlaintext,
} from '@status-communities/protocol';
import {
  DEFAULT_CONTACT_REQUEST_TEXT,
  buildContactRequest,
  buildOneToOneChatMessage,
  contactCodeTopic,
  decryptFromPeer,
  encodeMvdsPayload,
  negotiatedSecret,
  negotiatedTopic,
  oneToOneGroupId,
  openDirectTransport,
  partitionedTopic,
  sealDirectMessage,
  signBundle,
  unwrapDirectPlaintext,
  verifyBundle,
  wrapApplicationMessage,
} from '@status-communities/protocol';
import type { InboundWakuMessage, OutboundWakuMessage } from '@status-communities/queue';
import { base64ToBytes, readEvents, eventStream } from '@status-communities/queue';
import { inboundMessage } from '@status-communities/testing';
import type { Publisher } from '../service.js';
import { createCommunity } from '../testing/fixtures.js';
import type { Harness } from '../testing/harness.js';
import { createHarness } from '../testing/harness.js';
import { mergeSessions } from './seal.js';

const AppType = status.ApplicationMetadataMessage.Type;

/** A Status app user as far as 1:1 chats go, built from libs/protocol only. */
class TestPeer {
  readonly privateKey = generatePrivateKey();
  readonly peerKey = bytesToPrefixedHex(publicKeyFromPrivateKey(this.privateKey));
  readonly installationId = randomUUID();
  private readonly signedPreKey = generatePrivateKey();
  sessions: DirectSession[] = [];
  botInstallations: BundleInstallation[] = [];

  constructor(
    private readonly botKey: string,
    /** Publishes a bundle (X3DH + ratchet) or stays a DH-only peer. */
    private readonly withBundle: boolean,
  ) {}

  private get bot(): Uint8Array {
    return hexToBytesOrThrow(this.botKey);
  }

  negotiated(): DirectTopic {
    return unwrap(negotiatedTopic(unwrap(negotiatedSecret(this.privateKey, this.bot))));
  }

  bundle(): status.encryption.Bundle.$Properties {
    return signBundle({
      identityPrivateKey: this.privateKey,
      installations: [
        {
          installationId: this.installationId,
          signedPreKey: publicKeyFromPrivateKey(this.signedPreKey, { compressed: true }),
          version: 1,
          protocolVersion: 1,
        },
      ],
      timestampNs: BigInt(Date.now()) * 1_000_000n,
    });
  }

  amm(type: status.ApplicationMetadataMessage.Type, payload: Uint8Array): Uint8Array {
    return wrapApplicationMessage(type, payload, this.privateKey);
  }

  chat(text: string, clock = Date.now()): Uint8Array {
    const message = unwrap(
      buildOneToOneChatMessage({ recipientKey: this.bot, text, clock, timestampMs: clock }),
    );
    return this.amm(
      AppType.CHAT_MESSAGE,
      encodeProto(status.ChatMessage, status.ChatMessage.create(message)),
    );
  }

  contactRequest(clock = Date.now()): Uint8Array {
    const message = unwrap(
      buildContactRequest({
        recipientKey: this.bot,
        text: DEFAULT_CONTACT_REQUEST_TEXT,
        clock,
        timestampMs: clock,
      }),
    );
    return this.amm(
      AppType.CHAT_MESSAGE,
      encodeProto(status.ChatMessage, status.ChatMessage.create(message)),
    );
  }

  /** An MVDS payload of these AMMs and acks, sealed to the bot as the app does. */
  send(
    { amms = [], acks = [] }: { amms?: Uint8Array[]; acks?: Uint8Array[] },
    topic: DirectTopic = unwrap(partitionedTopic(this.bot)),
    bundle: status.encryption.Bundle.$Properties | undefined = this.withBundle ? this.bundle() : undefined,
  ): InboundWakuMessage {
    const groupId = unwrap(oneToOneGroupId(this.bot, publicKeyFromPrivateKey(this.privateKey)));
    const plaintext = encodeMvdsPayload({
      messages: amms.map((body) => ({ groupId, timestamp: BigInt(Math.floor(Date.now() / 1000)), body })),
      acks,
    });
    const sealed = unwrap(
      sealDirectMessage({
        ourIdentityPrivateKey: this.privateKey,
        ourInstallationId: this.installationId,
        theirIdentityKey: this.bot,
        theirInstallations: this.botInstallations,
        ourCurrentSignedPreKeys: [publicKeyFromPrivateKey(this.signedPreKey, { compressed: true })],
        sessions: this.sessions,
        plaintext,
        topic,
        ...(bundle && { bundle }),
      }),
    );
    this.sessions = mergeSessions(this.sessions, sealed.changedSessions);
    return inboundMessage(sealed.contentTopic, sealed.payload, Date.now()) as InboundWakuMessage;
  }

  /** Learns the bot's bundle from its contact-code advertisement. */
  readContactCode(message: OutboundWakuMessage): void {
    const topic = unwrap(contactCodeTopic(this.bot));
    expect(message.contentTopic).toBe(topic.contentTopic);
    const decoded = unwrap(decodeSymmetric(base64ToBytes(message.payload), topic.symKey!));
    expect(bytesToPrefixedHex(decoded.signer)).toBe(this.botKey);
    const protocolMessage = unwrap(
      decodeProto<status.encryption.ProtocolMessage>(status.encryption.ProtocolMessage, decoded.data),
    );
    const bundle = unwrap(verifyBundle(protocolMessage.bundles[0]!));
    this.botInstallations = [...bundle.installations];
  }

  /** Opens a message of the bot (its partitioned or the negotiated topic), learning its bundle. */
  receive(message: OutboundWakuMessage): UnwrappedDirectPlaintext {
    const negotiated = this.negotiated();
    const opened = unwrap(
      openDirectTransport({
        payload: base64ToBytes(message.payload),
        ourIdentityPrivateKey: this.privateKey,
        ourInstallationId: this.installationId,
        ...(message.contentTopic === negotiated.contentTopic && { symKey: negotiated.symKey! }),
      }),
    );
    expect(bytesToPrefixedHex(opened.sender)).toBe(this.botKey);
    const botBundle = opened.bundles[0];
    if (botBundle) this.botInstallations = [...botBundle.installations];
    const decrypted = unwrap(
      decryptFromPeer({
        ourIdentityPrivateKey: this.privateKey,
        ourSignedPreKeys: [
          {
            publicKey: publicKeyFromPrivateKey(this.signedPreKey, { compressed: true }),
            privateKey: this.signedPreKey,
          },
        ],
        theirIdentityKey: opened.sender,
        theirInstallationId: opened.senderInstallationId,
        entry: opened.selected.entry,
        sessions: this.sessions,
      }),
    );
    if (decrypted.session) this.sessions = mergeSessions(this.sessions, [decrypted.session]);
    return unwrap(unwrapDirectPlaintext(decrypted.plaintext, opened.sender));
  }
}

describe('publisher: a bot talks 1:1 with a Status user', () => {
  let h: Harness;
  let publisher: Publisher;
  const bot = SecretKey.generate();
  const botKey = bot.publicKeyHex;
  const alice = new TestPeer(botKey, true);
  let now = Date.now();

  const received = (message: InboundWakuMessage) =>
    h.botCommand({ type: 'direct.received', correlationId: randomUUID(), actor: 'indexer', botKey, message });
  const command = <T extends { type: string }>(data: T) =>
    h.botCommand({
      correlationId: randomUUID(),
      actor: 'test',
      botKey,
      peerKey: alice.peerKey,
      ...data,
    } as never);
  const sessionState = async () =>
    (await h.prisma.directSession.findMany({ orderBy: { id: 'asc' } })).map((row) => [
      row.id,
      row.version,
      Buffer.from(row.material).toString('hex'),
    ]);
  const metrics = async () => (await fetch(`${publisher.healthUrl}/metrics`)).text();
  const events = async () =>
    (await readEvents(h.redis, { stream: eventStream({ prefix: h.prefix }) })).events.map((e) => e.event);
  /** The bot's one answer to the last message (an ack), opened by the peer. */
  const answer = async (peer: TestPeer) => {
    const [message] = await h.waitForOutbound(1);
    return peer.receive(message!);
  };

  beforeAll(async () => {
    h = await createHarness('direct');
    publisher = await h.start({ DIRECT_SWEEP_SECONDS: '3600' }, () => now);
    const entry = unwrap(await h.keyring.import('IDENTITY_KEY', bot, h.tenantId, { actor: 'test' }));
    await h.prisma.identity.create({
      data: { tenantId: h.tenantId, publicKey: botKey, displayName: 'Helper Bot', keyId: entry.id },
    });
  });
  afterAll(() => h.close());

  it('answers a DH-only peer (no bundle) with DH on its partitioned topic, its bundle attached', async () => {
    const bob = new TestPeer(botKey, false);
    bob.botInstallations = [];
    const job = await h.botCommand({
      type: 'direct.received',
      correlationId: randomUUID(),
      actor: 'indexer',
      botKey,
      message: bob.send({ amms: [bob.chat('hi bot')] }),
    });
    expect(job.returnvalue).toEqual({ peerKey: bob.peerKey, stored: 1, acknowledged: 0 });
    const [ack] = await h.waitForOutbound(1);
    expect(ack!.contentTopic).toBe(unwrap(partitionedTopic(hexToBytesOrThrow(bob.peerKey))).contentTopic);
    expect(bob.receive(ack!).datasync.kind).toBe('mvds');
    expect(bob.botInstallations).toHaveLength(1);
  });

  it('then advertises the bot bundle on its contact-code topic, once per interval', async () => {
    expect(await publisher.sweepDirect()).toEqual({ resent: 0, advertised: 1 });
    const [advert] = await h.waitForOutbound(1);
    alice.readContactCode(advert!);
    expect(alice.botInstallations).toHaveLength(1);
    expect(await publisher.sweepDirect()).toEqual({ resent: 0, advertised: 0 });
  });

  it('takes a contact request started by X3DH, stores it once, tells the tenant and acknowledges it', async () => {
    const request = alice.contactRequest();
    const job = await received(alice.send({ amms: [request] }));
    expect(job.failedReason).toBeUndefined();
    expect(job.returnvalue).toEqual({ peerKey: alice.peerKey, stored: 1, acknowledged: 0 });
    const ack = await answer(alice);
    expect(ack.datasync.kind).toBe('mvds');
    expect(ack.datasync.kind === 'mvds' && ack.datasync.acks).toHaveLength(1);
    const contact = await h.prisma.directContact.findFirstOrThrow({ where: { peerKey: alice.peerKey } });
    expect(contact.state).toBe('RECEIVED');
    const stored = await h.prisma.directMessage.findMany({
      where: { peerKey: alice.peerKey, direction: 'INBOUND' },
    });
    expect(stored.map((row) => row.kind)).toEqual(['CONTACT_REQUEST']);
    expect(contact.contactRequestId).toBe(stored[0]!.id);
    expect(await events()).toContainEqual(
      expect.objectContaining({
        type: 'direct.contact_request_received',
        tenantId: h.tenantId,
        botKey,
        peerKey: alice.peerKey,
        messageId: stored[0]!.id,
      }),
    );
    // Alice's installation negotiates (protocol_version 1) and answered: the topic is routed to the bot.
    expect(await h.prisma.directTopic.findMany({ select: { contentTopic: true } })).toEqual([
      { contentTopic: alice.negotiated().contentTopic },
    ]);
  });

  it('accepts the request and writes; the peer reads both and its acks reach the bot', async () => {
    const accepted = await command({ type: 'direct.contact-accept' });
    expect(accepted.failedReason).toBeUndefined();
    const acceptMessage = await answer(alice);
    expect(acceptMessage.messages[0]?.type).toBe(AppType.ACCEPT_CONTACT_REQUEST);
    expect(acceptMessage.messages[0]?.messageId).toBe(accepted.returnvalue.messageId);

    const sent = await command({ type: 'direct.send', text: 'hello from the bot' });
    expect(sent.failedReason).toBeUndefined();
    const [out] = await h.waitForOutbound(1);
    // The secret is agreed: the bot writes on the negotiated topic, as the app would.
    expect(out!.contentTopic).toBe(alice.negotiated().contentTopic);
    const hello = alice.receive(out!);
    const chat = unwrap(decodeProto<status.ChatMessage>(status.ChatMessage, hello.messages[0]!.payload));
    expect(chat.text).toBe('hello from the bot');
    expect(hello.messages[0]?.messageId).toBe(sent.returnvalue.messageId);
    expect((await h.prisma.directContact.findFirstOrThrow({ where: { peerKey: alice.peerKey } })).state).toBe(
      'MUTUAL',
    );

    const mvdsIds = [acceptMessage, hello].flatMap((m) =>
      m.datasync.kind === 'mvds' ? m.datasync.messages.map((x) => x.id) : [],
    );
    const ackJob = await received(alice.send({ acks: mvdsIds }, alice.negotiated()));
    expect(ackJob.returnvalue).toEqual({ peerKey: alice.peerKey, stored: 0, acknowledged: 2 });
    expect(await h.takeOutbound()).toEqual([]);
    const outbound = await h.prisma.directMessage.findMany({ where: { direction: 'OUTBOUND' } });
    expect(outbound.every((row) => row.acknowledgedAt !== null && row.nextSendAt === null)).toBe(true);
    expect(await events()).toContainEqual(
      expect.objectContaining({ type: 'direct.message_acknowledged', messageId: sent.returnvalue.messageId }),
    );
  });

  it('continues every session across a restart of the publisher', async () => {
    publisher = await h.start({ DIRECT_SWEEP_SECONDS: '3600' }, () => now);
    const job = await received(alice.send({ amms: [alice.chat('still there?')] }, alice.negotiated()));
    expect(job.returnvalue).toMatchObject({ stored: 1 });
    expect((await answer(alice)).datasync.kind).toBe('mvds');
    const reply = await command({ type: 'direct.send', text: 'yes' });
    expect(reply.failedReason).toBeUndefined();
    const read = await answer(alice);
    expect(unwrap(decodeProto<status.ChatMessage>(status.ChatMessage, read.messages[0]!.payload)).text).toBe(
      'yes',
    );
    const acks = read.datasync.kind === 'mvds' ? read.datasync.messages.map((m) => m.id) : [];
    expect((await received(alice.send({ acks }, alice.negotiated()))).returnvalue).toMatchObject({
      acknowledged: 1,
    });
    expect(await events()).toContainEqual(
      expect.objectContaining({ type: 'direct.message_received', kind: 'TEXT', text: 'still there?' }),
    );
  });

  it('re-sends an unacknowledged message when due, a new ratchet step with the same MVDS id', async () => {
    const sent = await command({ type: 'direct.send', text: 'are you there?' });
    const first = await answer(alice);
    const row = await h.prisma.directMessage.findUniqueOrThrow({ where: { id: sent.returnvalue.messageId } });
    expect(await publisher.sweepDirect()).toEqual({ resent: 0, advertised: 0 });
    now = row.nextSendAt!.getTime() + 1;
    expect(await publisher.sweepDirect()).toEqual({ resent: 1, advertised: 0 });
    const [again] = await h.waitForOutbound(1);
    const second = alice.receive(again!);
    expect(second.messages[0]?.messageId).toBe(sent.returnvalue.messageId);
    const idOf = (m: UnwrappedDirectPlaintext) =>
      m.datasync.kind === 'mvds' ? m.datasync.messages[0]?.id : undefined;
    expect(idOf(second)).toEqual(idOf(first));
    const after = await h.prisma.directMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.sendCount).toBe(2);
    expect(after.nextSendAt!.getTime()).toBeGreaterThan(now);
  });

  it('finds its message when a command is retried after its commit: no second message, sent again by the sweep', async () => {
    const send = {
      type: 'direct.send',
      correlationId: randomUUID(),
      actor: 'test',
      botKey,
      peerKey: alice.peerKey,
      text: 'only once',
    } as const;
    const first = await h.botCommand(send);
    await answer(alice);
    const sessions = await sessionState();
    // The same command in a job that never noted its progress, as after a crash between commit and note.
    const retried = await h.botCommand(send);
    expect(retried.returnvalue).toEqual(first.returnvalue);
    expect(await h.prisma.directMessage.count({ where: { commandId: send.correlationId } })).toBe(1);
    expect(await sessionState()).toEqual(sessions);
    expect((await publisher.sweepDirect()).resent).toBeGreaterThanOrEqual(1);
    const resent = (await h.waitForOutbound(1)).map((message) => alice.receive(message));
    expect(resent.map((read) => read.messages[0]?.messageId)).toContain(first.returnvalue.messageId);
  });

  it('takes messages out of order and at once: skipped keys, and one writer per session', async () => {
    const sent = ['one', 'two', 'three', 'four'].map((text) =>
      alice.send({ amms: [alice.chat(text)] }, alice.negotiated()),
    );
    // The third first (two skipped keys kept), then the rest at the same time on concurrent workers: the
    // saves that lose a version race roll back and run again on the newer session.
    expect((await received(sent[2]!)).returnvalue).toMatchObject({ stored: 1 });
    const jobs = await Promise.all([sent[0]!, sent[1]!, sent[3]!].map((message) => received(message)));
    // A job that lost a race shows the attempt's reason but completed on its next attempt.
    expect(await Promise.all(jobs.map((job) => job.getState()))).toEqual([
      'completed',
      'completed',
      'completed',
    ]);
    expect(jobs.map((job) => job.returnvalue.stored)).toEqual([1, 1, 1]);
    const texts = await h.prisma.directMessage.findMany({
      where: { peerKey: alice.peerKey, text: { in: ['one', 'two', 'three', 'four'] } },
      select: { text: true },
    });
    expect(texts.map((row) => row.text).sort()).toEqual(['four', 'one', 'three', 'two']);
    for (const ack of await h.waitForOutbound(4)) expect(alice.receive(ack).datasync.kind).toBe('mvds');
  });

  it('sends a contact request and a community invitation the app can show', async () => {
    const carol = new TestPeer(botKey, false);
    const ask = (data: Record<string, unknown>) =>
      h.botCommand({
        correlationId: randomUUID(),
        actor: 'test',
        botKey,
        peerKey: carol.peerKey,
        ...data,
      } as never);
    const request = await ask({ type: 'direct.contact-request' });
    expect(request.failedReason).toBeUndefined();
    const read = await answer(carol);
    const asked = unwrap(decodeProto<status.ChatMessage>(status.ChatMessage, read.messages[0]!.payload));
    expect(asked.contentType).toBe(status.ChatMessage.ContentType.CONTACT_REQUEST);
    expect(asked.text).toBe(DEFAULT_CONTACT_REQUEST_TEXT);
    expect((await h.prisma.directContact.findFirstOrThrow({ where: { peerKey: carol.peerKey } })).state).toBe(
      'SENT',
    );

    const { communityId } = await createCommunity(h, 'Invite Town');
    const invite = await ask({ type: 'direct.invite', communityId, text: 'Join us' });
    expect(invite.failedReason).toBeUndefined();
    const card = unwrap(
      decodeProto<status.ChatMessage>(status.ChatMessage, (await answer(carol)).messages[0]!.payload),
    );
    expect(card.text).toMatch(/^Join us\nhttps:\/\/status\.app\/c\//);
    expect(card.unfurledStatusLinks?.unfurledStatusLinks?.[0]?.community?.displayName).toBe('Invite Town');
    const row = await h.prisma.directMessage.findUniqueOrThrow({
      where: { id: invite.returnvalue.messageId },
    });
    expect(row.kind).toBe('COMMUNITY_INVITE');

    const unknown = await ask({ type: 'direct.contact-accept' });
    expect(unknown.failedReason).toContain('NOT_FOUND');
  });

  describe('bad input is refused, counted, and changes no session', () => {
    const refused = async (message: InboundWakuMessage, reason: string, code: string) => {
      const before = await sessionState();
      const messages = await h.prisma.directMessage.count();
      const job = await received(message);
      expect(job.failedReason).toContain(code);
      expect(job.attemptsMade).toBe(1);
      expect(await sessionState()).toEqual(before);
      expect(await h.prisma.directMessage.count()).toBe(messages);
      expect(await metrics()).toMatch(
        new RegExp(`publisher_direct_refused_total\\{reason="${reason}",service="publisher"\\} [1-9]`),
      );
      expect(await h.takeOutbound()).toEqual([]);
    };

    it('a replayed ratchet message', async () => {
      const message = alice.send({ amms: [alice.chat('once')] }, alice.negotiated());
      expect((await received(message)).returnvalue).toMatchObject({ stored: 1 });
      await h.waitForOutbound(1).then(([ack]) => alice.receive(ack!));
      await refused({ ...message, correlationId: randomUUID() }, 'replayed', 'REPLAYED_MESSAGE');
    });

    it('a forged bundle', async () => {
      // Re-dated after signing: its signature recovers another key than the bundle's identity.
      const forged = { ...alice.bundle(), timestamp: 1 };
      const saved = alice.sessions;
      const message = alice.send({ amms: [alice.chat('forged')] }, alice.negotiated(), forged);
      alice.sessions = saved;
      await refused(message, 'forged-bundle', 'WRONG_SIGNER');
    });

    it('garbage', async () => {
      await refused(
        inboundMessage(alice.negotiated().contentTopic, randomBytes(300), Date.now()) as InboundWakuMessage,
        'garbage',
        'DECRYPTION_FAILED',
      );
    });

    it('an application message signed by someone other than the sender', async () => {
      const payload = encodeProto(
        status.ChatMessage,
        status.ChatMessage.create(
          unwrap(
            buildOneToOneChatMessage({
              recipientKey: hexToBytesOrThrow(botKey),
              text: 'not mine',
              clock: 1,
              timestampMs: 1,
            }),
          ),
        ),
      );
      const forged = wrapApplicationMessage(AppType.CHAT_MESSAGE, payload, generatePrivateKey());
      const saved = alice.sessions;
      const message = alice.send({ amms: [forged] }, alice.negotiated());
      alice.sessions = saved;
      await refused(message, 'wrong-signer', 'WRONG_SIGNER');
    });

    it('a ratchet message on a session the bot never had', async () => {
      const erin = new TestPeer(botKey, true);
      erin.botInstallations = alice.botInstallations;
      erin.send({ amms: [erin.chat('lost on the way')] });
      // The first message (with its X3DH header) never arrives; the next one carries no X3DH header.
      erin.sessions = erin.sessions.map(({ pendingX3dh: _dropped, ...session }) => session);
      await refused(erin.send({ amms: [erin.chat('second')] }), 'no-session', 'NOT_FOUND');
    });

    it('a message on the bot partitioned topic sealed to someone else, and one to an unknown bot', async () => {
      const other = new TestPeer(bytesToPrefixedHex(publicKeyFromPrivateKey(generatePrivateKey())), false);
      const elsewhere = other.send({ amms: [other.chat('for another key')] });
      const onBotTopic = {
        ...elsewhere,
        contentTopic: unwrap(partitionedTopic(hexToBytesOrThrow(botKey))).contentTopic,
      };
      await refused(onBotTopic as InboundWakuMessage, 'not-for-us', 'DECRYPTION_FAILED');
      const stranger = bytesToPrefixedHex(publicKeyFromPrivateKey(generatePrivateKey()));
      const job = await h.botCommand({
        type: 'direct.received',
        correlationId: randomUUID(),
        actor: 'indexer',
        botKey: stranger,
        message: alice.send({ amms: [] }, alice.negotiated()),
      });
      expect(job.failedReason).toContain('NOT_FOUND');
    });

    it('a message for an installation the bot does not have', async () => {
      const [saved, sessions] = [alice.botInstallations, alice.sessions];
      alice.botInstallations = [{ ...saved[0]!, installationId: randomUUID() }];
      const message = alice.send({ amms: [alice.chat('lost')] }, alice.negotiated());
      [alice.botInstallations, alice.sessions] = [saved, sessions];
      await refused(message, 'unknown-installation', 'NOT_FOUND');
    });
  });
});
