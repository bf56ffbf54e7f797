// Analytics roll-ups kept current as messages are stored, in the transaction that stores them: messages per
// community, channel and UTC day; distinct posters per day (7/30-day figures come from daily_posters); the
// 7×24 heat-map's hourly counts; and new-member retention (posted within 7 and 30 days of joining).
// Only messages inserted by this transaction are counted, so a replay adds nothing.
import type { SqlClient } from '../persistence/sql.js';
import { daysBetween, utcDay, utcHour } from '../time.js';

/** A newly stored channel message, as the roll-ups see it. */
export interface Post {
  readonly communityId: string;
  readonly chatId: string;
  readonly authorKey: string;
  readonly atMs: number;
}

export interface RollupDeltas {
  readonly communityDays: readonly { communityId: string; day: string; messages: number }[];
  readonly posters: readonly { communityId: string; day: string; authorKey: string; messages: number }[];
  readonly channelPosters: readonly { chatId: string; day: string; authorKey: string; messages: number }[];
  readonly channelDays: readonly { chatId: string; communityId: string; day: string; messages: number }[];
  readonly hours: readonly { communityId: string; hour: string; messages: number }[];
}

/** Counts per bucket, in first-seen order. */
const countBy = <T extends object>(
  items: readonly T[],
  keyOf: (item: T) => string,
): (T & { messages: number })[] => {
  const buckets = new Map<string, T & { messages: number }>();
  for (const item of items) {
    const key = keyOf(item);
    const bucket = buckets.get(key);
    if (bucket) bucket.messages++;
    else buckets.set(key, { ...item, messages: 1 });
  }
  return [...buckets.values()];
};

export const aggregatePosts = (posts: readonly Post[]): RollupDeltas => {
  const dated = posts.map((post) => ({ ...post, day: utcDay(post.atMs), hour: utcHour(post.atMs) }));
  return {
    communityDays: countBy(dated, (p) => `${p.communityId}|${p.day}`).map(
      ({ communityId, day, messages }) => ({
        communityId,
        day,
        messages,
      }),
    ),
    posters: countBy(dated, (p) => `${p.communityId}|${p.day}|${p.authorKey}`).map(
      ({ communityId, day, authorKey, messages }) => ({ communityId, day, authorKey, messages }),
    ),
    channelPosters: countBy(dated, (p) => `${p.chatId}|${p.day}|${p.authorKey}`).map(
      ({ chatId, day, authorKey, messages }) => ({ chatId, day, authorKey, messages }),
    ),
    channelDays: countBy(dated, (p) => `${p.chatId}|${p.day}`).map(
      ({ chatId, communityId, day, messages }) => ({
        chatId,
        communityId,
        day,
        messages,
      }),
    ),
    hours: countBy(dated, (p) => `${p.communityId}|${p.hour}`).map(({ communityId, hour, messages }) => ({
      communityId,
      hour,
      messages,
    })),
  };
};

/** A member whose join the platform saw (a JOINED event), so it opened a retention cohort. */
export interface TrackedJoin {
  readonly communityId: string;
  readonly memberKey: string;
  readonly joinedAtMs: number;
}

/** A day the member had posted on before this batch (a daily_posters row). */
export interface EarlierPostDay {
  readonly communityId: string;
  readonly authorKey: string;
  readonly day: string;
}

export interface RetentionDelta {
  readonly communityId: string;
  readonly cohortDay: string;
  readonly posted7d: number;
  readonly posted30d: number;
}

const DAY_MS = 86_400_000;
const dayStartMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);

/**
 * A member counts once per window: in `posted7d` when their first post within 7 UTC days of the join day
 * is in this batch, in `posted30d` likewise for 30 days. Day granularity matches daily_posters, which
 * says whether an earlier post exists.
 */
export const retentionDeltas = (
  posts: readonly Post[],
  joins: readonly TrackedJoin[],
  earlier: readonly EarlierPostDay[],
): RetentionDelta[] => {
  const memberKey = (communityId: string, authorKey: string) => `${communityId}|${authorKey}`;
  const group = <T extends { communityId: string; authorKey: string }>(rows: readonly T[]) => {
    const groups = new Map<string, T[]>();
    for (const row of rows) {
      const key = memberKey(row.communityId, row.authorKey);
      const list = groups.get(key);
      if (list) list.push(row);
      else groups.set(key, [row]);
    }
    return groups;
  };
  const postsOf = group(posts);
  const earlierOf = group(earlier);
  /** Whole UTC days after the join day, within the 30-day window. */
  const offsets = (joinedAtMs: number, times: readonly number[]) =>
    times.map((ms) => daysBetween(joinedAtMs, ms)).filter((days) => days >= 0 && days <= 30);

  const cohorts = new Map<
    string,
    { communityId: string; cohortDay: string; posted7d: number; posted30d: number }
  >();
  for (const join of joins) {
    const key = memberKey(join.communityId, join.memberKey);
    const now = offsets(
      join.joinedAtMs,
      (postsOf.get(key) ?? []).map((post) => post.atMs),
    );
    const before = offsets(
      join.joinedAtMs,
      (earlierOf.get(key) ?? []).map((row) => dayStartMs(row.day)),
    );
    const first7 = now.some((days) => days <= 7) && !before.some((days) => days <= 7);
    const first30 = now.length > 0 && before.length === 0;
    if (!first7 && !first30) continue;
    const cohortDay = utcDay(join.joinedAtMs);
    const cohortKey = `${join.communityId}|${cohortDay}`;
    const cohort = cohorts.get(cohortKey) ?? {
      communityId: join.communityId,
      cohortDay,
      posted7d: 0,
      posted30d: 0,
    };
    cohort.posted7d += first7 ? 1 : 0;
    cohort.posted30d += first30 ? 1 : 0;
    cohorts.set(cohortKey, cohort);
  }
  return [...cohorts.values()];
};

const pairs = (posts: readonly Post[]) => {
  const unique = new Map(posts.map((post) => [`${post.communityId}|${post.authorKey}`, post]));
  return {
    communities: [...unique.values()].map((post) => post.communityId),
    authors: [...unique.values()].map((post) => post.authorKey),
  };
};

/** Posters' joins the platform saw, and the days they posted on within 30 days after, before this batch. */
const readRetentionInputs = async (sql: SqlClient, posts: readonly Post[]) => {
  const { communities, authors } = pairs(posts);
  const joins = await sql.query<{ communityId: string; memberKey: string; joinedAt: Date }>(
    `SELECT m.community_id AS "communityId", m.member_key AS "memberKey", m.joined_at AS "joinedAt"
     FROM unnest($1::text[], $2::text[]) AS p(community_id, member_key)
     JOIN members m ON m.community_id = p.community_id AND m.member_key = p.member_key
     WHERE m.joined_at > $3
       AND EXISTS (SELECT 1 FROM member_events e
                   WHERE e.community_id = m.community_id AND e.member_key = m.member_key
                     AND e.type = 'JOINED' AND e.at = m.joined_at)`,
    [communities, authors, new Date(Math.min(...posts.map((post) => post.atMs)) - 31 * DAY_MS)],
  );
  if (joins.rows.length === 0) return { joins: [], earlier: [] };
  const earlier = await sql.query<EarlierPostDay>(
    `SELECT d.community_id AS "communityId", d.author_key AS "authorKey", d.day::text AS day
     FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS j(community_id, member_key, joined_at)
     JOIN daily_posters d ON d.community_id = j.community_id AND d.author_key = j.member_key
      AND d.day BETWEEN (j.joined_at AT TIME ZONE 'UTC')::date AND (j.joined_at AT TIME ZONE 'UTC')::date + 30`,
    [
      joins.rows.map((join) => join.communityId),
      joins.rows.map((join) => join.memberKey),
      joins.rows.map((join) => join.joinedAt),
    ],
  );
  return {
    joins: joins.rows.map((join) => ({ ...join, joinedAtMs: join.joinedAt.getTime() })),
    earlier: earlier.rows,
  };
};

const newCounts = <R extends { inserted: boolean }>(rows: readonly R[], keyOf: (row: R) => string) => {
  const counts = new Map<string, number>();
  for (const row of rows) if (row.inserted) counts.set(keyOf(row), (counts.get(keyOf(row)) ?? 0) + 1);
  return counts;
};

/**
 * Applies the roll-ups of newly stored posts. `memberCounts` gives a community's current member count for
 * a day row this creates (descriptions keep it current afterwards).
 */
export const applyPostRollups = async (
  sql: SqlClient,
  posts: readonly Post[],
  memberCounts: ReadonlyMap<string, number>,
): Promise<void> => {
  if (posts.length === 0) return;
  const retention = await readRetentionInputs(sql, posts);
  const deltas = aggregatePosts(posts);

  const posters = await sql.query<{ communityId: string; day: string; inserted: boolean }>(
    `INSERT INTO daily_posters (community_id, day, author_key, messages)
     SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::int[])
     ON CONFLICT (community_id, day, author_key) DO UPDATE SET messages = daily_posters.messages + EXCLUDED.messages
     RETURNING community_id AS "communityId", day::text AS day, (xmax = 0) AS inserted`,
    [
      deltas.posters.map((row) => row.communityId),
      deltas.posters.map((row) => row.day),
      deltas.posters.map((row) => row.authorKey),
      deltas.posters.map((row) => row.messages),
    ],
  );
  const newPosters = newCounts(posters.rows, (row) => `${row.communityId}|${row.day}`);

  const channelPosters = await sql.query<{ chatId: string; day: string; inserted: boolean }>(
    `INSERT INTO channel_daily_posters (channel_id, day, author_key, messages)
     SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::int[])
     ON CONFLICT (channel_id, day, author_key) DO UPDATE SET
       messages = channel_daily_posters.messages + EXCLUDED.messages
     RETURNING channel_id AS "chatId", day::text AS day, (xmax = 0) AS inserted`,
    [
      deltas.channelPosters.map((row) => row.chatId),
      deltas.channelPosters.map((row) => row.day),
      deltas.channelPosters.map((row) => row.authorKey),
      deltas.channelPosters.map((row) => row.messages),
    ],
  );
  const newChannelPosters = newCounts(channelPosters.rows, (row) => `${row.chatId}|${row.day}`);

  const days = deltas.communityDays;
  await sql.query(
    `INSERT INTO community_daily_stats (community_id, day, messages, unique_posters, member_count)
     SELECT * FROM unnest($1::text[], $2::date[], $3::int[], $4::int[], $5::int[])
     ON CONFLICT (community_id, day) DO UPDATE SET
       messages = community_daily_stats.messages + EXCLUDED.messages,
       unique_posters = community_daily_stats.unique_posters + EXCLUDED.unique_posters`,
    [
      days.map((row) => row.communityId),
      days.map((row) => row.day),
      days.map((row) => row.messages),
      days.map((row) => newPosters.get(`${row.communityId}|${row.day}`) ?? 0),
      days.map((row) => memberCounts.get(row.communityId) ?? 0),
    ],
  );

  const channels = deltas.channelDays;
  await sql.query(
    `INSERT INTO channel_daily_stats (channel_id, day, community_id, messages, unique_posters)
     SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::int[], $5::int[])
     ON CONFLICT (channel_id, day) DO UPDATE SET
       messages = channel_daily_stats.messages + EXCLUDED.messages,
       unique_posters = channel_daily_stats.unique_posters + EXCLUDED.unique_posters`,
    [
      channels.map((row) => row.chatId),
      channels.map((row) => row.day),
      channels.map((row) => row.communityId),
      channels.map((row) => row.messages),
      channels.map((row) => newChannelPosters.get(`${row.chatId}|${row.day}`) ?? 0),
    ],
  );

  await sql.query(
    `INSERT INTO hourly_activity (community_id, hour, messages)
     SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::int[])
     ON CONFLICT (community_id, hour) DO UPDATE SET messages = hourly_activity.messages + EXCLUDED.messages`,
    [
      deltas.hours.map((row) => row.communityId),
      deltas.hours.map((row) => row.hour),
      deltas.hours.map((row) => row.messages),
    ],
  );

  const cohorts = retentionDeltas(posts, retention.joins, retention.earlier);
  if (cohorts.length === 0) return;
  await sql.query(
    `INSERT INTO retention_cohorts (community_id, cohort_day, posted_7d, posted_30d)
     SELECT * FROM unnest($1::text[], $2::date[], $3::int[], $4::int[])
     ON CONFLICT (community_id, cohort_day) DO UPDATE SET
       posted_7d = retention_cohorts.posted_7d + EXCLUDED.posted_7d,
       posted_30d = retention_cohorts.posted_30d + EXCLUDED.posted_30d`,
    [
      cohorts.map((row) => row.communityId),
      cohorts.map((row) => row.cohortDay),
      cohorts.map((row) => row.posted7d),
      cohorts.map((row) => row.posted30d),
    ],
  );
};

/** Encrypted channels count only as private messages of the community's day. */
export const applyPrivateRollups = async (
  sql: SqlClient,
  messages: readonly { readonly communityId: string; readonly atMs: number }[],
  memberCounts: ReadonlyMap<string, number>,
): Promise<void> => {
  if (messages.length === 0) return;
  const days = countBy(
    messages.map((message) => ({ communityId: message.communityId, day: utcDay(message.atMs) })),
    (row) => `${row.communityId}|${row.day}`,
  );
  await sql.query(
    `INSERT INTO community_daily_stats (community_id, day, private_messages, member_count)
     SELECT * FROM unnest($1::text[], $2::date[], $3::int[], $4::int[])
     ON CONFLICT (community_id, day) DO UPDATE SET
       private_messages = community_daily_stats.private_messages + EXCLUDED.private_messages`,
    [
      days.map((row) => row.communityId),
      days.map((row) => row.day),
      days.map((row) => row.messages),
      days.map((row) => memberCounts.get(row.communityId) ?? 0),
    ],
  );
};
