import { z } from 'zod';
import { EmojiSchema } from '../events/domain-events.js';
import { command } from './command-base.js';
import { ChannelIdSchema, CommunityIdSchema, PrefixedHexSchema, PublicKeySchema } from './primitives.js';

const BotInChannel = {
  /** The bot identity's public key; its private key stays in the keyring. */
  botKey: PublicKeySchema,
  communityId: CommunityIdSchema,
  channelId: ChannelIdSchema,
};

export const SendMessageCommandSchema = command('message.send', {
  ...BotInChannel,
  text: z.string().min(1),
  replyTo: PrefixedHexSchema.optional(),
});
export const EditMessageCommandSchema = command('message.edit', {
  ...BotInChannel,
  messageId: PrefixedHexSchema,
  text: z.string().min(1),
});
export const DeleteMessageCommandSchema = command('message.delete', {
  ...BotInChannel,
  messageId: PrefixedHexSchema,
});
export const SetReactionCommandSchema = command('reaction.set', {
  ...BotInChannel,
  messageId: PrefixedHexSchema,
  emoji: EmojiSchema,
  retracted: z.boolean(),
});
export const PinMessageCommandSchema = command('message.pin', {
  ...BotInChannel,
  messageId: PrefixedHexSchema,
  pinned: z.boolean(),
});
export const RequestToJoinCommandSchema = command('community.request-to-join', {
  botKey: PublicKeySchema,
  communityId: CommunityIdSchema,
  /** Wallet addresses to reveal; their keys are in the keyring. */
  revealedAddresses: z.array(z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'expected an address')),
});

/** queue `bot.messages` (api → publisher): what a bot says or does, as a Status app member would. */
export const BotMessageCommandSchema = z.discriminatedUnion('type', [
  SendMessageCommandSchema,
  EditMessageCommandSchema,
  DeleteMessageCommandSchema,
  SetReactionCommandSchema,
  PinMessageCommandSchema,
  RequestToJoinCommandSchema,
]);
export type BotMessageCommand = z.infer<typeof BotMessageCommandSchema>;
