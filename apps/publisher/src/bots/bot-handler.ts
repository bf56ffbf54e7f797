import type { Job } from 'bullmq';
import { z } from 'zod';
import { bytesToPrefixedHex, hexToBytesOrThrow, symKeyFor } from '@status-communities/crypto';
import type { Prisma } from '@status-communities/db';
import { writeAudit } from '@status-communities/db';
import type { Result } from '@status-communities/errors';
import { ErrorCode, StatusError, fail, ok } from '@status-communities/errors';
import type { SecretKey } from '@status-communities/keyring';
import { decodeProto, encodeProto, status } from '@status-communities/proto';
import type { CommunityDescriptionModel } from '@status-communities/protocol';
import {
  canDeleteMessage,
  canEditMessage,
  canPost,
  controlNodeRequestsChatId,
  encodeStatusMessage,
  memberUpdateChatId,
  nextMessageClock,
  readCommunityDescription,
  requestClockSeconds,
  requestToJoinId,
  signRevealedAccount,
  unwrapApplicationMessage,
} from '@status-communities/protocol';
import type { BotMessageCommand, JobData, QueueName } from '@status-communities/queue';
import {
  OutboundWakuMessageSchema,
  PermanentJobError,
  RetryLaterError,
  enqueueOutbound,
  toOutboundMessages,
} from '@status-communities/queue';
import type { PublisherContext } from '../context.js';
import { encodeForDestination } from '../outbound.js';
import { buildBotMessage } from './bot-message.js';
import type { ChannelBotCommand, DirectCommand } from './bot-message.js';
import { channelProtocolLayer, openDescription } from './group-encryption.js';

type BotJob = Job<JobData<typeof QueueName.BOT_MESSAGES>, unknown, string>;
/** What a bot does as a member (signed messages); `identity.create` is the identity handler's. */
type BotActionCommand = Exclude<
  BotMessageCommand,
  { type: 'identity.create' | 'member.keys' | DirectCommand['type'] }
>;
type JoinCommand = Extract<BotMessageCommand, { type: 'community.request-to-join' }>;

const AppType = status.ApplicationMetadataMessage.Type;

/** What a bot command produced: the id receivers give the message (a request's id for a join request). */
export interface BotOutcome {
  readonly messageId: string;
  readonly clock: number;
}

/**
 * Signed and encrypted messages are kept in the job's progress before they are queued: a retry queues the
 * same bytes (same clock, same message id) under the same job ids instead of building another message.
 */
const PreparedSchema = z.object({
  messageId: z.string(),
  clock: z.number().int().nonnegative(),
  outbound: z.array(OutboundWakuMessageSchema),
});
type Prepared = z.infer<typeof PreparedSchema>;

const AMM_TYPES: Record<ChannelBotCommand['type'], status.ApplicationMetadataMessage.Type> = {
  'message.send': AppType.CHAT_MESSAGE,
  'message.edit': AppType.EDIT_MESSAGE,
  'message.delete': AppType.DELETE_MESSAGE,
  'reaction.set': AppType.EMOJI_REACTION,
  'message.pin': AppType.PIN_MESSAGE,
};

/** The community as receivers judge a bot's message: its last description we know (published or seen). */
export const knownDescription = async (
  context: PublisherContext,
  communityId: string,
): Promise<
  Result<{
    description: CommunityDescriptionModel;
    /** The same description with the private parts our keys open merged in (channel bloom filters). */
    opened: status.CommunityDescription.$Properties;
    shard: { cluster: number; index: number } | null;
    /** Run here as control node: the request handler keeps its requests. */
    hosted: boolean;
    /** "0x04…" key that signs descriptions when it is not the community key (token-owned communities). */
    controlNodeKey: string | null;
  }>
> => {
  const row = await context.prisma.community.findUnique({ where: { id: communityId } });
  const missing = fail(ErrorCode.NOT_FOUND, 'no description of this community is known yet', { communityId });
  if (!row?.descriptionRaw) return missing;
  const amm = unwrapApplicationMessage(row.descriptionRaw);
  if (!amm.ok) return missing;
  const proto = decodeProto(status.CommunityDescription, amm.value.payload);
  if (!proto.ok) return missing;
  // An encrypted community lists its members in privateData: the bot is judged on what it can open.
  const opened = await openDescription(context.groupKeys, communityId, proto.value);
  if (!opened.ok) return opened;
  const description = readCommunityDescription(opened.value, communityId);
  if (!description.ok) return missing;
  const shard =
    row.shardCluster === null || row.shardIndex === null
      ? null
      : { cluster: row.shardCluster, index: row.shardIndex };
  return ok({
    description: description.value,
    opened: opened.value,
    shard,
    hosted: row.kind === 'HOSTED',
    controlNodeKey: row.controlNodeKey,
  });
};

/**
 * The next clock of the bot in this channel, above both its own last message (any chat) and the last
 * message the indexer stored in the channel, recorded under the identity's row lock so two messages of one
 * bot never share a clock. SG protocol/v1/clock.go CalcMessageClock (chat.LastClockValue).
 */
const allocateClock = (
  context: PublisherContext,
  botKey: string,
  chatId: string,
  nowMs: number,
): Promise<number> =>
  context.prisma.$transaction(async (tx) => {
    const [identity] = await tx.$queryRaw<{ last_clock: bigint }[]>`
      SELECT last_clock FROM identities WHERE public_key = ${botKey} FOR UPDATE`;
    const latest = await tx.message.aggregate({ where: { channelId: chatId }, _max: { clock: true } });
    const last = [identity?.last_clock ?? 0n, latest._max.clock ?? 0n].reduce((a, b) => (a > b ? a : b));
    const clock = nextMessageClock(Number(last), nowMs);
    await tx.identity.update({ where: { publicKey: botKey }, data: { lastClock: clock } });
    return clock;
  });

/** Checks the bot may do this where receivers will judge it, builds, signs and encrypts the message. */
const prepareChannelMessage = async (
  context: PublisherContext,
  command: ChannelBotCommand,
  identity: { displayName: string },
  key: SecretKey,
): Promise<Result<Prepared>> => {
  const known = await knownDescription(context, command.communityId);
  if (!known.ok) return known;
  const { description, shard } = known.value;
  const allowed = canPost(description, command.channelId, command.botKey, AMM_TYPES[command.type]);
  if (!allowed.ok) return allowed;
  const chatId = command.communityId + command.channelId;
  let deletedBy: string | undefined;
  if (command.type === 'message.edit' || command.type === 'message.delete') {
    // Unknown targets (not indexed yet) are left to receivers, which know the author.
    const target = await context.prisma.message.findUnique({ where: { id: command.messageId } });
    if (target) {
      const actors = { authorKey: target.authorKey, actorKey: command.botKey };
      const may =
        command.type === 'message.edit'
          ? canEditMessage(description, actors)
          : canDeleteMessage(description, actors);
      if (!may.ok) return may;
      if (target.authorKey !== command.botKey) deletedBy = command.botKey;
    }
  }

  const nowMs = context.clock();
  const clock = await allocateClock(context, command.botKey, chatId, nowMs);
  const inner = buildBotMessage(command, {
    clock,
    nowMs,
    displayName: identity.displayName,
    ...(deletedBy === undefined ? {} : { deletedBy }),
  });
  if (!inner.ok) return inner;
  const protocolLayer = await channelProtocolLayer({
    groupKeys: context.groupKeys,
    description,
    channelId: command.channelId,
    type: inner.value.type,
    installationId: context.settings.installationId,
  });
  if (!protocolLayer.ok) return protocolLayer;
  const universal = memberUpdateChatId(command.communityId);
  const symKey = symKeyFor(universal);
  const destination = {
    kind: 'channelMessage',
    chatId: universal,
    communityShard: shard,
    profile: context.settings.shardProfile,
  } as const;
  // SG message_sender.go SendPublic: channel messages go in ProtocolMessage.public_message, or under the
  // group's hash ratchet in an encrypted channel or community.
  const routed = encodeForDestination(destination, () =>
    encodeStatusMessage({
      ...inner.value,
      signerPriv: key.reveal(),
      envelope: { symKey },
      wrapInProtocolMessage: true,
      ...(protocolLayer.value && { protocolLayer: protocolLayer.value }),
      maxSegmentSize: context.settings.maxSegmentBytes,
    }),
  );
  if (!routed.ok) return routed;
  const { encoded, messages } = routed.value;
  return ok({
    messageId: encoded.messageId,
    clock,
    outbound: toOutboundMessages(messages, nowMs, command.correlationId),
  });
};

/**
 * A bot's message to a community's control node, as the Status app sends its requests: signed by the bot,
 * ECIES to the community key on the control node's requests topic. Used by the request to join and the
 * request for missing keys. SG messenger_communities.go SendMessageToControlNode.
 */
export const encodeToControlNode = (
  context: PublisherContext,
  message: {
    readonly communityKey: string;
    readonly shard: { cluster: number; index: number } | null;
    readonly type: status.ApplicationMetadataMessage.Type;
    readonly payload: Uint8Array;
    readonly signer: SecretKey;
  },
): ReturnType<typeof encodeForDestination> => {
  const requestsChatId = controlNodeRequestsChatId(hexToBytesOrThrow(message.communityKey));
  if (!requestsChatId.ok) return requestsChatId;
  return encodeForDestination(
    {
      kind: 'requestToJoin',
      chatId: requestsChatId.value,
      communityShard: message.shard,
      profile: context.settings.shardProfile,
    },
    () =>
      encodeStatusMessage({
        type: message.type,
        payload: message.payload,
        signerPriv: message.signer.reveal(),
        envelope: { recipientPublicKey: hexToBytesOrThrow(message.communityKey) },
        maxSegmentSize: context.settings.maxSegmentBytes,
      }),
  );
};

/**
 * A bot's request to join a community run by any control node, as the Status app sends it: revealed
 * wallets signed by keys the keyring holds, ECIES to the community key on its requests topic.
 * SG protocol/messenger_communities.go RequestToJoinCommunity; status-wire.md §2.2, §6.
 */
const prepareRequestToJoin = async (
  context: PublisherContext,
  command: JoinCommand,
  identity: { displayName: string; tenantId: string },
  key: SecretKey,
): Promise<Result<Prepared>> => {
  const known = await knownDescription(context, command.communityId);
  if (!known.ok) return known;
  if (command.revealedAddresses.length === 0)
    return fail(
      ErrorCode.BAD_USER_INPUT,
      'a request to join reveals at least one address (status-go requires it)',
    );
  const communityId = hexToBytesOrThrow(command.communityId);
  const accounts: status.RevealedAccount[] = [];
  for (const [index, address] of command.revealedAddresses.entries()) {
    const entry = await context.keyring.entryByPublicKey(address);
    // Another tenant's wallet is as unknown as no wallet: a bot may reveal only its own tenant's accounts.
    if (!entry.ok || entry.value.purpose !== 'WALLET_KEY' || entry.value.tenantId !== identity.tenantId)
      return fail(ErrorCode.NOT_FOUND, 'no wallet key for this address in the keyring', { address });
    const wallet = await context.keyring.open(entry.value.id);
    if (!wallet.ok) return wallet;
    try {
      // The first address receives airdrops, as the app's default.
      const account = signRevealedAccount({
        walletPrivateKey: wallet.value.reveal(),
        requesterPublicKey: key.publicKey,
        communityId,
        isAirdropAddress: index === 0,
      });
      if (!account.ok) return account;
      accounts.push(account.value);
    } finally {
      wallet.value.wipe();
    }
  }
  const nowMs = context.clock();
  const clock = requestClockSeconds(nowMs);
  const request = status.CommunityRequestToJoin.create({
    clock,
    communityId,
    displayName: identity.displayName,
    revealedAccounts: accounts,
  });
  const routed = encodeToControlNode(context, {
    communityKey: known.value.description.communityKey,
    shard: known.value.shard,
    type: AppType.COMMUNITY_REQUEST_TO_JOIN,
    payload: encodeProto(status.CommunityRequestToJoin, request),
    signer: key,
  });
  if (!routed.ok) return routed;
  const { messages } = routed.value;
  const requestId = bytesToPrefixedHex(requestToJoinId(command.botKey, command.communityId));
  // The row of a community hosted here is the control node's: the request handler writes it when the request
  // arrives (a row written first would make it look handled already).
  if (!known.value.hosted)
    await context.prisma.requestToJoin.upsert({
      where: { id: requestId },
      create: {
        id: requestId,
        communityId: command.communityId,
        requesterKey: command.botKey,
        clock,
        displayName: identity.displayName,
        revealedAccounts: accounts.map((account) => ({
          address: account.address,
          isAirdropAddress: account.isAirdropAddress,
        })) as Prisma.InputJsonArray,
      },
      update: { clock, state: 'PENDING', decidedAt: null, decidedBy: null },
    });
  return ok({
    messageId: requestId,
    clock,
    outbound: toOutboundMessages(messages, nowMs, command.correlationId),
  });
};

/** The command as the audit log keeps it: who, where, which message; never the text. */
const auditInput = (command: BotActionCommand): Prisma.InputJsonObject => {
  const { actor: _actor, ...rest } = command;
  const { text: _text, ...withoutText } = rest as typeof rest & { text?: string };
  return JSON.parse(JSON.stringify(withoutText)) as Prisma.InputJsonObject;
};

/**
 * A bot accepted a moment ago is a member before any description says so: its control node lists it in the next
 * one. Refused as not a member then, its message waits for that description (the job retries) instead of being
 * lost — sending it anyway would not help, receivers drop a post from someone their description does not list.
 */
const membershipOnItsWay = async (
  context: PublisherContext,
  command: ChannelBotCommand,
  refusal: StatusError,
): Promise<boolean> => {
  const reason = refusal.details['reason'];
  if (
    refusal.code !== ErrorCode.FORBIDDEN ||
    (reason !== 'not-a-member' && reason !== 'not-a-channel-member')
  )
    return false;
  const where = { communityId: command.communityId };
  const [member, accepted] = await Promise.all([
    context.prisma.member.findFirst({
      where: { ...where, memberKey: command.botKey, state: 'ACTIVE' },
      select: { memberKey: true },
    }),
    context.prisma.requestToJoin.findFirst({
      where: { ...where, requesterKey: command.botKey, state: 'ACCEPTED' },
      select: { id: true },
    }),
  ]);
  return member !== null || accepted !== null;
};

const isLastAttempt = (job: BotJob): boolean => job.attemptsMade + 1 >= (job.opts.attempts ?? 1);

/**
 * A bot command: the bot's key from the keyring, the message built and signed as a Status app member
 * would, queued as finished Waku messages. Refusals (unknown bot or community, not allowed, invalid) fail
 * the job at once and are audited — except a bot's message sent before its acceptance reached a description,
 * which is tried again until its attempts run out.
 */
export const handleBotCommand = async (
  context: PublisherContext,
  command: BotActionCommand,
  job: BotJob,
): Promise<BotOutcome> => {
  const audit = async (result: Result<unknown>) => {
    const community = await context.prisma.community.findUnique({
      where: { id: command.communityId },
      select: { tenantId: true },
    });
    await writeAudit(context.prisma, {
      tenantId: community?.tenantId ?? null,
      communityId: command.communityId,
      actor: command.actor,
      action: command.type,
      input: auditInput(command),
      result,
    });
  };
  const refuse = async (error: StatusError): Promise<never> => {
    await audit(fail(error.code, error.message));
    context.metrics.botMessages.inc({ type: command.type, result: error.code });
    throw new PermanentJobError(error.code, error.message, error.details);
  };

  const earlier = PreparedSchema.safeParse(job.progress);
  let prepared: Prepared;
  if (earlier.success) {
    prepared = earlier.data;
  } else {
    const identity = await context.prisma.identity.findUnique({ where: { publicKey: command.botKey } });
    if (!identity)
      return refuse(new StatusError(ErrorCode.NOT_FOUND, 'no such bot identity', { botKey: command.botKey }));
    const key = await context.keyring.open(identity.keyId);
    if (!key.ok) return refuse(key.error);
    let built: Result<Prepared>;
    try {
      built =
        command.type === 'community.request-to-join'
          ? await prepareRequestToJoin(context, command, identity, key.value)
          : await prepareChannelMessage(context, command, identity, key.value);
    } finally {
      key.value.wipe();
    }
    if (!built.ok) {
      if (
        command.type !== 'community.request-to-join' &&
        !isLastAttempt(job) &&
        (await membershipOnItsWay(context, command, built.error))
      ) {
        context.metrics.botMessages.inc({ type: command.type, result: 'awaiting-description' });
        throw new RetryLaterError('the bot is accepted but no description lists it yet', {
          communityId: command.communityId,
          botKey: command.botKey,
        });
      }
      return refuse(built.error);
    }
    prepared = built.value;
    await job.updateProgress(prepared);
  }

  const queued = await enqueueOutbound(context.outboundQueue, prepared.outbound, `bot-${job.id}`);
  if (!queued.ok) throw queued.error;
  await audit(ok(undefined));
  context.metrics.botMessages.inc({ type: command.type, result: 'published' });
  context.metrics.outbound.inc({ kind: 'bot_message' }, prepared.outbound.length);
  context.logger.info(
    {
      type: command.type,
      communityId: command.communityId,
      messageId: prepared.messageId,
      correlationId: command.correlationId,
    },
    'bot message queued',
  );
  return { messageId: prepared.messageId, clock: prepared.clock };
};
