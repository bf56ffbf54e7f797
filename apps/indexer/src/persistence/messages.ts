// Channel messages and what is done to them. Every write is keyed so a replay changes nothing: messages by
// id, edits by the edit's own id, deletes and pins by the state they set, reactions by the higher clock.
import type {
  DeleteFact,
  EditFact,
  MessageFact,
  PinFact,
  PrivateFact,
  ReactionFact,
} from '../acceptance/decision.js';
import type { SqlClient } from './sql.js';

const bytes = (value: Uint8Array): Buffer => Buffer.from(value.buffer, value.byteOffset, value.byteLength);

/**
 * Inserts the messages not stored yet, in one statement; returns the ids it inserted. The AMM bytes and Waku
 * hashes travel as two binary parameters sliced in SQL: a bytea[] parameter would be hex text, twice the size
 * and a string to build per message.
 */
export const insertMessages = async (sql: SqlClient, facts: readonly MessageFact[]): Promise<Set<string>> => {
  if (facts.length === 0) return new Set();
  const raws = facts.map((fact) => bytes(fact.raw));
  const starts: number[] = [];
  let offset = 1;
  for (const raw of raws) {
    starts.push(offset);
    offset += raw.length;
  }
  const { rows } = await sql.query<{ id: string }>(
    `INSERT INTO messages (id, community_id, channel_id, author_key, clock, "timestamp", text, current_text,
                           content_type, response_to, raw, waku_hash)
     SELECT m.id, m.community_id, m.channel_id, m.author_key, m.clock, m.ts, m.text, m.text,
            m.content_type, m.response_to, substring($10::bytea FROM m.raw_start FOR m.raw_length),
            substring($11::bytea FROM (m.ord::int - 1) * 32 + 1 FOR 32)
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::timestamptz[], $7::text[],
                 $8::int[], $9::text[], $12::int[], $13::int[]) WITH ORDINALITY
       AS m(id, community_id, channel_id, author_key, clock, ts, text, content_type, response_to, raw_start,
            raw_length, ord)
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
    [
      facts.map((fact) => fact.messageId),
      facts.map((fact) => fact.communityId),
      facts.map((fact) => fact.chatId),
      facts.map((fact) => fact.authorKey),
      facts.map((fact) => String(fact.clock)),
      facts.map((fact) => new Date(fact.timestampMs)),
      facts.map((fact) => fact.text),
      facts.map((fact) => fact.contentType),
      facts.map((fact) => fact.responseTo ?? null),
      Buffer.concat(raws),
      Buffer.concat(facts.map((fact) => Buffer.from(fact.origin.hash, 'hex'))),
      starts,
      raws.map((raw) => raw.length),
    ],
  );
  return new Set(rows.map((row) => row.id));
};

export type EditOutcome = 'duplicate' | 'older' | 'applied';

/**
 * Every edit is kept (one row per edit id); the text follows the edit with the highest clock, so an older
 * edit arriving late is recorded and counted but changes nothing visible.
 */
export const applyEdit = async (sql: SqlClient, fact: EditFact): Promise<EditOutcome> => {
  const inserted = await sql.query(
    `INSERT INTO message_edits (id, message_id, editor_key, clock, text) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO NOTHING`,
    [fact.editId, fact.messageId, fact.editorKey, String(fact.clock), fact.text],
  );
  if (inserted.rowCount === 0) return 'duplicate';
  const { rows } = await sql.query<{ applied: boolean }>(
    `UPDATE messages m SET
       edit_count = m.edit_count + 1,
       current_text = CASE WHEN s.newer THEN $2 ELSE m.current_text END,
       edited_at = CASE WHEN s.newer THEN $3 ELSE m.edited_at END,
       edit_clock = CASE WHEN s.newer THEN $4::bigint ELSE m.edit_clock END
     FROM (SELECT id, (edit_clock IS NULL OR edit_clock < $4::bigint) AS newer FROM messages WHERE id = $1) AS s
     WHERE m.id = s.id
     RETURNING s.newer AS applied`,
    [fact.messageId, fact.text, new Date(fact.origin.atMs), String(fact.clock)],
  );
  return rows[0]?.applied === true ? 'applied' : 'older';
};

/** True when this delete flagged the message (false: it already was). */
export const applyDelete = async (sql: SqlClient, fact: DeleteFact): Promise<boolean> => {
  const updated = await sql.query(
    `UPDATE messages SET deleted = true, deleted_at = $2, deleted_by = $3 WHERE id = $1 AND NOT deleted`,
    [fact.messageId, new Date(fact.origin.atMs), fact.deletedBy],
  );
  return updated.rowCount === 1;
};

/**
 * Pins and unpins by clock: `pinned_at` holds the clock (ms) of the latest pin action, pin or unpin, so an
 * older action arriving late, or a replay, changes nothing. True when the state was taken.
 */
export const applyPin = async (sql: SqlClient, fact: PinFact): Promise<boolean> => {
  const updated = await sql.query(
    `UPDATE messages SET pinned = $2, pinned_at = $3, pinned_by = $4
     WHERE id = $1 AND (pinned_at IS NULL OR pinned_at < $3)`,
    [fact.messageId, fact.pinned, new Date(fact.clock), fact.pinnedBy],
  );
  return updated.rowCount === 1;
};

/** The latest reaction state per message, member and emoji; true when this one is newer than the stored. */
export const applyReaction = async (sql: SqlClient, fact: ReactionFact): Promise<boolean> => {
  const changed = await sql.query(
    `INSERT INTO reactions (message_id, member_key, type, community_id, retracted, clock, updated_at)
     VALUES ($1, $2, $3::reaction_type, $4, $5, $6, now())
     ON CONFLICT (message_id, member_key, type) DO UPDATE SET
       retracted = EXCLUDED.retracted, clock = EXCLUDED.clock, updated_at = now()
     WHERE reactions.clock < EXCLUDED.clock`,
    [fact.messageId, fact.memberKey, fact.emoji, fact.communityId, fact.retracted, String(fact.clock)],
  );
  return changed.rowCount === 1;
};

/** Records unreadable messages once each; returns those recorded now. */
export const insertPrivateMessages = async (
  sql: SqlClient,
  facts: readonly PrivateFact[],
): Promise<PrivateFact[]> => {
  if (facts.length === 0) return [];
  const { rows } = await sql.query<{ hash: string }>(
    `INSERT INTO private_messages (waku_hash, community_id, channel_id, at)
     SELECT * FROM unnest($1::bytea[], $2::text[], $3::text[], $4::timestamptz[])
     ON CONFLICT (waku_hash) DO NOTHING
     RETURNING encode(waku_hash, 'hex') AS hash`,
    [
      facts.map((fact) => Buffer.from(fact.origin.hash, 'hex')),
      facts.map((fact) => fact.communityId),
      facts.map((fact) => fact.chatId ?? null),
      facts.map((fact) => new Date(fact.origin.atMs)),
    ],
  );
  const inserted = new Set(rows.map((row) => row.hash));
  return facts.filter((fact) => inserted.has(fact.origin.hash));
};

/** A banned member's messages, flagged deleted by the community (status-go deletes them on receipt). */
export const purgeMessages = async (
  sql: SqlClient,
  communityId: string,
  authors: readonly string[],
  deletedBy: string,
  at: Date,
): Promise<void> => {
  if (authors.length === 0) return;
  await sql.query(
    `UPDATE messages SET deleted = true, deleted_at = $3, deleted_by = $4
     WHERE community_id = $1 AND author_key = ANY($2::text[]) AND NOT deleted`,
    [communityId, [...authors], at, deletedBy],
  );
};
