import pg from 'pg';
import { sequenceOf } from './tally.js';

// A connection per read: the database may have just restarted under the suite.
const query = async <R extends pg.QueryResultRow>(
  databaseUrl: string,
  sql: string,
  values: readonly unknown[],
): Promise<R[]> => {
  const client = new pg.Client({ connectionString: databaseUrl });
  // A server going away under the client is reported by the query, not thrown at the process.
  client.on('error', () => {});
  await client.connect();
  try {
    return (await client.query<R>(sql, [...values])).rows;
  } finally {
    await client.end();
  }
};

/** How many rows of the messages table hold each of the author's sequence numbers in the community. */
export const readStoredSequence = async (
  databaseUrl: string,
  communityId: string,
  authorKey: string,
): Promise<Map<number, number>> => {
  const rows = await query<{ text: string; rows: number }>(
    databaseUrl,
    'SELECT text, count(*)::int AS rows FROM messages WHERE community_id = $1 AND author_key = $2 GROUP BY text',
    [communityId, authorKey],
  );
  const stored = new Map<number, number>();
  for (const row of rows) {
    const seq = sequenceOf(row.text);
    if (seq !== undefined) stored.set(seq, (stored.get(seq) ?? 0) + row.rows);
  }
  return stored;
};

/** Rows of the community whose text starts with `prefix` (what a flood must not get stored). */
export const countStoredWithPrefix = async (
  databaseUrl: string,
  communityId: string,
  prefix: string,
): Promise<number> => {
  const [row] = await query<{ count: number }>(
    databaseUrl,
    'SELECT count(*)::int AS count FROM messages WHERE community_id = $1 AND starts_with(text, $2)',
    [communityId, prefix],
  );
  return row?.count ?? 0;
};
