import type { Resolvers } from '../generated/graphql.js';
import { toGlobalId } from '../relay/global-id.js';
import { conversationPage, directMessagePage, peerKeyArgument, readableBot } from './direct-queries.js';

export const directResolvers: Resolvers = {
  Query: {
    directMessages: async (_parent, { botKey, peerKey, ...page }, context) => {
      const bot = await readableBot(context, botKey);
      return directMessagePage(context, bot, peerKeyArgument(peerKey), page);
    },
    conversations: async (_parent, { botKey, ...page }, context) =>
      conversationPage(context, await readableBot(context, botKey), page),
  },
  DirectMessage: {
    id: (row) => toGlobalId('DirectMessage', row.id),
    messageId: (row) => row.id,
    clock: (row) => row.clock.toString(),
  },
};
