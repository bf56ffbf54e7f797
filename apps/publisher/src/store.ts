// The publisher's reads and writes of hosted communities. The database is the source of truth: commands
// change it, publishing reads it.
import type { Prisma, PrismaClient } from '@status-communities/db';
import { lockHostedCommunityRow } from '@status-communities/db';
import { bug } from '@status-communities/errors';
import type { ChannelRight, IdentityImageFormat, IdentityImageSource } from '@status-communities/protocol';
import { tokenPermissionFromJson } from '@status-communities/protocol';
import type { CommunityChange } from './commands/decide.js';
import type {
  CategoryRecord,
  ChannelRecord,
  CommunityFields,
  CommunityRecord,
  CommunityState,
  ImageRecord,
  MemberRecord,
  PublishState,
} from './state.js';

export type Db = PrismaClient | Prisma.TransactionClient;

type CommunityRow = Prisma.CommunityGetPayload<{
  include: { channels: true; categories: true; images: true };
}>;

/**
 * The community row with its channels, categories and images. Read one query after the other rather than
 * with `include`, which Prisma runs concurrently on the transaction's single connection (pg deprecates that).
 */
const readCommunityRow = async (db: Db, communityId: string): Promise<CommunityRow | null> => {
  const row = await db.community.findUnique({ where: { id: communityId } });
  if (!row) return null;
  const channels = await db.channel.findMany({ where: { communityId } });
  const categories = await db.category.findMany({ where: { communityId } });
  const images = await db.communityImage.findMany({ where: { communityId } });
  return { ...row, channels, categories, images };
};

const communityStateOf = (row: CommunityRow): CommunityState | null => {
  // Only hosted communities with a key are the publisher's; anything else is not found for it.
  if (row.kind !== 'HOSTED' || row.keyId === null) return null;
  if (row.access !== 'AUTO_ACCEPT' && row.access !== 'MANUAL_ACCEPT')
    bug(`hosted community ${row.id} has access ${row.access}`);
  const community: CommunityRecord = {
    id: row.id,
    tenantId: row.tenantId,
    keyId: row.keyId,
    name: row.name,
    description: row.description,
    color: row.color,
    emoji: row.emoji,
    tags: row.tags,
    access: row.access,
    ensOnly: row.ensOnly,
    introMessage: row.introMessage,
    outroMessage: row.outroMessage,
    pinMessageAllMembersEnabled: row.pinMessageAllMembersEnabled,
    encrypted: row.encrypted,
    shard:
      row.shardCluster === null || row.shardIndex === null
        ? null
        : { cluster: row.shardCluster, index: row.shardIndex },
    clock: Number(row.clock),
  };
  return {
    community,
    channels: row.channels.map((channel): ChannelRecord => ({
      uuid: channel.uuid,
      name: channel.name,
      description: channel.description,
      emoji: channel.emoji,
      color: channel.color,
      categoryId: channel.categoryId,
      position: channel.position,
      viewersCanPostReactions: channel.viewersCanPostReactions,
      hideIfPermissionsNotMet: channel.hideIfPermissionsNotMet,
      encrypted: channel.encrypted,
      deleted: channel.deleted,
    })),
    categories: row.categories.map((category): CategoryRecord => ({
      categoryId: category.categoryId,
      name: category.name,
      position: category.position,
      deleted: category.deleted,
    })),
    images: row.images
      .filter((image) => image.payload !== null)
      .map((image): ImageRecord => ({
        kind: image.kind,
        format: image.format as IdentityImageFormat,
        source: image.source as IdentityImageSource,
        payload: image.payload ?? new Uint8Array(0),
      })),
  };
};

/** A hosted community's state, null when there is no such hosted community. */
export const loadCommunityState = async (db: Db, communityId: string): Promise<CommunityState | null> => {
  const row = await readCommunityRow(db, communityId);
  return row ? communityStateOf(row) : null;
};

/** Locks the community row for the rest of the transaction (lockHostedCommunityRow), then reads its state. */
export const lockCommunityState = async (
  tx: Prisma.TransactionClient,
  communityId: string,
): Promise<CommunityState | null> =>
  (await lockHostedCommunityRow(tx, communityId)) ? loadCommunityState(tx, communityId) : null;

/** The member if active (a member who left, was kicked or banned has no roles to change). */
export const loadActiveMember = async (
  db: Db,
  communityId: string,
  memberKey: string,
): Promise<MemberRecord | null> => {
  const row = await db.member.findUnique({ where: { communityId_memberKey: { communityId, memberKey } } });
  if (!row || row.state !== 'ACTIVE') return null;
  return { memberKey: row.memberKey, roles: row.roles, lastUpdateClock: Number(row.lastUpdateClock) };
};

const fieldData = (fields: Partial<CommunityFields>): Prisma.CommunityUpdateInput => {
  const { shard, tags, ...plain } = fields;
  return {
    ...plain,
    ...(tags === undefined ? {} : { tags: [...tags] }),
    ...(shard === undefined
      ? {}
      : { shardCluster: shard?.cluster ?? null, shardIndex: shard?.index ?? null }),
  };
};

export const imageRows = (communityId: string, images: readonly ImageRecord[]) =>
  images.map((image) => ({
    communityId,
    kind: image.kind,
    format: image.format,
    source: image.source,
    encrypted: false,
    size: image.payload.length,
    payload: new Uint8Array(image.payload),
  }));

/**
 * Writes a decided change and the community's new clock. Categories go first: channels refer to them.
 * A role change is also a member event at the new clock (the indexer writes the same row when it reads
 * the description; the unique key keeps one).
 */
export const applyChange = async (
  tx: Prisma.TransactionClient,
  state: CommunityState,
  change: CommunityChange,
  clock: number,
  actor: string,
  at: Date,
): Promise<void> => {
  const communityId = state.community.id;
  await tx.community.update({ where: { id: communityId }, data: { ...fieldData(change.fields), clock } });
  if (change.images) {
    await tx.communityImage.deleteMany({ where: { communityId } });
    await tx.communityImage.createMany({ data: imageRows(communityId, change.images) });
  }
  for (const category of change.categories) {
    const data = { name: category.name, position: category.position, deleted: category.deleted };
    await tx.category.upsert({
      where: { communityId_categoryId: { communityId, categoryId: category.categoryId } },
      create: { communityId, categoryId: category.categoryId, ...data },
      update: data,
    });
  }
  for (const channel of change.channels) {
    const data = {
      name: channel.name,
      description: channel.description,
      emoji: channel.emoji,
      color: channel.color,
      categoryId: channel.categoryId,
      position: channel.position,
      viewersCanPostReactions: channel.viewersCanPostReactions,
      hideIfPermissionsNotMet: channel.hideIfPermissionsNotMet,
      encrypted: channel.encrypted,
      deleted: channel.deleted,
    };
    await tx.channel.upsert({
      where: { id: communityId + channel.uuid },
      create: { id: communityId + channel.uuid, communityId, uuid: channel.uuid, ...data },
      update: data,
    });
  }
  if (change.memberRoles) {
    const { memberKey, roles } = change.memberRoles;
    await tx.member.update({
      where: { communityId_memberKey: { communityId, memberKey } },
      data: { roles: [...roles], lastUpdateClock: clock },
    });
    await tx.memberEvent.createMany({
      data: [{ communityId, memberKey, type: 'ROLE_CHANGED', roles: [...roles], clock, at, actor }],
      skipDuplicates: true,
    });
  }
};

/** members.channel_rights (chat id → POSTER | VIEWER) as a map; null: every channel, POSTER. */
const channelRightsOf = (stored: Prisma.JsonValue | null): ReadonlyMap<string, ChannelRight> | null => {
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return null;
  return new Map(
    Object.entries(stored).flatMap(([chatId, right]): [string, ChannelRight][] =>
      right === 'POSTER' || right === 'VIEWER' ? [[chatId, right]] : [],
    ),
  );
};

/**
 * Everything a description is built from, read in one REPEATABLE READ transaction so members, channels
 * and the clock are one consistent snapshot. Null when there is no such hosted community.
 */
export const loadPublishState = async (
  prisma: PrismaClient,
  communityId: string,
): Promise<PublishState | null> =>
  prisma.$transaction(
    async (tx) => {
      const row = await readCommunityRow(tx, communityId);
      const state = row ? communityStateOf(row) : null;
      if (!row || !state) return null;
      // One after the other: a transaction is one connection, and pg runs its queries in turn anyway.
      const members = await tx.member.findMany({
        where: { communityId, state: 'ACTIVE' },
        select: { memberKey: true, roles: true, lastUpdateClock: true, channelRights: true },
      });
      const tokenPermissions = await tx.tokenPermission.findMany({
        where: { communityId },
        orderBy: { id: 'asc' },
      });
      const bans = await tx.ban.findMany({
        where: { communityId },
        select: { memberKey: true, deleteAllMessages: true },
      });
      return {
        ...state,
        members: members.map((member) => ({
          memberKey: member.memberKey,
          roles: member.roles,
          lastUpdateClock: Number(member.lastUpdateClock),
          channelRights: channelRightsOf(member.channelRights),
        })),
        tokenPermissions: tokenPermissions.map((permission) => {
          const model = tokenPermissionFromJson(permission);
          // The request handler wrote it from a validated command: a row that does not read back is a bug.
          if (!model.ok) throw model.error;
          return model.value;
        }),
        bans,
        lastPublishedClock: row.lastPublishedClock === null ? null : Number(row.lastPublishedClock),
        lastPublishedAt: row.lastPublishedAt,
        lastDescription: row.descriptionRaw,
      };
    },
    { isolationLevel: 'RepeatableRead' },
  );
