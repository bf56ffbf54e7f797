import type { Message, Prisma } from '@status-communities/db';
import { visibleCommunities } from '../auth/community-access.js';
import { requireScope } from '../auth/scopes.js';
import type { ApiContext } from '../context.js';
import type { Resolvers } from '../generated/graphql.js';
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
    reactions: async (row, _args, { services }) => {
      const reactions = await services.prisma.reaction.findMany({
        where: { messageId: row.id, retracted: false },
        orderBy: [{ type: 'asc' }, { clock: 'asc' }],
        select: { type: true, memberKey: true },
      });
      const byEmoji = new Map<(typeof reactions)[number]['type'], string[]>();
      for (const reaction of reactions)
        byEmoji.set(reaction.type, [...(byEmoji.get(reaction.type) ?? []), reaction.memberKey]);
      return [...byEmoji].map(([emoji, keys]) => ({
        emoji,
        count: keys.length,
        memberKeys: keys.slice(0, MAX_REACTORS),
      }));
    },
    replyTo: (row, _args, context) => (row.responseTo ? findMessage(context, row.responseTo) : null),
    replies: (row, args, context) => messagePage(context, { responseTo: row.id }, args),
  },
};
