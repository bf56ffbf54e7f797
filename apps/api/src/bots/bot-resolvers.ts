import { requireScope } from '../auth/scopes.js';
import type { Resolvers } from '../generated/graphql.js';
import { toGlobalId } from '../relay/global-id.js';
import { botMembershipLoader } from './bot-membership-loader.js';

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
  BotIdentity: {
    id: (row) => toGlobalId('BotIdentity', row.id),
    // Only the public half (the address) is read. Prisma batches the findUnique calls of one tick, so a
    // list of identities costs one query for all their wallets.
    walletAddress: async (row, _args, { services }) =>
      row.walletKeyId === null
        ? null
        : ((
            await services.prisma.keyringSecret.findUnique({
              where: { id: row.walletKeyId },
              select: { publicKey: true },
            })
          )?.publicKey ?? null),
    communities: (row, _args, context) => botMembershipLoader(context)(row.publicKey),
  },
};
