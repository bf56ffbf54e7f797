// Commands → state changes, as pure functions: what a command does to a hosted community's stored state,
// or why it is refused. The store applies the change and bumps the clock; nothing here does I/O.
import type { MemberRole } from '@status-communities/db';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import type { CommunityCommand } from '@status-communities/queue';
import type {
  CategoryRecord,
  ChannelRecord,
  CommunityFields,
  CommunityState,
  ImageRecord,
  MemberRecord,
} from '../state.js';
import { compact, placeAt } from './positions.js';
import { checkIdentity, checkImages, checkNewChannelId, storedTags } from './rules.js';

/** Commands that edit an existing community (creation and the publish sweep are handled on their own). */
export type EditCommand = Exclude<
  CommunityCommand,
  { type: 'community.create' | 'publish.sweep' | 'community.rotate-keys' }
>;

/** What a command changes; only changed rows are listed. */
export interface CommunityChange {
  readonly fields: Partial<CommunityFields>;
  /** The complete new image set, when it changes. */
  readonly images: readonly ImageRecord[] | undefined;
  readonly channels: readonly ChannelRecord[];
  readonly categories: readonly CategoryRecord[];
  readonly memberRoles: { readonly memberKey: string; readonly roles: readonly MemberRole[] } | undefined;
  /** What changed, for the audit log: field names, `channel:<uuid>`, `category:<id>`, `member:<key>`. */
  readonly summary: readonly string[];
}

/** A change, or nothing to do (the state already is what the command asks: a retried job lands here). */
export type Decision =
  { readonly kind: 'change'; readonly change: CommunityChange } | { readonly kind: 'unchanged' };

/** What a command may need besides the community: the member it names. */
export interface DecisionContext extends CommunityState {
  /** The active member named by `member.set-roles`, null when there is none. */
  readonly member?: MemberRecord | null;
}

const ROLE_ORDER: readonly MemberRole[] = ['OWNER', 'ADMIN', 'TOKEN_MASTER'];

const notFound = (what: string, details: Record<string, unknown>): Result<never> =>
  fail(ErrorCode.NOT_FOUND, `no such ${what}`, details);

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const sameImages = (a: readonly ImageRecord[], b: readonly ImageRecord[]): boolean =>
  a.length === b.length &&
  a.every((image) => {
    const other = b.find((candidate) => candidate.kind === image.kind);
    return (
      other !== undefined &&
      other.format === image.format &&
      other.source === image.source &&
      Buffer.from(other.payload).equals(Buffer.from(image.payload))
    );
  });

/** The change with only the rows and fields that differ from `state`; `unchanged` when none do. */
const decision = (
  state: CommunityState,
  proposed: {
    fields?: Partial<CommunityFields>;
    images?: readonly ImageRecord[];
    channels?: readonly ChannelRecord[];
    categories?: readonly CategoryRecord[];
    memberRoles?: CommunityChange['memberRoles'];
  },
): Decision => {
  const fields = Object.fromEntries(
    Object.entries(proposed.fields ?? {}).filter(
      ([name, value]) => !sameValue(state.community[name as keyof CommunityFields], value),
    ),
  ) as Partial<CommunityFields>;
  const images = proposed.images && !sameImages(proposed.images, state.images) ? proposed.images : undefined;
  const channels = (proposed.channels ?? []).filter(
    (channel) =>
      !sameValue(
        state.channels.find((stored) => stored.uuid === channel.uuid),
        channel,
      ),
  );
  const categories = (proposed.categories ?? []).filter(
    (category) =>
      !sameValue(
        state.categories.find((stored) => stored.categoryId === category.categoryId),
        category,
      ),
  );
  const summary = [
    ...Object.keys(fields),
    ...(images ? ['images'] : []),
    ...categories.map((category) => `category:${category.categoryId}`),
    ...channels.map((channel) => `channel:${channel.uuid}`),
    ...(proposed.memberRoles ? [`member:${proposed.memberRoles.memberKey}`] : []),
  ];
  if (summary.length === 0) return { kind: 'unchanged' };
  return {
    kind: 'change',
    change: { fields, images, channels, categories, memberRoles: proposed.memberRoles, summary },
  };
};

const liveChannels = (state: CommunityState): ChannelRecord[] =>
  state.channels.filter((channel) => !channel.deleted);
const liveCategories = (state: CommunityState): CategoryRecord[] =>
  state.categories.filter((category) => !category.deleted);
const channelId = (channel: ChannelRecord): string => channel.uuid;
const categoryKey = (category: CategoryRecord): string => category.categoryId;

/** The live category a command names: NOT_FOUND when absent or deleted. */
const findCategory = (state: CommunityState, categoryId: string): Result<CategoryRecord> => {
  const category = liveCategories(state).find((candidate) => candidate.categoryId === categoryId);
  return category ? ok(category) : notFound('category', { categoryId });
};

/**
 * Channels after `moved` is placed in its category at `position`: its old group closes the gap, its new
 * group makes room. SG communities/community.go ReorderChat (SortCategoryChats + insertAndSort).
 */
const placeChannel = (
  state: CommunityState,
  moved: ChannelRecord,
  position: number | undefined,
): ChannelRecord[] => {
  const others = liveChannels(state).filter((channel) => channel.uuid !== moved.uuid);
  const previous = state.channels.find((channel) => channel.uuid === moved.uuid);
  const oldGroup =
    previous && previous.categoryId !== moved.categoryId
      ? compact(
          others.filter((channel) => channel.categoryId === previous.categoryId),
          channelId,
        )
      : [];
  // An existing channel staying in its category keeps its place unless a position is given.
  const stays = previous !== undefined && previous.categoryId === moved.categoryId;
  const at = position ?? (stays ? previous.position : undefined);
  const newGroup = placeAt(
    others.filter((channel) => channel.categoryId === moved.categoryId),
    moved,
    at,
    channelId,
  );
  return [...oldGroup, ...newGroup];
};

type Command<T extends EditCommand['type']> = Extract<EditCommand, { type: T }>;

const updateCommunity = (state: CommunityState, command: Command<'community.update'>): Result<Decision> => {
  const identity = command.identity ?? {};
  const checked = checkIdentity(identity);
  if (!checked.ok) return checked;
  const images = identity.images === undefined ? undefined : checkImages(identity.images);
  if (images && !images.ok) return images;
  const fields: Partial<CommunityFields> = {
    ...(identity.displayName === undefined ? {} : { name: identity.displayName }),
    ...(identity.description === undefined ? {} : { description: identity.description }),
    ...(identity.color === undefined ? {} : { color: identity.color }),
    ...(identity.emoji === undefined ? {} : { emoji: identity.emoji }),
    ...(identity.tags === undefined ? {} : { tags: storedTags(identity.tags) }),
    ...(identity.introMessage === undefined ? {} : { introMessage: identity.introMessage }),
    ...(identity.outroMessage === undefined ? {} : { outroMessage: identity.outroMessage }),
    ...(command.permissions?.access === undefined ? {} : { access: command.permissions.access }),
    ...(command.permissions?.ensOnly === undefined ? {} : { ensOnly: command.permissions.ensOnly }),
    ...(command.permissions?.encrypted === undefined ? {} : { encrypted: command.permissions.encrypted }),
    ...(command.pinMessageAllMembersEnabled === undefined
      ? {}
      : { pinMessageAllMembersEnabled: command.pinMessageAllMembersEnabled }),
  };
  return ok(decision(state, { fields, ...(images ? { images: images.value } : {}) }));
};

const upsertChannel = (state: CommunityState, command: Command<'channel.upsert'>): Result<Decision> => {
  const existing = state.channels.find((channel) => channel.uuid === command.channelId);
  if (existing?.deleted)
    return fail(ErrorCode.CONFLICT, 'this channel was deleted; create a new one', {
      channelId: command.channelId,
    });
  if (!existing) {
    const checked = checkNewChannelId(command.channelId);
    if (!checked.ok) return checked;
  }
  if (command.categoryId !== undefined) {
    const category = findCategory(state, command.categoryId);
    if (!category.ok) return category;
  }
  const channel: ChannelRecord = {
    uuid: command.channelId,
    name: command.name,
    description: command.description,
    emoji: command.emoji,
    color: command.color,
    categoryId: command.categoryId ?? null,
    position: existing?.position ?? 0,
    viewersCanPostReactions: command.viewersCanPostReactions,
    hideIfPermissionsNotMet: existing?.hideIfPermissionsNotMet ?? false,
    encrypted: command.encrypted ?? existing?.encrypted ?? false,
    deleted: false,
  };
  return ok(decision(state, { channels: placeChannel(state, channel, command.position) }));
};

const reorderChannel = (state: CommunityState, command: Command<'channel.reorder'>): Result<Decision> => {
  const existing = liveChannels(state).find((channel) => channel.uuid === command.channelId);
  if (!existing) return notFound('channel', { channelId: command.channelId });
  if (command.categoryId !== undefined) {
    const category = findCategory(state, command.categoryId);
    if (!category.ok) return category;
  }
  const moved = { ...existing, categoryId: command.categoryId ?? null };
  return ok(decision(state, { channels: placeChannel(state, moved, command.position) }));
};

const deleteChannel = (state: CommunityState, command: Command<'channel.delete'>): Result<Decision> => {
  const existing = state.channels.find((channel) => channel.uuid === command.channelId);
  if (!existing) return notFound('channel', { channelId: command.channelId });
  if (existing.deleted) return ok({ kind: 'unchanged' });
  const rest = compact(
    liveChannels(state).filter(
      (channel) => channel.categoryId === existing.categoryId && channel.uuid !== existing.uuid,
    ),
    channelId,
  );
  return ok(decision(state, { channels: [{ ...existing, deleted: true }, ...rest] }));
};

const upsertCategory = (state: CommunityState, command: Command<'category.upsert'>): Result<Decision> => {
  const existing = state.categories.find((category) => category.categoryId === command.categoryId);
  if (existing?.deleted)
    return fail(ErrorCode.CONFLICT, 'this category was deleted; create a new one', {
      categoryId: command.categoryId,
    });
  const category: CategoryRecord = {
    categoryId: command.categoryId,
    name: command.name,
    position: existing?.position ?? 0,
    deleted: false,
  };
  const position = command.position ?? existing?.position;
  return ok(decision(state, { categories: placeAt(liveCategories(state), category, position, categoryKey) }));
};

const reorderCategory = (state: CommunityState, command: Command<'category.reorder'>): Result<Decision> => {
  const category = findCategory(state, command.categoryId);
  if (!category.ok) return category;
  return ok(
    decision(state, {
      categories: placeAt(liveCategories(state), category.value, command.position, categoryKey),
    }),
  );
};

/** Its channels move out, after the channels without a category, in their order (SG community.go DeleteCategory). */
const deleteCategory = (state: CommunityState, command: Command<'category.delete'>): Result<Decision> => {
  const existing = state.categories.find((category) => category.categoryId === command.categoryId);
  if (!existing) return notFound('category', { categoryId: command.categoryId });
  if (existing.deleted) return ok({ kind: 'unchanged' });
  const channels = liveChannels(state);
  const uncategorized = channels.filter((channel) => channel.categoryId === null);
  const movedOut = compact(
    channels.filter((channel) => channel.categoryId === existing.categoryId),
    channelId,
  ).map((channel) => ({ ...channel, categoryId: null, position: uncategorized.length + channel.position }));
  const categories = [
    { ...existing, deleted: true },
    ...compact(
      liveCategories(state).filter((category) => category.categoryId !== existing.categoryId),
      categoryKey,
    ),
  ];
  return ok(decision(state, { channels: movedOut, categories }));
};

const setMemberRoles = (context: DecisionContext, command: Command<'member.set-roles'>): Result<Decision> => {
  const member = context.member;
  if (!member) return notFound('member', { memberKey: command.memberKey });
  // The owner is the control node itself; status-go has no way to change its roles either.
  if (member.roles.includes('OWNER'))
    return fail(ErrorCode.FORBIDDEN, "the owner's roles cannot be changed", { memberKey: command.memberKey });
  const roles = ROLE_ORDER.filter((role) => command.roles.includes(role as 'ADMIN' | 'TOKEN_MASTER'));
  if (sameValue(roles, member.roles)) return ok({ kind: 'unchanged' });
  return ok(decision(context, { memberRoles: { memberKey: member.memberKey, roles } }));
};

const setShard = (state: CommunityState, command: Command<'community.set-shard'>): Result<Decision> =>
  ok(decision(state, { fields: { shard: { cluster: command.shard.cluster, index: command.shard.index } } }));

/** What `command` does to the community, or the typed reason it is refused. */
export const decide = (command: EditCommand, context: DecisionContext): Result<Decision> => {
  switch (command.type) {
    case 'community.update':
      return updateCommunity(context, command);
    case 'community.set-shard':
      return setShard(context, command);
    case 'channel.upsert':
      return upsertChannel(context, command);
    case 'channel.reorder':
      return reorderChannel(context, command);
    case 'channel.delete':
      return deleteChannel(context, command);
    case 'category.upsert':
      return upsertCategory(context, command);
    case 'category.reorder':
      return reorderCategory(context, command);
    case 'category.delete':
      return deleteCategory(context, command);
    case 'member.set-roles':
      return setMemberRoles(context, command);
  }
};
