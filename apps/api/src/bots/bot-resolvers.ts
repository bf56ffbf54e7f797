import { requireScope } from '../auth/scopes.js';
import type { Resolvers } from '../generated/graphql.js';
import { toGlobalId } from '../relay/global-id.js';

export const botResolvers: Resolvers = {
  Query: {
    botIdentities: (_parent, _args, { caller, services }) => {
      requireScope(caller, 'COMMUNITY_READ');
      return services.prisma.identity.findMany({
        where: { tenantId: caller.tenantId },
        orderBy: { createdAt: 'asc' },
      });
    },
  },
  BotIdentity: { id: (row) => toGlobalId('BotIdentity', row.id) },
};
