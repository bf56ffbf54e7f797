// Stores an accepted description: the community's current fields, its snapshot, images, categories,
// channels, members with their history and bans, and the membership roll-ups. Idempotent: a retried batch
// finds the clock already moved and rewrites nothing (see StaleStateError).
import { keccak256 } from '@status-communities/crypto';
import type { MemberEventType } from '@status-communities/db';
import { rollUpMembership } from '@status-communities/db';
import type { CommunityDescriptionModel, CommunityMemberModel } from '@status-communities/protocol';
import type { DescriptionFact } from '../acceptance/decision.js';
import { utcDay } from '../time.js';
import type { SqlClient } from './sql.js';

/**
 * The community's stored clock is no longer what the fact was decided against: another replica (or the
 * publisher) stored a description meanwhile. The batch is decided again on fresh state.
 */
export class StaleStateError extends Error {
  constructor(readonly communityId: string) {
    super(`community ${communityId} changed while the batch was decided`);
  }
}

const bytes = (value: Uint8Array): Buffer => Buffer.from(value.buffer, value.byteOffset, value.byteLength);

/** Compare-and-set on the clock: only the writer that saw the stored clock moves it. */
const writeCommunity = async (sql: SqlClient, fact: DescriptionFact, at: Date): Promise<void> => {
  const { model } = fact;
  const fields = [
    model.identity.displayName,
    model.identity.description,
    model.identity.color,
    model.identity.emoji,
    [...model.tags],
    model.permissions.access,
    model.permissions.ensOnly,
    model.isEncrypted,
    model.introMessage,
    model.outroMessage,
    model.adminSettings.pinMessageAllMembersEnabled,
    model.members.size,
    String(fact.clock),
    bytes(fact.raw),
    at,
  ];
  const written =
    fact.storedClock === undefined
      ? await sql.query(
          `INSERT INTO communities (id, kind, name, description, color, emoji, tags, access, ens_only, encrypted,
             intro_message, outro_message, pin_message_all_members_enabled, member_count, clock, description_raw,
             last_seen_at, updated_at)
           VALUES ($16, 'WATCHED', $1, $2, $3, $4, $5, $6::community_access, $7, $8, $9, $10, $11, $12, $13, $14,
             $15, now())
           ON CONFLICT (id) DO NOTHING`,
          [...fields, fact.communityId],
        )
      : await sql.query(
          `UPDATE communities SET name = $1, description = $2, color = $3, emoji = $4, tags = $5,
             access = $6::community_access, ens_only = $7, encrypted = $8, intro_message = $9, outro_message = $10,
             pin_message_all_members_enabled = $11, member_count = $12, clock = $13, description_raw = $14,
             last_seen_at = $15, updated_at = now()
           WHERE id = $16 AND clock = $17`,
          [...fields, fact.communityId, String(fact.storedClock)],
        );
  if (written.rowCount !== 1) throw new StaleStateError(fact.communityId);
};

const writeSnapshotAndImages = async (sql: SqlClient, fact: DescriptionFact, at: Date): Promise<void> => {
  const { communityId, model } = fact;
  await sql.query(
    `INSERT INTO description_snapshots (community_id, clock, member_count, received_at, raw, raw_hash)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (community_id, clock) DO NOTHING`,
    [communityId, String(fact.clock), model.members.size, at, bytes(fact.raw), bytes(keccak256(fact.raw))],
  );
  const images = [...model.identity.images];
  await sql.query(`DELETE FROM community_images WHERE community_id = $1 AND NOT (kind = ANY($2::text[]))`, [
    communityId,
    images.map(([kind]) => kind),
  ]);
  await sql.query(
    `INSERT INTO community_images (community_id, kind, format, source, encrypted, size, payload)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::bool[], $6::int[], $7::bytea[])
     ON CONFLICT (community_id, kind) DO UPDATE SET format = EXCLUDED.format, source = EXCLUDED.source,
       encrypted = EXCLUDED.encrypted, size = EXCLUDED.size, payload = EXCLUDED.payload`,
    [
      communityId,
      images.map(([kind]) => kind),
      images.map(([, image]) => image.format),
      images.map(([, image]) => image.source),
      images.map(([, image]) => image.encrypted),
      images.map(([, image]) => image.payload.length),
      images.map(([, image]) => bytes(image.payload)),
    ],
  );
};

/** Present ones upserted; gone ones kept and flagged, so their messages stay readable. */
const writeCategoriesAndChannels = async (
  sql: SqlClient,
  communityId: string,
  model: CommunityDescriptionModel,
): Promise<void> => {
  const categories = [...model.categories.values()];
  await sql.query(
    `INSERT INTO categories (community_id, category_id, name, position, deleted)
     SELECT $1, *, false FROM unnest($2::text[], $3::text[], $4::int[])
     ON CONFLICT (community_id, category_id) DO UPDATE SET
       name = EXCLUDED.name, position = EXCLUDED.position, deleted = false`,
    [
      communityId,
      categories.map((category) => category.id),
      categories.map((category) => category.name),
      categories.map((category) => category.position),
    ],
  );
  const channels = [...model.channels.values()];
  await sql.query(
    `INSERT INTO channels (id, community_id, uuid, name, description, emoji, color, category_id, position,
       viewers_can_post_reactions, hide_if_permissions_not_met, encrypted, deleted, updated_at)
     SELECT c.id, $1, c.uuid, c.name, c.description, c.emoji, c.color, c.category_id, c.position, c.reactions,
       c.hide, c.encrypted, false, now()
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[],
                 $10::bool[], $11::bool[], $12::bool[])
       AS c(id, uuid, name, description, emoji, color, category_id, position, reactions, hide, encrypted)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description,
       emoji = EXCLUDED.emoji, color = EXCLUDED.color, category_id = EXCLUDED.category_id,
       position = EXCLUDED.position, viewers_can_post_reactions = EXCLUDED.viewers_can_post_reactions,
       hide_if_permissions_not_met = EXCLUDED.hide_if_permissions_not_met, encrypted = EXCLUDED.encrypted,
       deleted = false, updated_at = now()`,
    [
      communityId,
      channels.map((channel) => channel.chatId),
      channels.map((channel) => channel.uuid),
      channels.map((channel) => channel.name),
      channels.map((channel) => channel.description),
      channels.map((channel) => channel.emoji),
      channels.map((channel) => channel.color),
      channels.map((channel) => channel.categoryId ?? null),
      channels.map((channel) => channel.position),
      channels.map((channel) => channel.viewersCanPostReactions),
      channels.map((channel) => channel.hideIfPermissionsNotMet),
      channels.map((channel) => channel.encrypted),
    ],
  );
  await sql.query(
    `UPDATE channels SET deleted = true, updated_at = now()
     WHERE community_id = $1 AND NOT (uuid = ANY($2::text[])) AND NOT deleted`,
    [communityId, channels.map((channel) => channel.uuid)],
  );
  await sql.query(
    `UPDATE categories SET deleted = true
     WHERE community_id = $1 AND NOT (category_id = ANY($2::text[])) AND NOT deleted`,
    [communityId, categories.map((category) => category.id)],
  );
};

const rolesLiteral = (member: CommunityMemberModel | undefined): string =>
  `{${member?.roles.join(',') ?? ''}}`;

/** Members present in the description: active, with their roles; a rejoin restarts `joined_at`. */
const upsertMembers = async (
  sql: SqlClient,
  communityId: string,
  members: readonly CommunityMemberModel[],
  at: Date,
): Promise<void> => {
  if (members.length === 0) return;
  await sql.query(
    `INSERT INTO members (community_id, member_key, roles, state, last_update_clock, joined_at)
     SELECT $1, m.key, m.roles::member_role[], 'ACTIVE', m.clock, $5
     FROM unnest($2::text[], $3::text[], $4::bigint[]) AS m(key, roles, clock)
     ON CONFLICT (community_id, member_key) DO UPDATE SET
       roles = EXCLUDED.roles,
       last_update_clock = EXCLUDED.last_update_clock,
       joined_at = CASE WHEN members.state = 'ACTIVE' THEN members.joined_at ELSE EXCLUDED.joined_at END,
       state = 'ACTIVE',
       left_at = NULL`,
    [
      communityId,
      members.map((member) => member.publicKey),
      members.map(rolesLiteral),
      members.map((member) => String(member.lastUpdateClock)),
      at,
    ],
  );
};

const setMemberState = (
  sql: SqlClient,
  communityId: string,
  memberKeys: readonly string[],
  state: 'LEFT' | 'BANNED',
  at: Date,
  onlyActive: boolean,
) =>
  sql.query(
    `UPDATE members SET state = $3::member_state, left_at = COALESCE(left_at, $4)
     WHERE community_id = $1 AND member_key = ANY($2::text[]) AND (NOT $5 OR state = 'ACTIVE')`,
    [communityId, [...memberKeys], state, at, onlyActive],
  );

const memberEvents = async (
  sql: SqlClient,
  fact: DescriptionFact,
  type: MemberEventType,
  memberKeys: readonly string[],
  at: Date,
): Promise<void> => {
  if (memberKeys.length === 0) return;
  await sql.query(
    `INSERT INTO member_events (community_id, member_key, type, roles, clock, at)
     SELECT $1, e.key, $3::member_event_type, e.roles::member_role[], $5, $6
     FROM unnest($2::text[], $4::text[]) AS e(key, roles)
     ON CONFLICT (community_id, member_key, type, clock) DO NOTHING`,
    [
      fact.communityId,
      [...memberKeys],
      type,
      memberKeys.map((key) => rolesLiteral(fact.model.members.get(key))),
      String(fact.clock),
      at,
    ],
  );
};

const upsertBans = async (
  sql: SqlClient,
  fact: DescriptionFact,
  bans: readonly { readonly publicKey: string; readonly deleteAllMessages: boolean }[],
  at: Date,
): Promise<void> => {
  if (bans.length === 0) return;
  await sql.query(
    `INSERT INTO bans (community_id, member_key, delete_all_messages, clock, banned_at)
     SELECT $1, b.key, b.delete_all, $4, $5 FROM unnest($2::text[], $3::bool[]) AS b(key, delete_all)
     ON CONFLICT (community_id, member_key) DO UPDATE SET
       delete_all_messages = EXCLUDED.delete_all_messages, clock = EXCLUDED.clock, banned_at = EXCLUDED.banned_at`,
    [
      fact.communityId,
      bans.map((ban) => ban.publicKey),
      bans.map((ban) => ban.deleteAllMessages),
      String(fact.clock),
      at,
    ],
  );
};

export interface MembershipChange {
  readonly joined: number;
  readonly left: number;
  /** Members banned with delete_all_messages: their messages are flagged deleted after this batch's inserts. */
  readonly purgeAuthors: readonly string[];
}

/**
 * Members, bans and their history. The first description seen records who is a member without calling
 * anyone "joined": they were members before the platform looked, and counting them would swamp the
 * join and retention figures of the day a community is first watched.
 */
const writeMembership = async (
  sql: SqlClient,
  fact: DescriptionFact,
  at: Date,
): Promise<MembershipChange> => {
  const { communityId, model, diff, previous } = fact;
  if (!previous) {
    await upsertMembers(sql, communityId, [...model.members.values()], at);
    await upsertBans(
      sql,
      fact,
      [...model.bannedMembers].map(([publicKey, ban]) => ({
        publicKey,
        deleteAllMessages: ban.deleteAllMessages,
      })),
      at,
    );
    return { joined: 0, left: 0, purgeAuthors: [] };
  }

  const bannedKeys = new Set(diff.membersBanned.map((ban) => ban.publicKey));
  const changedRoles = diff.roleChanges.map((change) => change.publicKey);
  const removedOnly = diff.membersRemoved.filter((key) => !bannedKeys.has(key));
  await upsertMembers(
    sql,
    communityId,
    [...diff.membersJoined, ...changedRoles].flatMap((key) => model.members.get(key) ?? []),
    at,
  );
  await setMemberState(sql, communityId, removedOnly, 'LEFT', at, true);
  await setMemberState(sql, communityId, [...bannedKeys], 'BANNED', at, false);
  await upsertBans(sql, fact, diff.membersBanned, at);
  if (diff.membersUnbanned.length > 0) {
    await sql.query(`DELETE FROM bans WHERE community_id = $1 AND member_key = ANY($2::text[])`, [
      communityId,
      [...diff.membersUnbanned],
    ]);
    // Unbanned and not back in the description: no longer banned, not a member either.
    await sql.query(
      `UPDATE members SET state = 'LEFT'
       WHERE community_id = $1 AND member_key = ANY($2::text[]) AND state = 'BANNED'`,
      [communityId, diff.membersUnbanned.filter((key) => !model.members.has(key))],
    );
  }

  await memberEvents(sql, fact, 'JOINED', diff.membersJoined, at);
  // The description cannot tell a leave from a kick: status-go reports both as removed.
  await memberEvents(sql, fact, 'REMOVED', removedOnly, at);
  await memberEvents(sql, fact, 'BANNED', [...bannedKeys], at);
  await memberEvents(sql, fact, 'UNBANNED', diff.membersUnbanned, at);
  await memberEvents(sql, fact, 'ROLE_CHANGED', changedRoles, at);
  return {
    joined: diff.membersJoined.length,
    left: diff.membersRemoved.length,
    purgeAuthors: diff.membersBanned.filter((ban) => ban.deleteAllMessages).map((ban) => ban.publicKey),
  };
};

/** Members over time: the day's end-of-day member count, joins and leaves; joins open retention cohorts. */
const writeMembershipRollups = async (
  sql: SqlClient,
  fact: DescriptionFact,
  change: MembershipChange,
): Promise<void> => {
  await rollUpMembership(sql, {
    communityId: fact.communityId,
    atMs: fact.origin.atMs,
    memberCount: fact.model.members.size,
    joined: change.joined,
    left: change.left,
  });
  if (change.joined === 0) return;
  const day = utcDay(fact.origin.atMs);
  await sql.query(
    `INSERT INTO retention_cohorts (community_id, cohort_day, joined) VALUES ($1, $2::date, $3)
     ON CONFLICT (community_id, cohort_day) DO UPDATE SET joined = retention_cohorts.joined + EXCLUDED.joined`,
    [fact.communityId, day, change.joined],
  );
};

/** Writes everything an accepted description changes; throws StaleStateError when it lost a race. */
export const writeDescription = async (sql: SqlClient, fact: DescriptionFact): Promise<MembershipChange> => {
  const at = new Date(fact.origin.atMs);
  await writeCommunity(sql, fact, at);
  await writeSnapshotAndImages(sql, fact, at);
  await writeCategoriesAndChannels(sql, fact.communityId, fact.model);
  const change = await writeMembership(sql, fact, at);
  await writeMembershipRollups(sql, fact, change);
  return change;
};

/** The stored description arrived again: only `last_seen_at` moves. */
export const touchCommunity = async (sql: SqlClient, communityId: string, atMs: number): Promise<void> => {
  await sql.query(`UPDATE communities SET last_seen_at = GREATEST(last_seen_at, $2) WHERE id = $1`, [
    communityId,
    new Date(atMs),
  ]);
};
