import type { ApiModule } from '../api-module.js';
import { directMutations } from './direct-mutations.js';
import { directResolvers } from './direct-resolvers.js';

/** The tenant's bots' 1:1 chats: what they say (bot.messages commands) and what the publisher stored. */
export const directModule: ApiModule = {
  name: 'direct',
  resolvers: { ...directResolvers, Mutation: directMutations },
};
