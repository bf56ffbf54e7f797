import { equalBytes } from '@status-communities/crypto';
import type {
  CommunityCategoryModel,
  CommunityChannelModel,
  CommunityDescriptionModel,
  CommunityIdentityModel,
  CommunityMemberRole,
  CommunityPermissionsModel,
  IdentityImageModel,
  TokenPermissionModel,
} from './description-model.js';

export interface MemberBan {
  readonly publicKey: string;
  readonly deleteAllMessages: boolean;
}

export interface MemberRoleChange {
  readonly publicKey: string;
  readonly before: readonly CommunityMemberRole[];
  readonly after: readonly CommunityMemberRole[];
}

export type ChannelField =
  | 'name'
  | 'description'
  | 'emoji'
  | 'color'
  | 'categoryId'
  | 'position'
  | 'viewersCanPostReactions'
  | 'hideIfPermissionsNotMet'
  | 'firstMessageTimestamp'
  | 'permissions'
  | 'members';

export interface ChannelChange {
  readonly uuid: string;
  readonly fields: readonly ChannelField[];
  readonly membersAdded: readonly string[];
  readonly membersRemoved: readonly string[];
}

export type CategoryField = 'name' | 'position';

export interface CategoryChange {
  readonly id: string;
  readonly fields: readonly CategoryField[];
}

export type IdentityField = 'displayName' | 'description' | 'color' | 'emoji' | 'images';
export type PermissionsField = 'access' | 'ensOnly' | 'private';

/**
 * What changed between two descriptions of one community. Every list is sorted. A member that disappears
 * is `removed`: the description alone cannot tell a kick from a leave (status-go reports both as
 * MembersRemoved); a ban also lists the member in `membersBanned`.
 */
export interface CommunityDescriptionDiff {
  readonly membersJoined: readonly string[];
  readonly membersRemoved: readonly string[];
  readonly membersBanned: readonly MemberBan[];
  readonly membersUnbanned: readonly string[];
  readonly roleChanges: readonly MemberRoleChange[];
  readonly channelsAdded: readonly string[];
  readonly channelsRemoved: readonly string[];
  readonly channelsChanged: readonly ChannelChange[];
  readonly categoriesAdded: readonly string[];
  readonly categoriesRemoved: readonly string[];
  readonly categoriesChanged: readonly CategoryChange[];
  readonly identityChanged: readonly IdentityField[];
  readonly permissionsChanged: readonly PermissionsField[];
  readonly tokenPermissionsAdded: readonly string[];
  readonly tokenPermissionsRemoved: readonly string[];
  readonly tokenPermissionsChanged: readonly string[];
  readonly tagsChanged: boolean;
  readonly introMessageChanged: boolean;
  readonly outroMessageChanged: boolean;
  readonly pinMessageAllMembersChanged: boolean;
  /** True when any list above is non-empty or any flag is set. */
  readonly hasChanges: boolean;
}

const EMPTY: ReadonlyMap<string, never> = new Map<string, never>();

const sorted = (values: Iterable<string>): string[] => [...values].sort();

const onlyIn = <V>(left: ReadonlyMap<string, V>, right: ReadonlyMap<string, V>): string[] =>
  sorted([...left.keys()].filter((key) => !right.has(key)));

const inBoth = <V>(left: ReadonlyMap<string, V>, right: ReadonlyMap<string, V>): string[] =>
  sorted([...left.keys()].filter((key) => right.has(key)));

const sameList = <T>(a: readonly T[], b: readonly T[]): boolean =>
  a.length === b.length && a.every((value, index) => value === b[index]);

const sameImage = (a: IdentityImageModel | undefined, b: IdentityImageModel | undefined): boolean =>
  a !== undefined &&
  b !== undefined &&
  a.format === b.format &&
  a.source === b.source &&
  a.encrypted === b.encrypted &&
  equalBytes(a.payload, b.payload);

const sameImages = (a: CommunityIdentityModel['images'], b: CommunityIdentityModel['images']): boolean =>
  a.size === b.size && [...a.keys()].every((kind) => sameImage(a.get(kind), b.get(kind)));

const samePermissions = (a: CommunityPermissionsModel, b: CommunityPermissionsModel): boolean =>
  a.access === b.access && a.ensOnly === b.ensOnly && a.private === b.private;

const changedFields = <F extends string>(checks: readonly (readonly [F, boolean])[]): F[] =>
  checks.filter(([, same]) => !same).map(([field]) => field);

const identityChanges = (a: CommunityIdentityModel, b: CommunityIdentityModel): IdentityField[] =>
  changedFields<IdentityField>([
    ['displayName', a.displayName === b.displayName],
    ['description', a.description === b.description],
    ['color', a.color === b.color],
    ['emoji', a.emoji === b.emoji],
    ['images', sameImages(a.images, b.images)],
  ]);

const channelChange = (uuid: string, a: CommunityChannelModel, b: CommunityChannelModel): ChannelChange => {
  const membersAdded = onlyIn(b.members, a.members);
  const membersRemoved = onlyIn(a.members, b.members);
  return {
    uuid,
    fields: changedFields<ChannelField>([
      ['name', a.name === b.name],
      ['description', a.description === b.description],
      ['emoji', a.emoji === b.emoji],
      ['color', a.color === b.color],
      ['categoryId', a.categoryId === b.categoryId],
      ['position', a.position === b.position],
      ['viewersCanPostReactions', a.viewersCanPostReactions === b.viewersCanPostReactions],
      ['hideIfPermissionsNotMet', a.hideIfPermissionsNotMet === b.hideIfPermissionsNotMet],
      ['firstMessageTimestamp', a.firstMessageTimestamp === b.firstMessageTimestamp],
      ['permissions', samePermissions(a.permissions, b.permissions)],
      ['members', membersAdded.length === 0 && membersRemoved.length === 0],
    ]),
    membersAdded,
    membersRemoved,
  };
};

const categoryChange = (
  id: string,
  a: CommunityCategoryModel,
  b: CommunityCategoryModel,
): CategoryChange => ({
  id,
  fields: changedFields<CategoryField>([
    ['name', a.name === b.name],
    ['position', a.position === b.position],
  ]),
});

const sameTokenPermission = (a: TokenPermissionModel, b: TokenPermissionModel): boolean =>
  JSON.stringify(tokenPermissionKey(a)) === JSON.stringify(tokenPermissionKey(b));

// A comparable form: Maps are not JSON, so criteria addresses become sorted entry lists.
const tokenPermissionKey = (permission: TokenPermissionModel) => ({
  ...permission,
  chatIds: sorted(permission.chatIds),
  criteria: permission.criteria.map((criteria) => ({
    ...criteria,
    contractAddresses: [...criteria.contractAddresses].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  })),
});

/**
 * Compares two descriptions of the same community; `previous` undefined means everything in `next` is new.
 * Pure and deterministic. SG protocol/communities/community_changes.go evaluateCommunityChangesByDescription.
 */
export const diffCommunityDescriptions = (
  previous: CommunityDescriptionModel | undefined,
  next: CommunityDescriptionModel,
): CommunityDescriptionDiff => {
  const before = {
    members: previous?.members ?? EMPTY,
    banned: previous?.bannedMembers ?? EMPTY,
    channels: previous?.channels ?? EMPTY,
    categories: previous?.categories ?? EMPTY,
    tokenPermissions: previous?.tokenPermissions ?? EMPTY,
  };

  const roleChanges = inBoth(before.members, next.members).flatMap((key): MemberRoleChange[] => {
    const was = before.members.get(key)?.roles ?? [];
    const is = next.members.get(key)?.roles ?? [];
    return sameList(was, is) ? [] : [{ publicKey: key, before: was, after: is }];
  });
  const channelsChanged = inBoth(before.channels, next.channels)
    .map((uuid) => channelChange(uuid, before.channels.get(uuid)!, next.channels.get(uuid)!))
    .filter((change) => change.fields.length > 0);
  const categoriesChanged = inBoth(before.categories, next.categories)
    .map((id) => categoryChange(id, before.categories.get(id)!, next.categories.get(id)!))
    .filter((change) => change.fields.length > 0);
  const tokenPermissionsChanged = inBoth(before.tokenPermissions, next.tokenPermissions).filter(
    (id) => !sameTokenPermission(before.tokenPermissions.get(id)!, next.tokenPermissions.get(id)!),
  );

  const diff = {
    membersJoined: onlyIn(next.members, before.members),
    membersRemoved: onlyIn(before.members, next.members),
    membersBanned: onlyIn(next.bannedMembers, before.banned).map((publicKey) => ({
      publicKey,
      deleteAllMessages: next.bannedMembers.get(publicKey)?.deleteAllMessages === true,
    })),
    membersUnbanned: onlyIn(before.banned, next.bannedMembers),
    roleChanges,
    channelsAdded: onlyIn(next.channels, before.channels),
    channelsRemoved: onlyIn(before.channels, next.channels),
    channelsChanged,
    categoriesAdded: onlyIn(next.categories, before.categories),
    categoriesRemoved: onlyIn(before.categories, next.categories),
    categoriesChanged,
    identityChanged: previous ? identityChanges(previous.identity, next.identity) : [],
    permissionsChanged: previous
      ? changedFields<PermissionsField>([
          ['access', previous.permissions.access === next.permissions.access],
          ['ensOnly', previous.permissions.ensOnly === next.permissions.ensOnly],
          ['private', previous.permissions.private === next.permissions.private],
        ])
      : [],
    tokenPermissionsAdded: onlyIn(next.tokenPermissions, before.tokenPermissions),
    tokenPermissionsRemoved: onlyIn(before.tokenPermissions, next.tokenPermissions),
    tokenPermissionsChanged,
    // status-go returns normalized tags in map order, so only the set counts.
    tagsChanged: previous !== undefined && !sameList(sorted(previous.tags), sorted(next.tags)),
    introMessageChanged: previous !== undefined && previous.introMessage !== next.introMessage,
    outroMessageChanged: previous !== undefined && previous.outroMessage !== next.outroMessage,
    pinMessageAllMembersChanged:
      previous !== undefined &&
      previous.adminSettings.pinMessageAllMembersEnabled !== next.adminSettings.pinMessageAllMembersEnabled,
  };
  const hasChanges = Object.values(diff).some((value) =>
    Array.isArray(value) ? value.length > 0 : value === true,
  );
  return { ...diff, hasChanges };
};
