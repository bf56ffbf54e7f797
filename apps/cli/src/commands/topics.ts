import { bytesToHex, symKeyFor } from '@status-communities/crypto';
import { ok } from '@status-communities/errors';
import { contentTopicForChatId } from '@status-communities/protocol';
import { type Command, parseCommandArgs, requirePositional } from '../command.js';

/**
 * `topics <chatId>`: the Waku content topic of a chat ID and the symmetric key a filter on it uses.
 * The chat ID is taken as typed: status-go hashes the string itself, `0x` prefix included.
 */
export const topicsCommand: Command = (argv) => {
  const parsed = parseCommandArgs(argv, {});
  if (!parsed.ok) return parsed;
  // An empty chat ID is legal (status-go's key distributor publishes on it), so only a missing one fails.
  const chatId =
    parsed.value.positionals.length > 0
      ? ok(parsed.value.positionals[0] ?? '')
      : requirePositional([], 0, 'chatId');
  if (!chatId.ok) return chatId;
  return ok({
    chatId: chatId.value,
    contentTopic: contentTopicForChatId(chatId.value),
    symKey: bytesToHex(symKeyFor(chatId.value)),
  });
};
