import { ErrorCode } from '@status-communities/errors';
import { requireScope } from '../auth/scopes.js';
import { apiError } from '../errors/api-error.js';
import type { Resolvers } from '../generated/graphql.js';
import { toGlobalId } from '../relay/global-id.js';

/** `viewer` (any key) and the tenant's key list (admin). */
export const viewerResolvers: Resolvers = {
  Query: {
    viewer: (_parent, _args, { caller }) => caller,
    apiKeys: (_parent, _args, { caller, services }) => {
      requireScope(caller, 'ADMIN');
      return services.prisma.apiKey.findMany({
        where: {
          tenantId: caller.tenantId,
          ...(caller.communityId === null ? {} : { communityId: caller.communityId }),
        },
        orderBy: { createdAt: 'asc' },
      });
    },
  },
  Viewer: {
    key: async (caller, _args, { services }) => {
      const key = await services.prisma.apiKey.findUnique({ where: { id: caller.keyId } });
      if (!key) throw apiError(ErrorCode.UNAUTHENTICATED, 'The key was deleted', {}, 401);
      return key;
    },
    tenant: async (caller, _args, { services }) =>
      services.prisma.tenant.findUniqueOrThrow({ where: { id: caller.tenantId } }),
    scopes: (caller) => [...caller.scopes],
    rateLimit: (caller) => ({
      limitPerMinute: caller.rateLimit.limitPerMinute,
      remaining: caller.rateLimit.remaining,
      resetAt: new Date(caller.rateLimit.resetAt),
    }),
  },
  ApiKey: {
    id: (row) => toGlobalId('ApiKey', row.id),
    rateLimitPerMinute: (row) => row.rateLimit,
  },
};
