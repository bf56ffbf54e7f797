import type { ApiModule } from '../api-module.js';
import { botMutations } from './bot-mutations.js';
import { botResolvers } from './bot-resolvers.js';

export const botsModule: ApiModule = { name: 'bots', resolvers: { ...botResolvers, Mutation: botMutations } };
