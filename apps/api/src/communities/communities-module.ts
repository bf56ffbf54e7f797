import type { ApiModule } from '../api-module.js';
import { communityMutations } from './community-mutations.js';
import { communityResolvers } from './community-resolvers.js';

export const communitiesModule: ApiModule = {
  name: 'communities',
  resolvers: { ...communityResolvers, Mutation: communityMutations },
};
