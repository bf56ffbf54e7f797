import type { ApiModule } from '../api-module.js';
import { statsResolvers } from './stats-resolvers.js';

export const statsModule: ApiModule = { name: 'stats', resolvers: statsResolvers };
