import { apiKeysModule } from './api-keys/api-keys-module.js';
import type { ApiModule } from './api-module.js';
import { auditModule } from './audit/audit-module.js';
import { botsModule } from './bots/bots-module.js';
import { communitiesModule } from './communities/communities-module.js';
import { coreModule } from './core/core-module.js';
import { directModule } from './direct/direct-module.js';
import { messagesModule } from './messages/messages-module.js';
import { moderationModule } from './moderation/moderation-module.js';
import { permissionsModule } from './permissions/permissions-module.js';
import { statsModule } from './stats/stats-module.js';
import { subscriptionsModule } from './subscriptions/subscriptions-module.js';
import { webhooksModule } from './webhooks/webhooks-module.js';

/**
 * Every module of the API, merged into one schema by server/graphql-server.ts. To add one: put its SDL in
 * src/schema/<name>.graphql, export an ApiModule from its folder, list it here, run `npm run codegen`.
 */
export const API_MODULES: readonly ApiModule[] = [
  coreModule,
  apiKeysModule,
  communitiesModule,
  messagesModule,
  statsModule,
  moderationModule,
  permissionsModule,
  botsModule,
  directModule,
  auditModule,
  subscriptionsModule,
  webhooksModule,
];
