import type { Community } from '@status-communities/db';
import { visibleCommunities } from '../auth/community-access.js';
import type { ApiContext } from '../context.js';
import { createBatchLoader, requestLoader } from '../relay/batch-loader.js';
import type { BotMembership } from './bot-memberships.js';
import { botMemberships } from './bot-memberships.js';

export type BotMembershipModel = BotMembership<Community>;

const groupBy = <T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(keyOf(row), [...(groups.get(keyOf(row)) ?? []), row]);
  return groups;
};

/**
 * The memberships of every bot of a list by key, in two queries per request (member rows and requests to
 * join of all the bots at once), limited to the communities the caller sees.
 */
export const botMembershipLoader = (context: ApiContext) =>
  requestLoader(context, 'botMemberships', () =>
    createBatchLoader<BotMembershipModel[]>(async (botKeys) => {
      const { prisma } = context.services;
      const community = visibleCommunities(context.caller);
      const [members, requests] = await Promise.all([
        prisma.member.findMany({
          where: { memberKey: { in: botKeys }, community },
          include: { community: true },
        }),
        prisma.requestToJoin.findMany({
          where: { requesterKey: { in: botKeys }, community },
          select: { requesterKey: true, state: true, receivedAt: true, community: true },
        }),
      ]);
      const membersOf = groupBy(members, (row) => row.memberKey);
      const requestsOf = groupBy(requests, (row) => row.requesterKey);
      return new Map(
        botKeys.map((key) => [key, botMemberships(membersOf.get(key) ?? [], requestsOf.get(key) ?? [])]),
      );
    }, []),
  );
