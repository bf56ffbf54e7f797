import type { ApiModule } from '../api-module.js';
import { structureMutations } from '../structure/structure-mutations.js';
import { moderationMutations } from './moderation-mutations.js';

/** Control-node commands on hosted communities: channels, categories, roles, requests, kicks and bans. */
export const moderationModule: ApiModule = {
  name: 'moderation',
  resolvers: { Mutation: { ...structureMutations, ...moderationMutations } },
};
