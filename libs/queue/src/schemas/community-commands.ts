import { z } from 'zod';
import { command } from './command-base.js';
import { Base64Schema, ChannelIdSchema, CommunityIdSchema, PublicKeySchema } from './primitives.js';

const ImageSchema = z.object({
  /** `thumbnail`, `large` or `banner`, as the description's image map names them. */
  kind: z.string().min(1),
  payload: Base64Schema,
});

const IdentitySchema = z.object({
  displayName: z.string().min(1),
  description: z.string(),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected #rrggbb'),
  emoji: z.string(),
  images: z.array(ImageSchema),
  tags: z.array(z.string()),
  introMessage: z.string(),
  outroMessage: z.string(),
});

const PermissionsSchema = z.object({
  access: z.enum(['AUTO_ACCEPT', 'MANUAL_ACCEPT']),
  ensOnly: z.boolean(),
  /** Members-only content (a BECOME_MEMBER permission, no token criteria yet): hash-ratchet encrypted. */
  encrypted: z.boolean().optional(),
});

export const CreateCommunityCommandSchema = command('community.create', {
  tenantId: z.string().min(1),
  /** A key imported into the keyring beforehand; absent: the publisher generates one. Never the key itself. */
  keyId: z.string().min(1).optional(),
  identity: IdentitySchema,
  permissions: PermissionsSchema,
});
export const UpdateCommunityCommandSchema = command('community.update', {
  communityId: CommunityIdSchema,
  identity: IdentitySchema.partial().optional(),
  permissions: PermissionsSchema.partial().optional(),
  pinMessageAllMembersEnabled: z.boolean().optional(),
});
export const UpsertChannelCommandSchema = command('channel.upsert', {
  communityId: CommunityIdSchema,
  channelId: z.uuid(),
  name: z.string().min(1),
  description: z.string(),
  emoji: z.string(),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected #rrggbb'),
  categoryId: z.string().min(1).optional(),
  position: z.number().int().nonnegative().optional(),
  viewersCanPostReactions: z.boolean(),
  /** Only its members read it (a CAN_VIEW_AND_POST_CHANNEL permission): its own hash-ratchet key. Absent: unchanged. */
  encrypted: z.boolean().optional(),
});
export const DeleteChannelCommandSchema = command('channel.delete', {
  communityId: CommunityIdSchema,
  channelId: ChannelIdSchema,
});
export const UpsertCategoryCommandSchema = command('category.upsert', {
  communityId: CommunityIdSchema,
  categoryId: z.string().min(1),
  name: z.string().min(1),
  position: z.number().int().nonnegative().optional(),
});
export const DeleteCategoryCommandSchema = command('category.delete', {
  communityId: CommunityIdSchema,
  categoryId: z.string().min(1),
});
export const SetMemberRolesCommandSchema = command('member.set-roles', {
  communityId: CommunityIdSchema,
  memberKey: PublicKeySchema,
  roles: z.array(z.enum(['ADMIN', 'TOKEN_MASTER'])),
});

/** Moves a channel within its category, or into another (absent: no category), as status-go ReorderChat. */
export const ReorderChannelCommandSchema = command('channel.reorder', {
  communityId: CommunityIdSchema,
  channelId: ChannelIdSchema,
  categoryId: z.string().min(1).optional(),
  position: z.number().int().nonnegative(),
});
/** Moves a category to a position among the others, as status-go ReorderCommunityCategories. */
export const ReorderCategoryCommandSchema = command('category.reorder', {
  communityId: CommunityIdSchema,
  categoryId: z.string().min(1),
  position: z.number().int().nonnegative(),
});
/** Gives the community a shard of its own (announced with CommunityPublicShardInfo), as status-go SetCommunityShard. */
export const SetCommunityShardCommandSchema = command('community.set-shard', {
  communityId: CommunityIdSchema,
  shard: z.object({
    cluster: z.number().int().min(0).max(0xffff),
    index: z.number().int().min(0).max(1023),
  }),
});
/** New group keys for the community and each encrypted channel, handed to every member (admin). */
export const RotateCommunityKeysCommandSchema = command('community.rotate-keys', {
  communityId: CommunityIdSchema,
});
/**
 * From the publisher's own schedule: publish every hosted community whose stored state is newer than what
 * was published, or whose last publish is older than the re-advertise interval.
 */
export const PublishSweepCommandSchema = command('publish.sweep', {});

/** queue `community.commands` (api → publisher). */
export const CommunityCommandSchema = z.discriminatedUnion('type', [
  CreateCommunityCommandSchema,
  UpdateCommunityCommandSchema,
  UpsertChannelCommandSchema,
  DeleteChannelCommandSchema,
  UpsertCategoryCommandSchema,
  DeleteCategoryCommandSchema,
  SetMemberRolesCommandSchema,
  ReorderChannelCommandSchema,
  ReorderCategoryCommandSchema,
  SetCommunityShardCommandSchema,
  RotateCommunityKeysCommandSchema,
  PublishSweepCommandSchema,
]);
export type CommunityCommand = z.infer<typeof CommunityCommandSchema>;
