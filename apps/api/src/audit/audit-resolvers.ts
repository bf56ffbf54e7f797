import type { Prisma } from '@status-communities/db';
import { requireScope } from '../auth/scopes.js';
import type { ErrorCode, Resolvers } from '../generated/graphql.js';
import { pageQuery, toConnection } from '../relay/connection.js';
import { toGlobalId } from '../relay/global-id.js';

export const auditResolvers: Resolvers = {
  Query: {
    auditLog: async (_parent, { communityId, action, ...args }, { caller, services }) => {
      requireScope(caller, 'ADMIN');
      const page = pageQuery<string>(args);
      const where: Prisma.AuditLogEntryWhereInput = {
        tenantId: caller.tenantId,
        ...(caller.communityId === null ? {} : { communityId: caller.communityId }),
        ...(communityId == null ? {} : { communityId }),
        ...(action == null ? {} : { action }),
      };
      const rows = await services.prisma.auditLogEntry.findMany({
        where,
        orderBy: { id: 'desc' },
        take: page.take,
        skip: page.skip,
        ...(page.cursor === undefined ? {} : { cursor: { id: BigInt(page.cursor) } }),
      });
      return toConnection(rows, page, (row) => row.id.toString());
    },
  },
  AuditLogEntry: {
    id: (row) => toGlobalId('AuditLogEntry', row.id.toString()),
    input: (row) => JSON.stringify(row.input),
    errorCode: (row) => row.errorCode as ErrorCode | null,
  },
};
