import type { ApiModule } from '../api-module.js';
import { messageResolvers } from './message-resolvers.js';

export const messagesModule: ApiModule = { name: 'messages', resolvers: messageResolvers };
