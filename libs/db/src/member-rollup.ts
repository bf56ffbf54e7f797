import type { SqlQuery } from './sql-query.js';

export interface MembershipDay {
  readonly communityId: string;
  /** When the description was published or seen, Unix ms: its UTC day is the row. */
  readonly atMs: number;
  /** Members the description lists. */
  readonly memberCount: number;
  readonly joined: number;
  readonly left: number;
}

/**
 * Members over time, one rule for watched communities (the indexer) and hosted ones (the publisher): the
 * day's row keeps the latest member count and adds up the day's joins and leaves. Once per description.
 */
export const rollUpMembership = async (sql: SqlQuery, day: MembershipDay): Promise<void> => {
  await sql.query(
    `INSERT INTO community_daily_stats (community_id, day, member_count, joined, "left")
     VALUES ($1, $2::date, $3, $4, $5)
     ON CONFLICT (community_id, day) DO UPDATE SET
       member_count = EXCLUDED.member_count,
       joined = community_daily_stats.joined + EXCLUDED.joined,
       "left" = community_daily_stats."left" + EXCLUDED."left"`,
    [day.communityId, new Date(day.atMs).toISOString().slice(0, 10), day.memberCount, day.joined, day.left],
  );
};
