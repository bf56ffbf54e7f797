import { requireScope } from '../auth/scopes.js';
import type { Resolvers } from '../generated/graphql.js';
import { pageQuery, toConnection } from '../relay/connection.js';
import { toGlobalId } from '../relay/global-id.js';
import { listMembers } from './community-members.js';
import { findCommunity, listCommunities, requireVisibleCommunity } from './community-queries.js';
import { communityChatKey, communityShareUrl } from './community-ref.js';

/** Queries of communities and the fields of Community, Channel, members, bans and requests. */
export const communityResolvers: Resolvers = {
  Query: {
    communities: (_parent, args, context) => listCommunities(context, args),
    community: (_parent, { ref }, context) => findCommunity(context, ref),
  },
  Community: {
    id: (row) => toGlobalId('Community', row.id),
    communityId: (row) => row.id,
    chatKey: (row) => communityChatKey(row.id) ?? '',
    identity: (row) => row,
    clock: (row) => row.clock.toString(),
    shareUrl: (row) => communityShareUrl(row.id) ?? '',
    channels: (row, { includeDeleted }, { services }) =>
      services.prisma.channel.findMany({
        where: { communityId: row.id, ...(includeDeleted ? {} : { deleted: false }) },
        orderBy: [{ position: 'asc' }, { id: 'asc' }],
      }),
    categories: (row, _args, { services }) =>
      services.prisma.category.findMany({
        where: { communityId: row.id, deleted: false },
        orderBy: [{ position: 'asc' }, { categoryId: 'asc' }],
      }),
    members: (row, args, context) => listMembers(context, row.id, args),
    bans: (row, _args, { services }) =>
      services.prisma.ban.findMany({ where: { communityId: row.id }, orderBy: { bannedAt: 'desc' } }),
    requestsToJoin: async (row, args, { services, caller }) => {
      requireScope(caller, 'MODERATION_WRITE');
      const page = pageQuery<string>(args);
      const rows = await services.prisma.requestToJoin.findMany({
        where: { communityId: row.id, state: args.state ?? 'PENDING' },
        orderBy: [{ clock: 'desc' }, { id: 'desc' }],
        take: page.take,
        skip: page.skip,
        ...(page.cursor === undefined ? {} : { cursor: { id: page.cursor } }),
      });
      return toConnection(rows, page, (request) => request.id);
    },
    descriptionHistory: async (row, args, { services }) => {
      const page = pageQuery<string>(args);
      const rows = await services.prisma.descriptionSnapshot.findMany({
        where: { communityId: row.id },
        orderBy: { clock: 'desc' },
        take: page.take,
        skip: page.skip,
        ...(page.cursor === undefined
          ? {}
          : { cursor: { communityId_clock: { communityId: row.id, clock: BigInt(page.cursor) } } }),
      });
      return toConnection(rows, page, (snapshot) => snapshot.clock.toString());
    },
  },
  CommunityIdentity: {
    images: (row, _args, { services }) =>
      services.prisma.communityImage.findMany({
        where: { communityId: row.id },
        select: { kind: true, format: true, size: true },
        orderBy: { kind: 'asc' },
      }),
  },
  Channel: {
    id: (row) => toGlobalId('Channel', row.id),
    chatId: (row) => row.id,
    community: (row, _args, context) => requireVisibleCommunity(context, row.communityId),
  },
  RequestToJoin: {
    id: (row) => toGlobalId('RequestToJoin', row.id),
    requestId: (row) => row.id,
    clock: (row) => row.clock.toString(),
  },
  DescriptionSnapshot: { clock: (row) => row.clock.toString() },
};
