// A Status user on two devices (two installations of one identity, each with its own installation id, signed
// pre-key, sessions and bundle listing only itself) in a 1:1 chat with a bot, through the real publisher.
// The bot writes to every installation it has seen from the user, as the app does ("Sending messages to a
// paired group" in status-im/specs status-session-management): the answer opens on both devices, a message
// of the second device is read, answered and acknowledged, and the first device's sessions go on as they were.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bytesToPrefixedHex, hexToBytesOrThrow } from '@status-communities/crypto';
import { unwrap } from '@status-communities/errors';
import { SecretKey } from '@status-communities/keyring';
import type { InboundWakuMessage, OutboundWakuMessage } from '@status-communities/queue';
import type { DirectReceived, DirectSent } from '@status-communities/testing';
import { DirectPeer, inboundMessage } from '@status-communities/testing';
import type { Publisher } from '../service.js';
import type { Harness } from '../testing/harness.js';
import { createHarness } from '../testing/harness.js';

describe('publisher: a bot talks 1:1 with a Status user on two devices', () => {
  let h: Harness;
  let publisher: Publisher;
  const bot = SecretKey.generate();
  const botKey = bot.publicKeyHex;
  const botPublic = hexToBytesOrThrow(botKey);
  const phone = new DirectPeer('Two devices');
  const laptop = phone.newInstallation();

  const received = (sent: DirectSent) =>
    h.botCommand({
      type: 'direct.received',
      correlationId: randomUUID(),
      actor: 'indexer',
      botKey,
      message: inboundMessage(sent.contentTopic, sent.payload, Date.now()) as InboundWakuMessage,
    });
  const send = (text: string, replyTo?: string) =>
    h.botCommand({
      type: 'direct.send',
      correlationId: randomUUID(),
      actor: 'test',
      botKey,
      peerKey: phone.peerKey,
      text,
      ...(replyTo && { replyTo }),
    });
  /** What one device made of the bot's messages: each opens its own entry, none is refused. */
  const readOn = (device: DirectPeer, messages: readonly OutboundWakuMessage[]): DirectReceived[] => {
    const read = device.read(messages);
    expect(read.refused).toEqual([]);
    return [...read.received];
  };
  /** The bot's sessions with one installation of the user: row, agreed-on pre-key. */
  const sessionsWith = async (installationId: string) =>
    (
      await h.prisma.directSession.findMany({
        where: { peerKey: phone.peerKey, peerInstallationId: installationId },
        orderBy: { id: 'asc' },
      })
    ).map((row) => ({ id: row.id, bundleId: bytesToPrefixedHex(row.bundleId) }));

  beforeAll(async () => {
    h = await createHarness('direct-devices');
    publisher = await h.start({ DIRECT_SWEEP_SECONDS: '3600' });
    const entry = unwrap(await h.keyring.import('IDENTITY_KEY', bot, h.tenantId, { actor: 'test' }));
    await h.prisma.identity.create({
      data: { tenantId: h.tenantId, publicKey: botKey, displayName: 'Helper Bot', keyId: entry.id },
    });
  });
  afterAll(() => h.close());

  let phoneSessions: { id: string; bundleId: string }[] = [];

  it('talks with the first device: its sessions with the bot are agreed', async () => {
    const hello = phone.send(botPublic, 'hello from my phone');
    expect((await received(hello)).returnvalue).toMatchObject({ stored: 1 });
    // The ack of the bot starts X3DH on the phone's bundle and brings the bot's bundle.
    const [ack] = readOn(phone, await h.waitForOutbound(1));
    expect(ack?.acks).toEqual([hello.mvdsId]);
    // On the negotiated topic now: the bot's session with the phone is answered.
    const again = phone.send(botPublic, 'still me');
    expect(again.contentTopic).not.toBe(hello.contentTopic);
    expect((await received(again)).returnvalue).toMatchObject({ stored: 1 });
    expect(readOn(phone, await h.waitForOutbound(1))[0]?.acks).toEqual([again.mvdsId]);
    phoneSessions = await sessionsWith(phone.installationId);
    expect(phoneSessions).toHaveLength(1);
  });

  it('reads, answers and takes the ack of the second device; the answer opens on both', async () => {
    // The laptop finds the bot's bundle where the app looks it up: the bot's contact-code advertisement.
    expect(await publisher.sweepDirect()).toMatchObject({ advertised: 1 });
    const [advert] = await h.waitForOutbound(1);
    expect(laptop.readContactCode(botPublic, [advert!])).toBe(true);

    const fromLaptop = laptop.send(botPublic, 'hello from my laptop');
    const job = await received(fromLaptop);
    expect(job.failedReason).toBeUndefined();
    expect(job.returnvalue).toEqual({ peerKey: phone.peerKey, stored: 1, acknowledged: 0 });
    // The ack is one message with an entry for each installation: both devices learn it was delivered.
    const acks = await h.waitForOutbound(1);
    expect(readOn(laptop, acks)[0]?.acks).toEqual([fromLaptop.mvdsId]);
    expect(readOn(phone, acks)[0]?.acks).toEqual([fromLaptop.mvdsId]);

    const answer = await send('hello, both of you', fromLaptop.messageId);
    expect(answer.failedReason).toBeUndefined();
    const out = await h.waitForOutbound(1);
    const reads = [phone, laptop].map((device) => readOn(device, out)[0]);
    for (const read of reads) {
      expect(read?.from).toBe(botKey);
      expect(read?.chats[0]?.text).toBe('hello, both of you');
      expect(read?.chats[0]?.responseTo).toBe(fromLaptop.messageId);
      expect(read?.messages[0]?.messageId).toBe(answer.returnvalue.messageId);
    }
    const ackJob = await received(laptop.ack(botPublic, reads[1]!.toAck));
    expect(ackJob.returnvalue).toEqual({ peerKey: phone.peerKey, stored: 0, acknowledged: 1 });
    expect(readOn(laptop, await h.takeOutbound())).toEqual([]);
  });

  it("leaves the first device's sessions as they were: it writes on, and is answered on both", async () => {
    expect(await sessionsWith(phone.installationId)).toEqual(phoneSessions);
    const more = phone.send(botPublic, 'back on the phone');
    expect((await received(more)).returnvalue).toMatchObject({ stored: 1, acknowledged: 0 });
    const acks = await h.waitForOutbound(1);
    for (const device of [phone, laptop]) expect(readOn(device, acks)[0]?.acks).toEqual([more.mvdsId]);
    // The same session with the phone, stepped on: no new X3DH with it.
    expect(await sessionsWith(phone.installationId)).toEqual(phoneSessions);
    expect(await sessionsWith(laptop.installationId)).toHaveLength(1);
  });
});
