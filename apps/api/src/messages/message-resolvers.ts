import type { Message, Prisma } from '@status-communities/db';
import { visibleCommunities } from '../auth/community-access.js';
import { requireScope } from '../auth/scopes.js';
import type { ApiContext } from '../context.js';
import type { Emoji, Resolvers } from '../generated/graphql.js';
import { createBatchLoader, requestLoader } from '../relay/batch-loader.js';
import type { PageArgs } from '../relay/connection.js';
import { pageQuery, toConnection } from '../relay/connection.js';
import { toGlobalId } from '../relay/global-id.js';

/** Reactors listed per emoji: enough to show faces, bounded for huge channels. */
const MAX_REACTORS = 20;

/** Messages of communities the caller sees. */
const visibleMessages = (context: ApiContext): Prisma.MessageWhereInput => ({
  community: visibleCommunities(context.caller),
});

/** Newest first (clock, then id) with cursor pagination on the message id. */
const messagePage = async (context: ApiContext, where: Prisma.MessageWhereInput, args: PageArgs) => {
  const page = pageQuery<string>(args);
  const rows = await context.services.prisma.message.findMany({
    where: { AND: [visibleMessages(context), where] },
    orderBy: [{ clock: 'desc' }, { id: 'desc' }],
    take: page.take,
    skip: page.skip,
    ...(page.cursor === undefined ? {} : { cursor: { id: page.cursor } }),
  });
  return toConnection(rows, page, (row) => row.id);
};

export const findMessage = (context: ApiContext, messageId: string): Promise<Message | null> =>
  context.services.prisma.message.findFirst({
    where: { AND: [visibleMessages(context), { id: messageId }] },
  });

type ReactionCounts = { emoji: Emoji; count: number; memberKeys: string[] }[];

/** Reactions of every message of a page in one query, counted per emoji in first-reacted order. */
const reactionsLoader = (context: ApiContext) =>
  requestLoader(context, 'reactions', () =>
    createBatchLoader<ReactionCounts>(async (messageIds) => {
      const reactions = await context.services.prisma.reaction.findMany({
        where: { messageId: { in: messageIds }, retracted: false },
        orderBy: [{ type: 'asc' }, { clock: 'asc' }],
        select: { messageId: true, type: true, memberKey: true },
      });
      const byMessage = new Map<string, Map<Emoji, string[]>>();
      for (const { messageId, type, memberKey } of reactions) {
        const byEmoji = byMessage.get(messageId) ?? new Map<Emoji, string[]>();
        byEmoji.set(type, [...(byEmoji.get(type) ?? []), memberKey]);
        byMessage.set(messageId, byEmoji);
      }
      return new Map(
        [...byMessage].map(([messageId, byEmoji]) => [
          messageId,
          [...byEmoji].map(([emoji, keys]) => ({
            emoji,
            count: keys.length,
            memberKeys: keys.slice(0, MAX_REACTORS),
          })),
        ]),
      );
    }, []),
  );

export const messageResolvers: Resolvers = {
  Query: {
    messages: (_parent, { channelId, pinnedOnly, ...page }, context) => {
      requireScope(context.caller, 'MESSAGES_READ');
      return messagePage(context, { channelId, ...(pinnedOnly ? { pinned: true } : {}) }, page);
    },
    message: (_parent, { messageId }, context) => {
      requireScope(context.caller, 'MESSAGES_READ');
      return findMessage(context, messageId);
    },
  },
  Message: {
    id: (row) => toGlobalId('Message', row.id),
    messageId: (row) => row.id,
    channel: (row, _args, { services }) =>
      services.prisma.channel.findUniqueOrThrow({ where: { id: row.channelId } }),
    clock: (row) => row.clock.toString(),
    // A deleted message keeps its row (for counts and threads) but not its words.
    text: (row) => (row.deleted ? '' : row.currentText),
    originalText: (row) => (row.deleted ? '' : row.text),
    edited: (row) => row.editCount > 0,
    edits: async (row, _args, { services }) =>
      row.deleted
        ? []
        : (
            await services.prisma.messageEdit.findMany({
              where: { messageId: row.id },
              orderBy: { clock: 'asc' },
            })
          ).map((edit) => ({ ...edit, clock: edit.clock.toString() })),
    reactions: (row, _args, context) => reactionsLoader(context)(row.id),
    replyTo: (row, _args, context) => (row.responseTo ? findMessage(context, row.responseTo) : null),
    replies: (row, args, context) => messagePage(context, { responseTo: row.id }, args),
  },
};
