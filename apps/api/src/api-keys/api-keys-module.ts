import type { ApiModule } from '../api-module.js';
import { apiKeyMutations } from './api-key-mutations.js';
import { viewerResolvers } from './viewer-resolvers.js';

export const apiKeysModule: ApiModule = {
  name: 'api-keys',
  resolvers: { ...viewerResolvers, Mutation: apiKeyMutations },
};
