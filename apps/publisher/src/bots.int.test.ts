import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { publicKeyToHex } from '@status-communities/crypto';
import { ErrorCode, unwrap } from '@status-communities/errors';
import { SecretKey } from '@status-communities/keyring';
import { decodeProto, status } from '@status-communities/proto';
import type { DecodedStatusMessage } from '@status-communities/protocol';
import {
  contentTopicForChatId,
  controlNodeRequestsChatId,
  memberUpdateChatId,
  readCommunityDescription,
  unwrapApplicationMessage,
  validateCommunityChatMessage,
  validateRequestToJoin,
  wakuTimestampNsToMs,
} from '@status-communities/protocol';
import type { BotMessageCommand, OutboundWakuMessage } from '@status-communities/queue';
import { waitFor } from '@status-communities/testing';
import type { ChannelBotCommand } from './bots/bot-message.js';
import { decodeMessages, decodeOnly } from './testing/decode.js';
import type { CreatedCommunity } from './testing/fixtures.js';
import { createCommunity, newChannel } from './testing/fixtures.js';
import type { Harness } from './testing/harness.js';
import { createHarness } from './testing/harness.js';

const CONTENT = '/waku/2/rs/16/256';
const LEGACY = '/waku/2/rs/16/32';
const MessageType = status.MessageType;

describe('publisher: bots speak in channels as Status app members', () => {
  let h: Harness;
  let community: CreatedCommunity;
  let channelId: string;
  const bot = SecretKey.generate();
  const botKey = bot.publicKeyHex;
  let lastClock = 0;

  const command = (
    type: ChannelBotCommand['type'],
    fields: Record<string, unknown> = {},
  ): ChannelBotCommand =>
    ({
      type,
      actor: 'api-key-bots',
      correlationId: randomUUID(),
      botKey,
      communityId: community.communityId,
      channelId,
      ...fields,
    }) as ChannelBotCommand;

  /** Runs a bot command and decodes what it queued, as members of the community read it. */
  const sent = async (
    botCommand: BotMessageCommand,
  ): Promise<{ decoded: DecodedStatusMessage; messages: OutboundWakuMessage[] }> => {
    const job = await h.botCommand(botCommand);
    expect(job.failedReason).toBeUndefined();
    const messages = await h.waitForOutbound(2);
    expect(messages.map((message) => message.pubsubTopic)).toEqual([CONTENT, LEGACY]);
    const universal = memberUpdateChatId(community.communityId);
    for (const message of messages) expect(message.contentTopic).toBe(contentTopicForChatId(universal));
    const decoded = decodeOnly(messages, CONTENT, universal);
    expect(decoded.layers).toEqual(['protocol-message']);
    expect(publicKeyToHex(decoded.signer)).toBe(botKey);
    expect(publicKeyToHex(decoded.envelopeSigner)).toBe(botKey);
    expect(job.returnvalue.messageId).toBe(decoded.messageId);
    expect(job.returnvalue.clock).toBeGreaterThan(lastClock);
    lastClock = job.returnvalue.clock;
    return { decoded, messages };
  };

  const refused = async (botCommand: BotMessageCommand, code: string): Promise<void> => {
    const job = await h.botCommand(botCommand);
    expect(job.failedReason).toBeDefined();
    expect(job.attemptsMade).toBe(1);
    const audit = await h.prisma.auditLogEntry.findFirst({
      where: { action: botCommand.type, result: 'FAILURE' },
      orderBy: { id: 'desc' },
    });
    expect(audit?.errorCode).toBe(code);
    expect(await h.takeOutbound()).toEqual([]);
  };

  beforeAll(async () => {
    h = await createHarness('bots');
    await h.start();
    community = await createCommunity(h, 'Bot Land');
    const entry = unwrap(await h.keyring.import('IDENTITY_KEY', bot, h.tenantId, { actor: 'test' }));
    await h.prisma.identity.create({
      data: { tenantId: h.tenantId, publicKey: botKey, displayName: 'Helper Bot', keyId: entry.id },
    });
    // Accepted as a member (the request handler's job), then a channel: its publish lists both.
    await h.prisma.member.create({
      data: { communityId: community.communityId, memberKey: botKey, joinedAt: new Date() },
    });
    channelId = randomUUID();
    await h.command(newChannel(community.communityId, 'general', channelId));
    await h.waitForOutbound(2);
  });
  afterAll(() => h.close());

  let firstId = '';

  it('posts a ChatMessage, then a reply, on the universal -memberUpdate topic', async () => {
    const before = Date.now();
    const { decoded, messages } = await sent(command('message.send', { text: 'Hello from a bot' }));
    if (decoded.typeName !== 'CHAT_MESSAGE') throw new Error(decoded.typeName);
    const message = decoded.message;
    expect(message).toMatchObject({
      text: 'Hello from a bot',
      chatId: community.communityId + channelId,
      messageType: MessageType.COMMUNITY_CHAT,
      contentType: status.ChatMessage.ContentType.TEXT_PLAIN,
      displayName: 'Helper Bot',
      responseTo: '',
    });
    const clock = Number(message.clock);
    expect(clock).toBeGreaterThanOrEqual(before + 60_000);
    const wakuMs = wakuTimestampNsToMs(BigInt(messages[0]?.timestamp ?? '0'));
    expect(
      validateCommunityChatMessage(message, {
        wakuTimestampMs: Math.floor(wakuMs / 1000) * 1000,
        communityId: community.communityId,
      }).ok,
    ).toBe(true);
    firstId = decoded.messageId;

    const reply = await sent(command('message.send', { text: 'And a reply', replyTo: firstId }));
    if (reply.decoded.typeName !== 'CHAT_MESSAGE') throw new Error(reply.decoded.typeName);
    expect(reply.decoded.message.responseTo).toBe(firstId);
    expect(Number(reply.decoded.message.clock)).toBeGreaterThan(clock);
    const identity = await h.prisma.identity.findUniqueOrThrow({ where: { publicKey: botKey } });
    expect(Number(identity.lastClock)).toBe(lastClock);
  });

  it('edits its message and reacts to it', async () => {
    const edit = await sent(command('message.edit', { messageId: firstId, text: 'Hello, edited' }));
    if (edit.decoded.typeName !== 'EDIT_MESSAGE') throw new Error(edit.decoded.typeName);
    expect(edit.decoded.message).toMatchObject({
      messageId: firstId,
      text: 'Hello, edited',
      chatId: community.communityId + channelId,
      messageType: MessageType.COMMUNITY_CHAT,
    });

    const reaction = await sent(
      command('reaction.set', { messageId: firstId, emoji: 'THUMBS_UP', retracted: false }),
    );
    if (reaction.decoded.typeName !== 'EMOJI_REACTION') throw new Error(reaction.decoded.typeName);
    expect(reaction.decoded.message).toMatchObject({
      messageId: firstId,
      type: status.EmojiReaction.Type.THUMBS_UP,
      retracted: false,
      messageType: MessageType.COMMUNITY_CHAT,
    });
  });

  it('pins only once it is privileged, as receivers would require', async () => {
    await refused(command('message.pin', { messageId: firstId, pinned: true }), ErrorCode.FORBIDDEN);
    await h.command({
      type: 'member.set-roles',
      actor: 'test',
      correlationId: randomUUID(),
      communityId: community.communityId,
      memberKey: botKey,
      roles: ['ADMIN'],
    });
    await h.waitForOutbound(2);
    const pin = await sent(command('message.pin', { messageId: firstId, pinned: true }));
    if (pin.decoded.typeName !== 'PIN_MESSAGE') throw new Error(pin.decoded.typeName);
    expect(pin.decoded.message).toMatchObject({
      messageId: firstId,
      pinned: true,
      chatId: community.communityId + channelId,
    });
  });

  it("deletes someone else's message as a privileged member, naming itself in deleted_by", async () => {
    const author = publicKeyToHex(SecretKey.generate().publicKey);
    const messageId = `0x${randomBytes(32).toString('hex')}`;
    // As the indexer stores a member's message.
    await h.prisma.message.create({
      data: {
        id: messageId,
        communityId: community.communityId,
        channelId: community.communityId + channelId,
        authorKey: author,
        clock: Date.now(),
        timestamp: new Date(),
        text: 'spam',
        currentText: 'spam',
        contentType: 1,
        raw: randomBytes(10),
      },
    });
    const deleted = await sent(command('message.delete', { messageId }));
    if (deleted.decoded.typeName !== 'DELETE_MESSAGE') throw new Error(deleted.decoded.typeName);
    expect(deleted.decoded.message).toMatchObject({ messageId, deletedBy: botKey });
    // Its clock is above the stored message's, too.
    expect(lastClock).toBeGreaterThan(0);
  });

  it('refuses what receivers would drop: unknown bot, non-member, too long, unknown channel', async () => {
    await refused(
      { ...command('message.send', { text: 'hi' }), botKey: publicKeyToHex(SecretKey.generate().publicKey) },
      ErrorCode.NOT_FOUND,
    );
    await refused(command('message.send', { text: 'x'.repeat(4_097) }), ErrorCode.INVALID_CHAT_MESSAGE);
    await refused(
      { ...command('message.send', { text: 'hi' }), channelId: randomUUID() },
      ErrorCode.FORBIDDEN,
    );
    const other = await createCommunity(h, 'Elsewhere');
    await refused(
      { ...command('message.send', { text: 'hi' }), communityId: other.communityId },
      ErrorCode.FORBIDDEN,
    );
  });

  it('holds the first message of a bot accepted a moment ago until a description lists it, then sends it', async () => {
    const late = await createCommunity(h, 'Late Land');
    const lateChannel = randomUUID();
    await h.command(newChannel(late.communityId, 'general', lateChannel));
    await h.waitForOutbound(2);
    // Accepted (the request handler's write); the description listing the bot is not published yet.
    await h.prisma.member.create({
      data: { communityId: late.communityId, memberKey: botKey, joinedAt: new Date() },
    });
    const sending = h.botCommand({
      ...command('message.send', { text: 'first words' }),
      communityId: late.communityId,
      channelId: lateChannel,
    });
    // Its first attempt was refused as not a member and the job waits for its next one.
    await waitFor(
      'the message waiting for a description',
      async () => (await h.bots.getDelayedCount()) === 1,
    );
    expect(await h.takeOutbound()).toEqual([]);
    await h.command({
      type: 'community.update',
      actor: 'fixture',
      correlationId: randomUUID(),
      communityId: late.communityId,
      identity: { description: 'The bot is in' },
    });
    const job = await sending;
    // Done on a later attempt (BullMQ keeps the earlier attempt's failedReason).
    expect(await job.getState()).toBe('completed');
    expect(job.attemptsMade).toBeGreaterThan(1);
    // The new description (two shards) and the bot's message (two shards).
    const universal = memberUpdateChatId(late.communityId);
    const posted = (await h.waitForOutbound(4)).filter(
      (message) => message.contentTopic === contentTopicForChatId(universal),
    );
    const decoded = decodeOnly(posted, CONTENT, universal);
    expect(decoded.messageId).toBe(job.returnvalue.messageId);
    expect(publicKeyToHex(decoded.signer)).toBe(botKey);
  });

  it('asks to join another community as the Status app does, revealing a wallet the keyring holds', async () => {
    const foreign = await createCommunity(h, 'Foreign');
    const wallet = SecretKey.generate();
    unwrap(await h.keyring.import('WALLET_KEY', wallet, h.tenantId, { actor: 'test' }));
    const job = await h.botCommand({
      type: 'community.request-to-join',
      actor: 'api-key-bots',
      correlationId: randomUUID(),
      botKey,
      communityId: foreign.communityId,
      revealedAddresses: [wallet.address],
    });
    expect(job.failedReason).toBeUndefined();
    const messages = await h.waitForOutbound(2);
    expect(messages.map((message) => message.pubsubTopic)).toEqual(['/waku/2/rs/16/64', '/waku/2/rs/16/128']);
    const communityKey = unwrap(await h.keyring.open(foreign.keyId));
    const requestsTopic = contentTopicForChatId(unwrap(controlNodeRequestsChatId(communityKey.publicKey)));
    for (const message of messages) expect(message.contentTopic).toBe(requestsTopic);

    // Only the control node opens it (ECIES to the community key).
    const [request] = decodeMessages(messages.slice(0, 1), { privateKey: communityKey.reveal() });
    if (request?.typeName !== 'COMMUNITY_REQUEST_TO_JOIN') throw new Error('not a request to join');
    expect(publicKeyToHex(request.signer)).toBe(botKey);
    expect(request.message.displayName).toBe('Helper Bot');
    const stored = await h.prisma.community.findUniqueOrThrow({ where: { id: foreign.communityId } });
    const amm = unwrap(unwrapApplicationMessage(stored.descriptionRaw ?? new Uint8Array()));
    const description = unwrap(
      readCommunityDescription(
        unwrap(decodeProto(status.CommunityDescription, amm.payload)),
        foreign.communityId,
      ),
    );
    const verdict = unwrap(
      validateRequestToJoin(request.message, request.signer, {
        description,
        pendingCount: 0,
        nowMs: Date.now(),
      }),
    );
    expect(verdict.decision).toBe('accept');
    expect(`0x${Buffer.from(verdict.requestId).toString('hex')}`).toBe(job.returnvalue.messageId);
    // The community is hosted here: its request rows are the control node's (the request handler's), so the
    // bot side writes none.
    expect(await h.prisma.requestToJoin.findUnique({ where: { id: job.returnvalue.messageId } })).toBeNull();
  });

  it('refuses to reveal a wallet of another tenant, as if the keyring did not hold it', async () => {
    const foreign = await createCommunity(h, 'Other Tenant Wallet');
    const otherTenant = await h.prisma.tenant.create({
      data: { name: 'Other', slug: `other-${randomUUID()}` },
    });
    const wallet = SecretKey.generate();
    unwrap(await h.keyring.import('WALLET_KEY', wallet, otherTenant.id, { actor: 'test' }));
    await refused(
      {
        type: 'community.request-to-join',
        actor: 'api-key-bots',
        correlationId: randomUUID(),
        botKey,
        communityId: foreign.communityId,
        revealedAddresses: [wallet.address],
      },
      ErrorCode.NOT_FOUND,
    );
  });

  it('keeps bot and wallet keys out of logs, job data and the audit log', async () => {
    const jobs = await h.bots.getJobs(['completed', 'failed']);
    const text = JSON.stringify(
      jobs.map((job) => [job.data, job.returnvalue, job.progress, job.failedReason]),
    );
    const audit = JSON.stringify((await h.prisma.auditLogEntry.findMany()).map((line) => line.input));
    for (const haystack of [text, audit, h.logLines.join('')])
      expect(haystack).not.toContain(bot.revealHex());
  });
});
