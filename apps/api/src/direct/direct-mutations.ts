import type { z } from 'zod';
import { unwrap } from '@status-communities/errors';
import { checkChatMessageText } from '@status-communities/protocol';
import type { BotMessageCommand } from '@status-communities/queue';
import {
  AcceptContactRequestCommandSchema,
  InviteToCommunityCommandSchema,
  SendContactRequestCommandSchema,
  SendDirectMessageCommandSchema,
} from '@status-communities/queue';
import { isUserError, visibleCommunity } from '../communities/hosted-community.js';
import type { ApiContext } from '../context.js';
import type {
  AcceptContactRequestInput,
  InviteToCommunityInput,
  Resolvers,
  SendContactRequestInput,
  SendDirectMessageInput,
} from '../generated/graphql.js';
import type { FieldCheck } from '../mutations/input-checks.js';
import type { CommandPayloadValue } from '../mutations/queue-command.js';
import { commandBase, queueCommand } from '../mutations/queue-command.js';
import { mutationResolver } from '../mutations/run-mutation.js';
import { boundKeyRefusal, findTenantBot, unknownBot } from './bot-conversations.js';
import { checkPeerKey, normalisePeerKey } from './peer-key.js';

interface ToPeer {
  readonly botKey: string;
  readonly peerKey: string;
  readonly idempotencyKey?: string | null;
}

/** What a command adds to the bot and peer (its type and own fields). */
type Built = Record<string, unknown> & { type: string };

/**
 * A bot.messages command (messages:write) from one of the tenant's bots to a Status user: the key not bound to
 * a community, the bot the tenant's, the peer key normalised to `0x04…`, then `build` (which may refuse too).
 */
const toPeer = <I extends ToPeer>(
  action: string,
  schema: z.ZodType<BotMessageCommand>,
  build: (
    input: I,
    context: ApiContext,
  ) => Built | CommandPayloadValue | Promise<Built | CommandPayloadValue>,
  checks: (input: I) => readonly FieldCheck[] = () => [],
) =>
  mutationResolver({
    action,
    scope: 'MESSAGES_WRITE',
    checks: (input: I) => [[['input', 'peerKey'], input.peerKey, checkPeerKey], ...checks(input)],
    execute: async (input: I, context, commandId): Promise<CommandPayloadValue> => {
      const refusal = boundKeyRefusal(context);
      if (refusal) return { userErrors: [refusal] };
      if (!(await findTenantBot(context, input.botKey)))
        return { userErrors: [unknownBot(['input', 'botKey'])] };
      const built = await build(input, context);
      if ('userErrors' in built) return built as CommandPayloadValue;
      return queueCommand(context, context.services.queues.botMessages, schema, {
        ...built,
        ...commandBase(context, commandId),
        botKey: input.botKey,
        // Checked above (checks run before execute): a refusal here is a bug.
        peerKey: unwrap(normalisePeerKey(input.peerKey)),
      });
    },
  });

/** Receivers drop a blank text or one over 4,096 characters (status-go ValidateText): refused before queueing. */
const textCheck = (input: { text?: string | null }): FieldCheck[] => [
  [['input', 'text'], input.text, checkChatMessageText],
];

export const directMutations: Resolvers['Mutation'] = {
  sendDirectMessage: toPeer<SendDirectMessageInput>(
    'direct.send',
    SendDirectMessageCommandSchema,
    (input) => ({
      type: 'direct.send',
      text: input.text,
      ...(input.replyTo == null ? {} : { replyTo: input.replyTo }),
    }),
    textCheck,
  ),
  sendContactRequest: toPeer<SendContactRequestInput>(
    'direct.contact-request',
    SendContactRequestCommandSchema,
    (input) => ({
      type: 'direct.contact-request',
      ...(input.text == null ? {} : { text: input.text }),
    }),
    textCheck,
  ),
  acceptContactRequest: toPeer<AcceptContactRequestInput>(
    'direct.contact-accept',
    AcceptContactRequestCommandSchema,
    () => ({ type: 'direct.contact-accept' }),
  ),
  // Any community the caller sees: the share link of a watched community invites as well as a hosted one's.
  inviteToCommunity: toPeer<InviteToCommunityInput>(
    'direct.invite',
    InviteToCommunityCommandSchema,
    async (input, context) => {
      const community = await visibleCommunity(context, input.communityId);
      if (isUserError(community)) return { userErrors: [community] };
      return {
        type: 'direct.invite',
        communityId: input.communityId,
        ...(input.text == null ? {} : { text: input.text }),
      };
    },
    textCheck,
  ),
};
