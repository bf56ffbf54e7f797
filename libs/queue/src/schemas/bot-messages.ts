import { z } from 'zod';
import { EmojiSchema } from '../events/domain-events.js';
import { command } from './command-base.js';
import { ChannelIdSchema, CommunityIdSchema, PrefixedHexSchema, PublicKeySchema } from './primitives.js';
import { InboundWakuMessageSchema } from './waku-messages.js';

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
  /** Wallet addresses to reveal; their keys are in the keyring. status-go refuses a request revealing none. */
  revealedAddresses: z
    .array(z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'expected an address'))
    .min(1, 'reveal at least one address'),
});

/**
 * A bot's display name as receivers accept it in every message it sends: SG common/utils.go
 * ValidateDisplayName (5–24 letters, digits, `_`, `-` and spaces once trimmed, no `eth` suffix), kept to
 * names that need no trimming. A name outside it would get every message of the bot dropped.
 */
const BotDisplayNameSchema = z
  .string()
  .regex(
    /^[0-9A-Za-z_-][0-9A-Za-z_ -]{3,22}[0-9A-Za-z_-]$/,
    'expected 5 to 24 letters, digits, _, - or inner spaces (as Status accepts display names)',
  )
  .refine((name) => !/[_-]eth$/.test(name), 'display names ending with "eth" are not allowed');

/**
 * A new bot identity of the tenant, with its keys generated in the keyring by the publisher (the api holds
 * no master key). `correlationId` names the identity it made, so a retried job creates no second one.
 */
export const CreateIdentityCommandSchema = command('identity.create', {
  tenantId: z.uuid(),
  displayName: BotDisplayNameSchema,
  /** Also a wallet key, whose address the bot's requests to join reveal (status-go requires one). */
  withWallet: z.boolean().default(true),
});

/**
 * A Waku message that may carry hash-ratchet keys for one of our bots in a community run by another control
 * node (issue #13): a description whose rekey envelope has an entry for the bot, or a 1:1 message on the bot's
 * partitioned topic (key exchange, the answer to its request to join). The indexer forwards it as received:
 * it can tell from public keys alone that it names the bot, but only the publisher holds the bot's key.
 */
export const MemberKeysCommandSchema = command('member.keys', {
  botKey: PublicKeySchema,
  /** The community whose description carried it; absent for a 1:1 message (its keys name their group). */
  communityId: CommunityIdSchema.optional(),
  message: InboundWakuMessageSchema,
});

/** A bot and the Status user it talks to 1:1 (issue #15). */
const BotAndPeer = {
  botKey: PublicKeySchema,
  /** The peer's identity key, "0x04…". */
  peerKey: PublicKeySchema,
};

/** A 1:1 text message from a bot, re-sent until the peer acknowledges it. */
export const SendDirectMessageCommandSchema = command('direct.send', {
  ...BotAndPeer,
  text: z.string().min(1),
  replyTo: PrefixedHexSchema.optional(),
});
/** A contact request from a bot (the app's "Send contact request", with its text or the default one). */
export const SendContactRequestCommandSchema = command('direct.contact-request', {
  ...BotAndPeer,
  text: z.string().min(1).optional(),
});
/** The bot accepts the peer's contact request. */
export const AcceptContactRequestCommandSchema = command('direct.contact-accept', BotAndPeer);
/** A community share link in a 1:1 chat, as the app sends an invitation (text, unfurled link, shard). */
export const InviteToCommunityCommandSchema = command('direct.invite', {
  ...BotAndPeer,
  communityId: CommunityIdSchema,
  text: z.string().optional(),
});
/**
 * A Waku message on one of our bots' 1:1 topics (its partitioned topic or a negotiated one), forwarded by the
 * indexer untouched: only the publisher holds the bot's key to open it. It may be a DM, a contact request, an
 * MVDS acknowledgement, or a community's key exchange (then handled as member keys are).
 */
export const DirectReceivedCommandSchema = command('direct.received', {
  botKey: PublicKeySchema,
  message: InboundWakuMessageSchema,
});

/** queue `bot.messages` (api → publisher; indexer → publisher for `member.keys`): what a bot says or does, as a Status app member would. */
export const BotMessageCommandSchema = z.discriminatedUnion('type', [
  SendMessageCommandSchema,
  EditMessageCommandSchema,
  DeleteMessageCommandSchema,
  SetReactionCommandSchema,
  PinMessageCommandSchema,
  RequestToJoinCommandSchema,
  CreateIdentityCommandSchema,
  MemberKeysCommandSchema,
  SendDirectMessageCommandSchema,
  SendContactRequestCommandSchema,
  AcceptContactRequestCommandSchema,
  InviteToCommunityCommandSchema,
  DirectReceivedCommandSchema,
]);
export type BotMessageCommand = z.infer<typeof BotMessageCommandSchema>;
