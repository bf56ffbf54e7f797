import { canSeeCommunity } from '../auth/community-access.js';
import { requireScope } from '../auth/scopes.js';
import type { Resolvers } from '../generated/graphql.js';
import type { StatsScope } from './stats-range.js';
import { statsScope } from './stats-range.js';

const DAY_MS = 86_400_000;
const dayText = (date: Date): string => date.toISOString().slice(0, 10);
const inRange = (scope: StatsScope) => ({ gte: scope.from, lte: scope.to });

/** Analytics from the indexer's roll-up tables only: no query here scans messages. */
export const statsResolvers: Resolvers = {
  Query: {
    stats: async (_parent, { communityId, range }, { caller, services }) => {
      requireScope(caller, 'COMMUNITY_READ');
      const scope = statsScope(communityId, range.from, range.to);
      const community = await services.prisma.community.findUnique({
        where: { id: communityId },
        select: { id: true, kind: true, tenantId: true },
      });
      return community && canSeeCommunity(caller, community) ? scope : null;
    },
  },
  CommunityStats: {
    range: (scope) => ({ from: dayText(scope.from), to: dayText(scope.to) }),
    membersOverTime: async (scope, _args, { services }) =>
      (
        await services.prisma.communityDailyStats.findMany({
          where: { communityId: scope.communityId, day: inRange(scope) },
          orderBy: { day: 'asc' },
        })
      ).map((row) => ({
        day: dayText(row.day),
        memberCount: row.memberCount,
        joined: row.joined,
        left: row.left,
      })),
    messagesPerChannelPerDay: async (scope, _args, { services }) =>
      (
        await services.prisma.channelDailyStats.findMany({
          where: { communityId: scope.communityId, day: inRange(scope) },
          orderBy: [{ day: 'asc' }, { channelId: 'asc' }],
        })
      ).map((row) => ({
        channelId: row.channelId,
        day: dayText(row.day),
        messages: row.messages,
        uniquePosters: row.uniquePosters,
      })),
    uniquePosters: async (scope, _args, { services }) => {
      // Distinct posters per day and over the 7 and 30 days ending on it, every day of the range.
      const rows = await services.prisma.$queryRaw<
        { day: Date; daily: number; weekly: number; monthly: number }[]
      >`
        SELECT d::date AS day,
          (SELECT count(DISTINCT author_key)::int FROM daily_posters p
             WHERE p.community_id = ${scope.communityId} AND p.day = d::date) AS daily,
          (SELECT count(DISTINCT author_key)::int FROM daily_posters p
             WHERE p.community_id = ${scope.communityId} AND p.day BETWEEN d::date - 6 AND d::date) AS weekly,
          (SELECT count(DISTINCT author_key)::int FROM daily_posters p
             WHERE p.community_id = ${scope.communityId} AND p.day BETWEEN d::date - 29 AND d::date) AS monthly
        FROM generate_series(${scope.from}::date, ${scope.to}::date, interval '1 day') AS d
        ORDER BY 1`;
      return rows.map((row) => ({ ...row, day: dayText(row.day) }));
    },
    heatMap: async (scope, _args, { services }) => {
      const rows = await services.prisma.$queryRaw<{ weekday: number; hour: number; messages: number }[]>`
        SELECT extract(dow FROM hour AT TIME ZONE 'UTC')::int AS weekday,
               extract(hour FROM hour AT TIME ZONE 'UTC')::int AS hour,
               sum(messages)::int AS messages
        FROM hourly_activity
        WHERE community_id = ${scope.communityId}
          AND hour >= ${scope.from} AND hour < ${new Date(scope.to.getTime() + DAY_MS)}
        GROUP BY 1, 2`;
      const counts = new Map(rows.map((row) => [row.weekday * 24 + row.hour, row.messages]));
      return Array.from({ length: 7 * 24 }, (_, cell) => ({
        weekday: Math.floor(cell / 24),
        hour: cell % 24,
        messages: counts.get(cell) ?? 0,
      }));
    },
    retention: async (scope, _args, { services }) =>
      (
        await services.prisma.retentionCohort.findMany({
          where: { communityId: scope.communityId, cohortDay: inRange(scope) },
          orderBy: { cohortDay: 'asc' },
        })
      ).map((row) => ({
        cohortDay: dayText(row.cohortDay),
        joined: row.joined,
        posted7d: row.posted7d,
        posted30d: row.posted30d,
      })),
    totalMessages: async (scope, _args, { services }) =>
      (
        await services.prisma.communityDailyStats.aggregate({
          where: { communityId: scope.communityId, day: inRange(scope) },
          _sum: { messages: true },
        })
      )._sum.messages ?? 0,
    privateMessages: async (scope, _args, { services }) =>
      (
        await services.prisma.communityDailyStats.aggregate({
          where: { communityId: scope.communityId, day: inRange(scope) },
          _sum: { privateMessages: true },
        })
      )._sum.privateMessages ?? 0,
  },
};
