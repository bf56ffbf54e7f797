// Channel messages and what is done to them. Every write is keyed so a replay changes nothing: messages by
// id, edits by the edit's own id, deletes and pins by the state they set, reactions by the higher clock.
import type { Prisma } from '@status-communities/db';
import type {
  DeleteFact,
  EditFact,
  MessageFact,
  PinFact,
  PrivateFact,
  ReactionFact,
} from '../acceptance/decision.js';

type Tx = Prisma.TransactionClient;

const bytes = (value: Uint8Array): Buffer => Buffer.from(value.buffer, value.byteOffset, value.byteLength);

/** Inserts the messages not stored yet, in one statement; returns the ids it inserted. */
export const insertMessages = async (tx: Tx, facts: readonly MessageFact[]): Promise<Set<string>> => {
  if (facts.length === 0) return new Set();
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO messages (id, community_id, channel_id, author_key, clock, "timestamp", text, current_text,
                          content_type, response_to, raw, waku_hash)
    SELECT m.id, m.community_id, m.channel_id, m.author_key, m.clock, m.ts, m.text, m.text,
           m.content_type, m.response_to, m.raw, m.waku_hash
    FROM unnest(${facts.map((fact) => fact.messageId)}::text[],
                ${facts.map((fact) => fact.communityId)}::text[],
                ${facts.map((fact) => fact.chatId)}::text[],
                ${facts.map((fact) => fact.authorKey)}::text[],
                ${facts.map((fact) => String(fact.clock))}::bigint[],
                ${facts.map((fact) => new Date(fact.timestampMs))}::timestamptz[],
                ${facts.map((fact) => fact.text)}::text[],
                ${facts.map((fact) => fact.contentType)}::int[],
                ${facts.map((fact) => fact.responseTo ?? null)}::text[],
                ${facts.map((fact) => bytes(fact.raw))}::bytea[],
                ${facts.map((fact) => Buffer.from(fact.origin.hash, 'hex'))}::bytea[])
      AS m(id, community_id, channel_id, author_key, clock, ts, text, content_type, response_to, raw, waku_hash)
    ON CONFLICT (id) DO NOTHING
    RETURNING id`;
  return new Set(rows.map((row) => row.id));
};

export type EditOutcome = 'duplicate' | 'older' | 'applied';

/**
 * Every edit is kept (one row per edit id); the text follows the edit with the highest clock, so an older
 * edit arriving late is recorded and counted but changes nothing visible.
 */
export const applyEdit = async (tx: Tx, fact: EditFact): Promise<EditOutcome> => {
  const inserted = await tx.messageEdit.createMany({
    data: [
      {
        id: fact.editId,
        messageId: fact.messageId,
        editorKey: fact.editorKey,
        clock: BigInt(fact.clock),
        text: fact.text,
      },
    ],
    skipDuplicates: true,
  });
  if (inserted.count === 0) return 'duplicate';
  const rows = await tx.$queryRaw<{ applied: boolean }[]>`
    UPDATE messages m SET
      edit_count = m.edit_count + 1,
      current_text = CASE WHEN newer THEN ${fact.text} ELSE m.current_text END,
      edited_at = CASE WHEN newer THEN ${new Date(fact.origin.atMs)} ELSE m.edited_at END,
      edit_clock = CASE WHEN newer THEN ${BigInt(fact.clock)} ELSE m.edit_clock END
    FROM (SELECT id, (edit_clock IS NULL OR edit_clock < ${BigInt(fact.clock)}) AS newer
          FROM messages WHERE id = ${fact.messageId}) AS s
    WHERE m.id = s.id
    RETURNING s.newer AS applied`;
  return rows[0]?.applied === true ? 'applied' : 'older';
};

/** True when this delete flagged the message (false: it already was). */
export const applyDelete = async (tx: Tx, fact: DeleteFact): Promise<boolean> => {
  const updated = await tx.message.updateMany({
    where: { id: fact.messageId, deleted: false },
    data: { deleted: true, deletedAt: new Date(fact.origin.atMs), deletedBy: fact.deletedBy },
  });
  return updated.count === 1;
};

/**
 * Pins and unpins by clock: `pinned_at` holds the clock (ms) of the latest pin action, pin or unpin, so an
 * older action arriving late, or a replay, changes nothing. True when the state was taken.
 */
export const applyPin = async (tx: Tx, fact: PinFact): Promise<boolean> => {
  const at = new Date(fact.clock);
  const updated = await tx.message.updateMany({
    where: { id: fact.messageId, OR: [{ pinnedAt: null }, { pinnedAt: { lt: at } }] },
    data: { pinned: fact.pinned, pinnedAt: at, pinnedBy: fact.pinnedBy },
  });
  return updated.count === 1;
};

/** The latest reaction state per message, member and emoji; true when this one is newer than the stored. */
export const applyReaction = async (tx: Tx, fact: ReactionFact): Promise<boolean> => {
  const changed = await tx.$executeRaw`
    INSERT INTO reactions (message_id, member_key, type, community_id, retracted, clock, updated_at)
    VALUES (${fact.messageId}, ${fact.memberKey}, ${fact.emoji}::reaction_type, ${fact.communityId},
            ${fact.retracted}, ${BigInt(fact.clock)}, now())
    ON CONFLICT (message_id, member_key, type) DO UPDATE SET
      retracted = EXCLUDED.retracted, clock = EXCLUDED.clock, updated_at = now()
    WHERE reactions.clock < EXCLUDED.clock`;
  return changed === 1;
};

/** Records unreadable messages once each; returns those recorded now. */
export const insertPrivateMessages = async (
  tx: Tx,
  facts: readonly PrivateFact[],
): Promise<PrivateFact[]> => {
  if (facts.length === 0) return [];
  const rows = await tx.$queryRaw<{ hash: Uint8Array }[]>`
    INSERT INTO private_messages (waku_hash, community_id, channel_id, at)
    SELECT * FROM unnest(${facts.map((fact) => Buffer.from(fact.origin.hash, 'hex'))}::bytea[],
                         ${facts.map((fact) => fact.communityId)}::text[],
                         ${facts.map((fact) => fact.chatId ?? null)}::text[],
                         ${facts.map((fact) => new Date(fact.origin.atMs))}::timestamptz[])
    ON CONFLICT (waku_hash) DO NOTHING
    RETURNING waku_hash AS hash`;
  const inserted = new Set(rows.map((row) => Buffer.from(row.hash).toString('hex')));
  return facts.filter((fact) => inserted.has(fact.origin.hash));
};
