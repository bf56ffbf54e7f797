// A bot's 1:1 commands (direct.send, direct.contact-request, direct.contact-accept, direct.invite): the
// message built as the Status app builds it, signed, wrapped in MVDS, sealed to the peer (sessions + bundle),
// and recorded with the advanced sessions, the contact change and the bot's clock in one transaction, then
// queued; re-sent by the sweep until acknowledged. Prepared messages are kept in the job's progress so that
// a retry queues the same bytes. SG protocol/messenger_messages.go sendChatMessage, messenger_contacts.go,
// messenger_communities.go ShareCommunity; one-to-one.md §3.
import { randomInt } from 'node:crypto';
import type { Job } from 'bullmq';
import { z } from 'zod';
import { hexToBytesOrThrow } from '@status-communities/crypto';
import type { Result } from '@status-communities/errors';
import { ErrorCode, StatusError, fail, ok } from '@status-communities/errors';
import {
  communityTagIndex,
  encodeMvdsPayload,
  messageIdOf,
  mvdsMessageId,
  mvdsResendDelayMs,
  nextMessageClock,
  oneToOneGroupId,
  wrapApplicationMessage,
} from '@status-communities/protocol';
import type { JobData, QueueName } from '@status-communities/queue';
import {
  OutboundWakuMessageSchema,
  PermanentJobError,
  announceRoutesChanged,
  enqueueOutbound,
} from '@status-communities/queue';
import type { BotOutcome } from '../bots/bot-handler.js';
import { knownDescription } from '../bots/bot-handler.js';
import type { OpenedBot } from './bot.js';
import { openBot } from './bot.js';
import { readContact, writeContact } from './contacts.js';
import type { DirectContext } from './context.js';
import type { Conversation } from './conversation.js';
import { loadConversation, sealInput } from './conversation.js';
import type { DirectSendCommand, Invite } from './outbound-messages.js';
import { buildInner } from './outbound-messages.js';
import { directOutbound, saveSessions, withSessionRetries } from './persist.js';
import { negotiatedTopicWith, sealForPeer } from './seal.js';

type BotJob = Job<JobData<typeof QueueName.BOT_MESSAGES>, unknown, string>;

const PreparedSchema = z.object({
  messageId: z.string(),
  clock: z.number().int().nonnegative(),
  outbound: z.array(OutboundWakuMessageSchema),
  /** A negotiated topic with the peer was recorded with it: announced before the message is queued. */
  newTopic: z.boolean(),
});
type Prepared = z.infer<typeof PreparedSchema>;

/** The community as its share link shows it: the last description we know. */
const inviteOf = async (context: DirectContext, communityId: string): Promise<Result<Invite>> => {
  const known = await knownDescription(context, communityId);
  if (!known.ok) return known;
  const { description, shard } = known.value;
  return ok({
    communityKey: hexToBytesOrThrow(communityId),
    community: {
      displayName: description.identity.displayName,
      description: description.identity.description,
      membersCount: description.members.size,
      color: description.identity.color,
      tagIndices: description.tags.flatMap((tag) => communityTagIndex(tag) ?? []),
    },
    shard,
  });
};

/** Next send time after `sendCount` sends (MVDS backoff with the app's jitter), or null when done. */
export const nextSendAt = (sendCount: number, nowMs: number): Date | null => {
  const delay = mvdsResendDelayMs(sendCount, randomInt(30));
  return delay === null ? null : new Date(nowMs + delay);
};

/** The MVDS payload carrying one message: its timestamp is the send second, so a re-send has the same id. */
export const mvdsEnvelope = (botKey: string, peerKey: string, body: Uint8Array, sentAtMs: number) => {
  const groupId = oneToOneGroupId(hexToBytesOrThrow(botKey), hexToBytesOrThrow(peerKey));
  if (!groupId.ok) return groupId;
  const message = { groupId: groupId.value, timestamp: BigInt(Math.floor(sentAtMs / 1000)), body };
  return ok({ id: mvdsMessageId(message), plaintext: encodeMvdsPayload({ messages: [message] }) });
};

const prepare = async (
  context: DirectContext,
  bot: OpenedBot,
  command: DirectSendCommand,
  conversation: Conversation,
  invite: Invite | undefined,
): Promise<Prepared> => {
  const { identity } = bot;
  const { peerKey } = command;
  const nowMs = context.clock();
  return context.prisma.$transaction(async (tx) => {
    // The clock under the identity's row lock, as bot-handler allocates it: above the bot's last message in
    // any chat and above the last of this conversation.
    const [locked] = await tx.$queryRaw<{ last_clock: bigint }[]>`
      SELECT last_clock FROM identities WHERE id = ${identity.id}::uuid FOR UPDATE`;
    // This command committed before (its job died before noting it): its message stands, and the sweep sends
    // it now if it is still unacknowledged — no second message, no session stepped twice.
    const committed = await tx.directMessage.findUnique({
      where: { commandId: command.correlationId },
      select: { id: true, clock: true },
    });
    if (committed) {
      await tx.directMessage.updateMany({
        where: { id: committed.id, acknowledgedAt: null },
        data: { nextSendAt: new Date(nowMs) },
      });
      return { messageId: committed.id, clock: Number(committed.clock), outbound: [], newTopic: false };
    }
    const latest = await tx.directMessage.aggregate({
      where: { identityId: identity.id, peerKey },
      _max: { clock: true },
    });
    const last = [locked?.last_clock ?? 0n, latest._max.clock ?? 0n].reduce((a, b) => (a > b ? a : b));
    const clock = nextMessageClock(Number(last), nowMs);
    const contact = await readContact(tx, identity.id, peerKey);
    const built = buildInner(command, {
      clock,
      nowMs,
      displayName: identity.displayName,
      contact,
      ...(invite && { invite }),
    });
    if (!built.ok) throw built.error;
    const amm = wrapApplicationMessage(built.value.type, built.value.payload, bot.key.reveal());
    const messageId = messageIdOf(hexToBytesOrThrow(identity.publicKey), amm);
    const mvds = mvdsEnvelope(identity.publicKey, peerKey, amm, nowMs);
    if (!mvds.ok) throw mvds.error;
    const sealed = sealForPeer(sealInput(bot, peerKey, conversation, mvds.value.plaintext));
    if (!sealed.ok) throw sealed.error;
    await saveSessions(context, tx, identity.id, peerKey, conversation.stored, sealed.value.working);
    // The peer moves to the negotiated topic once it reads our bundle, if its installation negotiates: that
    // topic is routed to us from this message on (as on receipt of its bundle, receive.ts).
    const negotiates = conversation.installations.some((installation) => installation.protocolVersion >= 1);
    const topic =
      sealed.value.negotiated ?? (negotiates ? negotiatedTopicWith(bot.key.reveal(), peerKey) : undefined);
    const contentTopic = typeof topic === 'string' ? topic : topic?.ok ? topic.value.contentTopic : undefined;
    const newTopic =
      contentTopic !== undefined &&
      (
        await tx.directTopic.createMany({
          data: [{ contentTopic, identityId: identity.id, peerKey }],
          skipDuplicates: true,
        })
      ).count > 0;
    await tx.identity.update({ where: { id: identity.id }, data: { lastClock: clock } });
    await tx.directMessage.create({
      data: {
        id: messageId,
        identityId: identity.id,
        tenantId: identity.tenantId,
        peerKey,
        direction: 'OUTBOUND',
        kind: built.value.kind,
        contentType: built.value.contentType,
        text: built.value.text,
        replyTo: built.value.replyTo,
        clock: BigInt(clock),
        sentAt: new Date(nowMs),
        mvdsId: new Uint8Array(mvds.value.id),
        body: new Uint8Array(amm),
        sendCount: 1,
        nextSendAt: nextSendAt(1, nowMs),
        commandId: command.correlationId,
      },
    });
    if (built.value.contact)
      await writeContact(tx, identity.id, peerKey, built.value.contact(contact, messageId));
    return {
      messageId,
      clock,
      outbound: directOutbound(sealed.value, nowMs, command.correlationId),
      newTopic,
    };
  });
};

/** Everything up to the prepared message; refusals (unknown bot or community, nothing to accept) as results. */
const prepareCommand = async (
  context: DirectContext,
  command: DirectSendCommand,
): Promise<Result<Prepared>> => {
  if (command.peerKey === command.botKey)
    return fail(ErrorCode.BAD_USER_INPUT, 'a bot does not write to itself', { botKey: command.botKey });
  const bot = await openBot(context, command.botKey);
  if (!bot.ok) return bot;
  try {
    const invite =
      command.type === 'direct.invite' ? await inviteOf(context, command.communityId) : undefined;
    if (invite && !invite.ok) return invite;
    return await withSessionRetries(async () => {
      const conversation = await loadConversation(context, bot.value, command.peerKey, context.clock());
      if (!conversation.ok) return conversation;
      return ok(await prepare(context, bot.value, command, conversation.value, invite?.value));
    });
  } catch (error) {
    if (error instanceof StatusError) return fail(error.code, error.message, error.details);
    throw error;
  } finally {
    bot.value.key.wipe();
  }
};

export const handleDirectCommand = async (
  context: DirectContext,
  command: DirectSendCommand,
  job: BotJob,
): Promise<BotOutcome> => {
  const earlier = PreparedSchema.safeParse(job.progress);
  let prepared: Prepared;
  if (earlier.success) {
    prepared = earlier.data;
  } else {
    const built = await prepareCommand(context, command);
    if (!built.ok) {
      context.metrics.botMessages.inc({ type: command.type, result: built.error.code });
      throw new PermanentJobError(
        built.error.code,
        `${built.error.code}: ${built.error.message}`,
        built.error.details,
      );
    }
    prepared = built.value;
    await job.updateProgress(prepared);
  }
  if (prepared.newTopic) await announceRoutesChanged(context.redis, context.prefix);
  const queued = await enqueueOutbound(context.outboundQueue, prepared.outbound, `direct-${job.id}`);
  if (!queued.ok) throw queued.error;
  context.metrics.botMessages.inc({ type: command.type, result: 'published' });
  context.metrics.outbound.inc({ kind: 'direct_message' }, prepared.outbound.length);
  context.logger.info(
    {
      type: command.type,
      peerKey: command.peerKey,
      messageId: prepared.messageId,
      correlationId: command.correlationId,
    },
    '1:1 message queued',
  );
  return { messageId: prepared.messageId, clock: prepared.clock };
};
