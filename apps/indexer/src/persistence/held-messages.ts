// Messages of watched communities held until a newer description may admit their sender: written in the
// transaction of the batch that decided them, deleted in the one that judges them again or by expiry.
import { InboundWakuMessageSchema } from '@status-communities/queue';
import type { InboundWakuMessage } from '@status-communities/queue';
import { StaleStateError } from './descriptions.js';
import type { Sql, SqlClient } from './sql.js';

/** What one community may hold at once. */
export interface HoldLimits {
  readonly maxMessages: number;
  readonly maxBytes: number;
}

export interface HoldRequest {
  readonly message: InboundWakuMessage;
  readonly communityId: string;
  readonly reason: string;
  /** The stored clock the message was judged against. */
  readonly clock: number;
}

/** `held`: a new row; `kept`: it was held already (now judged against `clock`); `full`: no room, refused. */
export type HoldOutcome = 'held' | 'kept' | 'full';

export interface HeldMessage {
  readonly hash: string;
  readonly communityId: string;
  readonly reason: string;
  readonly message: InboundWakuMessage;
}

const groupByCommunity = (holds: readonly HoldRequest[]) => {
  const groups = new Map<string, { readonly hold: HoldRequest; readonly index: number }[]>();
  holds.forEach((hold, index) => {
    const group = groups.get(hold.communityId) ?? [];
    group.push({ hold, index });
    groups.set(hold.communityId, group);
  });
  return groups;
};

/**
 * Holds messages in arrival order while their community has room. The community row is locked first, in
 * id order: two transactions count one community's hold one after the other, and a description stored
 * meanwhile (it updates the row) is seen as a moved clock — the batch is then decided again
 * (StaleStateError), so no message is held against a description older than the stored one.
 */
export const holdMessages = async (
  tx: SqlClient,
  holds: readonly HoldRequest[],
  limits: HoldLimits,
  heldAt: Date,
): Promise<HoldOutcome[]> => {
  const outcomes: HoldOutcome[] = holds.map(() => 'full');
  const groups = groupByCommunity(holds);
  for (const communityId of [...groups.keys()].sort()) {
    const group = groups.get(communityId) ?? [];
    const { rows: locked } = await tx.query<{ clock: string }>(
      `SELECT clock FROM communities WHERE id = $1 FOR UPDATE`,
      [communityId],
    );
    const clock = locked[0]?.clock;
    if (clock === undefined || group.some(({ hold }) => String(hold.clock) !== clock))
      throw new StaleStateError(communityId);

    const hashes = group.map(({ hold }) => hold.message.hash);
    const { rows: present } = await tx.query<{ hash: string }>(
      `UPDATE held_messages SET clock = $2 WHERE hash = ANY($1::text[]) RETURNING hash`,
      [hashes, clock],
    );
    const known = new Set(present.map((row) => row.hash));
    const { rows: usage } = await tx.query<{ count: number; bytes: string }>(
      `SELECT count(*)::int AS count, coalesce(sum(size), 0)::text AS bytes
       FROM held_messages WHERE community_id = $1`,
      [communityId],
    );
    let count = usage[0]?.count ?? 0;
    let bytes = Number(usage[0]?.bytes ?? 0);
    const added: { hold: HoldRequest; json: string; size: number }[] = [];
    for (const { hold, index } of group) {
      if (known.has(hold.message.hash)) {
        outcomes[index] = 'kept';
        continue;
      }
      const json = JSON.stringify(hold.message);
      const size = Buffer.byteLength(json);
      if (count + 1 > limits.maxMessages || bytes + size > limits.maxBytes) continue;
      count += 1;
      bytes += size;
      known.add(hold.message.hash);
      added.push({ hold, json, size });
      outcomes[index] = 'held';
    }
    if (added.length > 0)
      await tx.query(
        `INSERT INTO held_messages (hash, community_id, message, size, reason, clock, held_at)
         SELECT m.hash, $1::text, m.message::jsonb, m.size, m.reason, $2::bigint, $3::timestamptz
         FROM unnest($4::text[], $5::text[], $6::int[], $7::text[]) WITH ORDINALITY
           AS m(hash, message, size, reason, ord)
         ORDER BY m.ord
         ON CONFLICT (hash) DO NOTHING`,
        [
          communityId,
          clock,
          heldAt,
          added.map(({ hold }) => hold.message.hash),
          added.map(({ json }) => json),
          added.map(({ size }) => size),
          added.map(({ hold }) => hold.reason),
        ],
      );
  }
  return outcomes;
};

/**
 * Deletes the rows of messages judged again and stored or refused for good; returns the hashes it deleted.
 * A row already gone was released by another replica or expired meanwhile: its message is not stored twice.
 * The communities' rows are locked first, in id order, as holdMessages does, so the two never wait on each
 * other in opposite orders.
 */
export const deleteHeld = async (
  tx: SqlClient,
  communityIds: readonly string[],
  hashes: readonly string[],
): Promise<Set<string>> => {
  if (hashes.length === 0) return new Set();
  await tx.query(`SELECT 1 FROM communities WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`, [
    [...new Set(communityIds)],
  ]);
  const { rows } = await tx.query<{ hash: string }>(
    `DELETE FROM held_messages WHERE hash = ANY($1::text[]) RETURNING hash`,
    [hashes],
  );
  return new Set(rows.map((row) => row.hash));
};

interface HeldRow {
  readonly hash: string;
  readonly communityId: string;
  readonly reason: string;
  readonly message: unknown;
}

const heldMessageOf = (row: HeldRow): HeldMessage => {
  // Written by holdMessages from a validated job: a row that does not parse is a bug.
  const message = InboundWakuMessageSchema.parse(row.message);
  return { hash: row.hash, communityId: row.communityId, reason: row.reason, message };
};

/**
 * Held messages a newer description may admit (their community's stored clock moved past the one they were
 * judged against), not older than `heldSince`, in arrival order; of the given communities when named.
 */
export const loadReleasable = async (
  sql: Sql,
  options: {
    readonly heldSince: Date;
    readonly limit: number;
    readonly communityIds?: readonly string[];
    /** Group keys arrived: messages held for a missing key are judged again whatever the clock. */
    readonly keyArrived?: boolean;
  },
): Promise<HeldMessage[]> => {
  const { rows } = await sql.query<HeldRow>(
    `SELECT h.hash, h.community_id AS "communityId", h.reason, h.message
     FROM held_messages h JOIN communities c ON c.id = h.community_id
     WHERE (c.clock > h.clock OR ($4 AND h.reason = 'hash-ratchet-key-not-found'))
       AND h.held_at >= $1 AND ($2::text[] IS NULL OR h.community_id = ANY($2::text[]))
     ORDER BY h.id
     LIMIT $3`,
    [options.heldSince, options.communityIds ?? null, options.limit, options.keyArrived === true],
  );
  return rows.map(heldMessageOf);
};

/**
 * Deletes the messages held before `heldBefore`; returns what they were held for. Rows a batch is judging
 * right now are skipped (that batch stores or refuses them; the next sweep finds any it held again).
 */
export const expireHeld = async (
  sql: Sql,
  heldBefore: Date,
): Promise<{ readonly hash: string; readonly communityId: string; readonly reason: string }[]> => {
  const { rows } = await sql.query<{ hash: string; communityId: string; reason: string }>(
    `DELETE FROM held_messages WHERE id IN (
       SELECT id FROM held_messages WHERE held_at < $1 ORDER BY id FOR UPDATE SKIP LOCKED)
     RETURNING hash, community_id AS "communityId", reason`,
    [heldBefore],
  );
  return rows;
};

export const countHeld = async (sql: Sql): Promise<number> => {
  const { rows } = await sql.query<{ count: number }>(`SELECT count(*)::int AS count FROM held_messages`);
  return rows[0]?.count ?? 0;
};
