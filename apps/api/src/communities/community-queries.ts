import type { Prisma } from '@status-communities/db';
import { ErrorCode } from '@status-communities/errors';
import { visibleCommunities } from '../auth/community-access.js';
import { requireScope } from '../auth/scopes.js';
import type { ApiContext } from '../context.js';
import { apiError, fromStatusError } from '../errors/api-error.js';
import type { CommunityFilter, CommunityRef } from '../generated/graphql.js';
import type { PageArgs } from '../relay/connection.js';
import { pageQuery, toConnection } from '../relay/connection.js';
import { resolveCommunityRef } from './community-ref.js';
import { literalLike } from './like-pattern.js';

const filterWhere = (filter: CommunityFilter | null | undefined): Prisma.CommunityWhereInput[] => {
  if (!filter) return [];
  const text = filter.text?.trim();
  return [
    ...(filter.kind ? [{ kind: filter.kind }] : []),
    ...(filter.tag ? [{ tags: { has: filter.tag } }] : []),
    ...(filter.access ? [{ access: filter.access }] : []),
    ...(text
      ? [
          {
            OR: [
              { name: { contains: literalLike(text), mode: 'insensitive' as const } },
              { description: { contains: literalLike(text), mode: 'insensitive' as const } },
            ],
          },
        ]
      : []),
  ];
};

/** Communities the caller sees, newest first. */
export const listCommunities = async (
  context: ApiContext,
  args: PageArgs & { filter?: CommunityFilter | null },
) => {
  requireScope(context.caller, 'COMMUNITY_READ');
  const page = pageQuery<string>(args);
  const rows = await context.services.prisma.community.findMany({
    where: { AND: [visibleCommunities(context.caller), ...filterWhere(args.filter)] },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: page.take,
    skip: page.skip,
    ...(page.cursor === undefined ? {} : { cursor: { id: page.cursor } }),
  });
  return toConnection(rows, page, (row) => row.id);
};

/** A community the caller sees, by id, chat key or share URL; null when it does not exist or is not theirs. */
export const findCommunity = async (context: ApiContext, ref: CommunityRef) => {
  requireScope(context.caller, 'COMMUNITY_READ');
  const id = resolveCommunityRef(ref);
  if (!id.ok) throw fromStatusError(id.error);
  return context.services.prisma.community.findFirst({
    where: { AND: [visibleCommunities(context.caller), { id: id.value }] },
  });
};

/** A visible community by its id, or a NOT_FOUND error (for fields reached from another object). */
export const requireVisibleCommunity = async (context: ApiContext, communityId: string) => {
  const community = await context.services.prisma.community.findFirst({
    where: { AND: [visibleCommunities(context.caller), { id: communityId }] },
  });
  if (!community) throw apiError(ErrorCode.NOT_FOUND, 'No such community', { communityId });
  return community;
};
