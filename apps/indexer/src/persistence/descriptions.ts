// Stores an accepted description: the community's current fields, its snapshot, images, categories,
// channels, members with their history and bans, and the membership roll-ups. Idempotent: a retried batch
// finds the clock already moved and rewrites nothing (see StaleStateError).
import { keccak256 } from '@status-communities/crypto';
import type { MemberEventType, Prisma } from '@status-communities/db';
import type { CommunityDescriptionModel, CommunityMemberModel } from '@status-communities/protocol';
import type { DescriptionFact } from '../acceptance/decision.js';
import { utcDay } from '../time.js';

type Tx = Prisma.TransactionClient;

/** Prisma's Bytes take an ArrayBuffer-backed array; decoded fields may be views of any buffer. */
const owned = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);

/**
 * The community's stored clock is no longer what the fact was decided against: another replica (or the
 * publisher) stored a description meanwhile. The batch is decided again on fresh state.
 */
export class StaleStateError extends Error {
  constructor(readonly communityId: string) {
    super(`community ${communityId} changed while the batch was decided`);
  }
}

const communityFields = (model: CommunityDescriptionModel, clock: number, raw: Uint8Array, at: Date) => ({
  name: model.identity.displayName,
  description: model.identity.description,
  color: model.identity.color,
  emoji: model.identity.emoji,
  tags: [...model.tags],
  access: model.permissions.access,
  ensOnly: model.permissions.ensOnly,
  encrypted: model.isEncrypted,
  introMessage: model.introMessage,
  outroMessage: model.outroMessage,
  pinMessageAllMembersEnabled: model.adminSettings.pinMessageAllMembersEnabled,
  memberCount: model.members.size,
  clock: BigInt(clock),
  descriptionRaw: owned(raw),
  lastSeenAt: at,
});

/** Compare-and-set on the clock: only the writer that saw the stored clock moves it. */
const writeCommunity = async (tx: Tx, fact: DescriptionFact, at: Date): Promise<void> => {
  const fields = communityFields(fact.model, fact.clock, fact.raw, at);
  const written =
    fact.storedClock === undefined
      ? await tx.community.createMany({
          data: [{ id: fact.communityId, kind: 'WATCHED', ...fields }],
          skipDuplicates: true,
        })
      : await tx.community.updateMany({
          where: { id: fact.communityId, clock: BigInt(fact.storedClock) },
          data: fields,
        });
  if (written.count !== 1) throw new StaleStateError(fact.communityId);
};

const writeImages = async (tx: Tx, communityId: string, model: CommunityDescriptionModel): Promise<void> => {
  const images = [...model.identity.images];
  await tx.communityImage.deleteMany({
    where: { communityId, kind: { notIn: images.map(([kind]) => kind) } },
  });
  for (const [kind, image] of images) {
    const fields = {
      format: image.format,
      source: image.source,
      encrypted: image.encrypted,
      size: image.payload.length,
      payload: owned(image.payload),
    };
    await tx.communityImage.upsert({
      where: { communityId_kind: { communityId, kind } },
      create: { communityId, kind, ...fields },
      update: fields,
    });
  }
};

const writeCategoriesAndChannels = async (
  tx: Tx,
  communityId: string,
  model: CommunityDescriptionModel,
): Promise<void> => {
  for (const category of model.categories.values()) {
    const fields = { name: category.name, position: category.position, deleted: false };
    await tx.category.upsert({
      where: { communityId_categoryId: { communityId, categoryId: category.id } },
      create: { communityId, categoryId: category.id, ...fields },
      update: fields,
    });
  }
  for (const channel of model.channels.values()) {
    const fields = {
      name: channel.name,
      description: channel.description,
      emoji: channel.emoji,
      color: channel.color,
      categoryId: channel.categoryId ?? null,
      position: channel.position,
      viewersCanPostReactions: channel.viewersCanPostReactions,
      hideIfPermissionsNotMet: channel.hideIfPermissionsNotMet,
      encrypted: channel.encrypted,
      deleted: false,
    };
    await tx.channel.upsert({
      where: { id: channel.chatId },
      create: { id: channel.chatId, communityId, uuid: channel.uuid, ...fields },
      update: fields,
    });
  }
  // Gone from the description: kept, flagged, so their messages stay readable.
  await tx.channel.updateMany({
    where: { communityId, uuid: { notIn: [...model.channels.keys()] }, deleted: false },
    data: { deleted: true },
  });
  await tx.category.updateMany({
    where: { communityId, categoryId: { notIn: [...model.categories.keys()] }, deleted: false },
    data: { deleted: true },
  });
};

const rolesLiteral = (member: CommunityMemberModel): string => `{${member.roles.join(',')}}`;

/** Members present in the description: active, with their roles; a rejoin restarts `joined_at`. */
const upsertMembers = async (
  tx: Tx,
  communityId: string,
  members: readonly CommunityMemberModel[],
  at: Date,
): Promise<void> => {
  if (members.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO members (community_id, member_key, roles, state, last_update_clock, joined_at)
    SELECT ${communityId}, m.key, m.roles::member_role[], 'ACTIVE', m.clock, ${at}
    FROM unnest(${members.map((member) => member.publicKey)}::text[],
                ${members.map(rolesLiteral)}::text[],
                ${members.map((member) => String(member.lastUpdateClock))}::bigint[]) AS m(key, roles, clock)
    ON CONFLICT (community_id, member_key) DO UPDATE SET
      roles = EXCLUDED.roles,
      last_update_clock = EXCLUDED.last_update_clock,
      joined_at = CASE WHEN members.state = 'ACTIVE' THEN members.joined_at ELSE EXCLUDED.joined_at END,
      state = 'ACTIVE',
      left_at = NULL`;
};

const memberEvents = async (
  tx: Tx,
  fact: DescriptionFact,
  type: MemberEventType,
  memberKeys: readonly string[],
  at: Date,
): Promise<void> => {
  if (memberKeys.length === 0) return;
  await tx.memberEvent.createMany({
    data: memberKeys.map((memberKey) => ({
      communityId: fact.communityId,
      memberKey,
      type,
      roles: [...(fact.model.members.get(memberKey)?.roles ?? [])],
      clock: BigInt(fact.clock),
      at,
    })),
    skipDuplicates: true,
  });
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
const writeMembership = async (tx: Tx, fact: DescriptionFact, at: Date): Promise<MembershipChange> => {
  const { communityId, model, diff, previous } = fact;
  const current = [...model.members.values()];
  if (!previous) {
    await upsertMembers(tx, communityId, current, at);
    for (const [memberKey, ban] of model.bannedMembers)
      await tx.ban.upsert({
        where: { communityId_memberKey: { communityId, memberKey } },
        create: {
          communityId,
          memberKey,
          deleteAllMessages: ban.deleteAllMessages,
          clock: BigInt(fact.clock),
          bannedAt: at,
        },
        update: {},
      });
    return { joined: 0, left: 0, purgeAuthors: [] };
  }

  const bannedKeys = diff.membersBanned.map((ban) => ban.publicKey);
  const changedRoles = diff.roleChanges.map((change) => change.publicKey);
  await upsertMembers(
    tx,
    communityId,
    [...diff.membersJoined, ...changedRoles].flatMap((key) => model.members.get(key) ?? []),
    at,
  );
  const removedOnly = diff.membersRemoved.filter((key) => !bannedKeys.includes(key));
  await tx.member.updateMany({
    where: { communityId, memberKey: { in: removedOnly }, state: 'ACTIVE' },
    data: { state: 'LEFT', leftAt: at },
  });
  await tx.member.updateMany({
    where: { communityId, memberKey: { in: bannedKeys } },
    data: { state: 'BANNED', leftAt: at },
  });
  for (const { publicKey: memberKey, deleteAllMessages } of diff.membersBanned)
    await tx.ban.upsert({
      where: { communityId_memberKey: { communityId, memberKey } },
      create: { communityId, memberKey, deleteAllMessages, clock: BigInt(fact.clock), bannedAt: at },
      update: { deleteAllMessages, clock: BigInt(fact.clock), bannedAt: at },
    });
  await tx.ban.deleteMany({ where: { communityId, memberKey: { in: [...diff.membersUnbanned] } } });
  // Unbanned and not back in the description: no longer banned, not a member either.
  await tx.member.updateMany({
    where: { communityId, memberKey: { in: diff.membersUnbanned.filter((key) => !model.members.has(key)) } },
    data: { state: 'LEFT' },
  });

  await memberEvents(tx, fact, 'JOINED', diff.membersJoined, at);
  // The description cannot tell a leave from a kick: status-go reports both as removed.
  await memberEvents(tx, fact, 'REMOVED', removedOnly, at);
  await memberEvents(tx, fact, 'BANNED', bannedKeys, at);
  await memberEvents(tx, fact, 'UNBANNED', diff.membersUnbanned, at);
  await memberEvents(tx, fact, 'ROLE_CHANGED', changedRoles, at);
  return {
    joined: diff.membersJoined.length,
    left: diff.membersRemoved.length,
    purgeAuthors: diff.membersBanned.filter((ban) => ban.deleteAllMessages).map((ban) => ban.publicKey),
  };
};

/** Members over time: the day's end-of-day member count, joins and leaves; joins open retention cohorts. */
const writeMembershipRollups = async (
  tx: Tx,
  fact: DescriptionFact,
  change: MembershipChange,
): Promise<void> => {
  const day = utcDay(fact.origin.atMs);
  await tx.$executeRaw`
    INSERT INTO community_daily_stats (community_id, day, member_count, joined, "left")
    VALUES (${fact.communityId}, ${day}::date, ${fact.model.members.size}, ${change.joined}, ${change.left})
    ON CONFLICT (community_id, day) DO UPDATE SET
      member_count = EXCLUDED.member_count,
      joined = community_daily_stats.joined + EXCLUDED.joined,
      "left" = community_daily_stats."left" + EXCLUDED."left"`;
  if (change.joined === 0) return;
  await tx.$executeRaw`
    INSERT INTO retention_cohorts (community_id, cohort_day, joined)
    VALUES (${fact.communityId}, ${day}::date, ${change.joined})
    ON CONFLICT (community_id, cohort_day) DO UPDATE SET joined = retention_cohorts.joined + EXCLUDED.joined`;
};

/** Writes everything an accepted description changes; throws StaleStateError when it lost a race. */
export const writeDescription = async (tx: Tx, fact: DescriptionFact): Promise<MembershipChange> => {
  const at = new Date(fact.origin.atMs);
  await writeCommunity(tx, fact, at);
  await tx.descriptionSnapshot.createMany({
    data: [
      {
        communityId: fact.communityId,
        clock: BigInt(fact.clock),
        memberCount: fact.model.members.size,
        receivedAt: at,
        raw: owned(fact.raw),
        rawHash: owned(keccak256(fact.raw)),
      },
    ],
    skipDuplicates: true,
  });
  await writeImages(tx, fact.communityId, fact.model);
  await writeCategoriesAndChannels(tx, fact.communityId, fact.model);
  const change = await writeMembership(tx, fact, at);
  await writeMembershipRollups(tx, fact, change);
  return change;
};

/** A banned member's messages, flagged deleted by the community (status-go deletes them on receipt). */
export const purgeMessages = async (
  tx: Tx,
  communityId: string,
  authors: readonly string[],
  deletedBy: string,
  at: Date,
): Promise<void> => {
  if (authors.length === 0) return;
  await tx.message.updateMany({
    where: { communityId, authorKey: { in: [...authors] }, deleted: false },
    data: { deleted: true, deletedAt: at, deletedBy },
  });
};

/** The stored description arrived again: only `last_seen_at` moves. */
export const touchCommunity = async (tx: Tx, communityId: string, atMs: number): Promise<void> => {
  await tx.$executeRaw`
    UPDATE communities SET last_seen_at = GREATEST(last_seen_at, ${new Date(atMs)}) WHERE id = ${communityId}`;
};
