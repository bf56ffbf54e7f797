import type { z } from 'zod';
import { ErrorCode } from '@status-communities/errors';
import { checkChatMessageText } from '@status-communities/protocol';
import type { BotMessageCommand } from '@status-communities/queue';
import {
  CreateIdentityCommandSchema,
  DeleteMessageCommandSchema,
  EditMessageCommandSchema,
  PinMessageCommandSchema,
  RequestToJoinCommandSchema,
  SendMessageCommandSchema,
  SetReactionCommandSchema,
} from '@status-communities/queue';
import { isUserError, visibleCommunity } from '../communities/hosted-community.js';
import type { ApiContext } from '../context.js';
import type {
  BotRequestToJoinInput,
  CreateBotIdentityInput,
  DeleteMessageInput,
  EditMessageInput,
  PinMessageInput,
  ReactInput,
  Resolvers,
  SendMessageInput,
} from '../generated/graphql.js';
import type { FieldCheck } from '../mutations/input-checks.js';
import type { CommandPayloadValue } from '../mutations/queue-command.js';
import { commandBase, queueCommand } from '../mutations/queue-command.js';
import { mutationResolver } from '../mutations/run-mutation.js';
import { userError } from '../mutations/user-errors.js';

type InChannel = {
  bot: { botKey: string; communityId: string; channelId: string };
  idempotencyKey?: string | null;
};

/** The bot must be one of the caller's tenant's identities, acting in a community the caller sees. */
const checkBot = async (
  context: ApiContext,
  botKey: string,
  communityId: string,
  field: string[],
): Promise<CommandPayloadValue | null> => {
  const identity = await context.services.prisma.identity.findFirst({
    where: { publicKey: botKey, tenantId: context.caller.tenantId },
    select: { id: true },
  });
  if (!identity)
    return {
      userErrors: [
        userError(ErrorCode.NOT_FOUND, 'No bot identity of yours has this key', [...field, 'botKey']),
      ],
    };
  const community = await visibleCommunity(context, communityId);
  return isUserError(community) ? { userErrors: [{ ...community, field: [...field, 'communityId'] }] } : null;
};

/** Identities belong to the whole tenant: a key bound to one community may use them, not make them. */
const unboundKey = (context: ApiContext): CommandPayloadValue | null =>
  context.caller.communityId === null
    ? null
    : {
        userErrors: [
          userError(ErrorCode.FORBIDDEN, 'A key bound to one community cannot create bot identities'),
        ],
      };

/** A bot.messages command (messages:write) for a bot in a channel. */
const inChannel = <I extends InChannel>(
  action: string,
  schema: z.ZodType<BotMessageCommand>,
  build: (input: I) => Record<string, unknown> & { type: string },
  checks?: (input: I) => readonly FieldCheck[],
) =>
  mutationResolver({
    action,
    scope: 'MESSAGES_WRITE',
    ...(checks ? { checks } : {}),
    communityOf: (input: I) => input.bot.communityId,
    execute: async (input: I, context, commandId): Promise<CommandPayloadValue> =>
      (await checkBot(context, input.bot.botKey, input.bot.communityId, ['input', 'bot'])) ??
      queueCommand(context, context.services.queues.botMessages, schema, {
        ...build(input),
        ...commandBase(context, commandId),
        botKey: input.bot.botKey,
        communityId: input.bot.communityId,
        channelId: input.bot.channelId,
      }),
  });

/** Receivers drop a blank text or one over 4,096 characters (status-go ValidateText): refused before queueing. */
const textChecks = (input: SendMessageInput | EditMessageInput): FieldCheck[] => [
  [['input', 'text'], input.text, checkChatMessageText],
];

export const botMutations: Resolvers['Mutation'] = {
  sendMessage: inChannel(
    'message.send',
    SendMessageCommandSchema,
    (input: SendMessageInput) => ({
      type: 'message.send',
      text: input.text,
      ...(input.replyTo == null ? {} : { replyTo: input.replyTo }),
    }),
    textChecks,
  ),
  editMessage: inChannel(
    'message.edit',
    EditMessageCommandSchema,
    (input: EditMessageInput) => ({
      type: 'message.edit',
      messageId: input.messageId,
      text: input.text,
    }),
    textChecks,
  ),
  deleteMessage: inChannel('message.delete', DeleteMessageCommandSchema, (input: DeleteMessageInput) => ({
    type: 'message.delete',
    messageId: input.messageId,
  })),
  react: inChannel('reaction.set', SetReactionCommandSchema, (input: ReactInput) => ({
    type: 'reaction.set',
    messageId: input.messageId,
    emoji: input.emoji,
    retracted: input.retracted ?? false,
  })),
  pinMessage: inChannel('message.pin', PinMessageCommandSchema, (input: PinMessageInput) => ({
    type: 'message.pin',
    messageId: input.messageId,
    pinned: input.pinned ?? true,
  })),
  botRequestToJoin: mutationResolver({
    action: 'community.request-to-join',
    scope: 'MESSAGES_WRITE',
    communityOf: (input: BotRequestToJoinInput) => input.communityId,
    execute: async (input: BotRequestToJoinInput, context, commandId): Promise<CommandPayloadValue> =>
      (await checkBot(context, input.botKey, input.communityId, ['input'])) ??
      queueCommand(context, context.services.queues.botMessages, RequestToJoinCommandSchema, {
        type: 'community.request-to-join',
        ...commandBase(context, commandId),
        botKey: input.botKey,
        communityId: input.communityId,
        revealedAddresses: input.revealedAddresses,
      }),
  }),
  // owner:control, as createCommunity: it puts new keys in the keyring and gives every messages:write key of
  // the tenant one more member to speak as. The publisher makes it: the api may not open the keyring.
  createBotIdentity: mutationResolver({
    action: 'identity.create',
    scope: 'OWNER_CONTROL',
    execute: async (input: CreateBotIdentityInput, context, commandId): Promise<CommandPayloadValue> =>
      unboundKey(context) ??
      queueCommand(context, context.services.queues.botMessages, CreateIdentityCommandSchema, {
        type: 'identity.create',
        ...commandBase(context, commandId),
        tenantId: context.caller.tenantId,
        displayName: input.displayName,
        withWallet: input.withWallet ?? true,
      }),
  }),
};
