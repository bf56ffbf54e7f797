import { bytesToPrefixedHex, decompressPublicKey } from '@status-communities/crypto';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { decodeProto, status, uint64ToBigInt } from '@status-communities/proto';
import { channelChatId } from '../topics/index.js';
import { hydrateChannelMembers, isChannelGatedByTokens } from './channel-members.js';
import { parseDescriptionCommunityId } from './community-id.js';
import { validateCommunityDescription } from './description-validation.js';
import { normalizeTags } from './tags.js';
import { hasBecomeMemberPermission, isChannelEncryptedBy, tokenOwnerChainIdOf } from './token-permissions.js';
import { safeUint64, uint64MapKeyToBigInt } from './uint64.js';

// ---- Vocabulary (string names of the wire enums; numbers stay inside this folder) ----

export type CommunityMemberRole = 'OWNER' | 'ADMIN' | 'TOKEN_MASTER';
/** UNKNOWN: a number outside the enum, which status-go's CanPost treats as neither poster nor viewer. */
export type ChannelRole = 'POSTER' | 'VIEWER' | 'UNKNOWN';
/** INVITATION_ONLY is deprecated but still a valid, non-UNKNOWN access on the wire. */
export type CommunityAccess = 'AUTO_ACCEPT' | 'INVITATION_ONLY' | 'MANUAL_ACCEPT';
export type TokenPermissionType =
  | 'UNKNOWN'
  | 'BECOME_ADMIN'
  | 'BECOME_MEMBER'
  | 'CAN_VIEW_CHANNEL'
  | 'CAN_VIEW_AND_POST_CHANNEL'
  | 'BECOME_TOKEN_MASTER'
  | 'BECOME_TOKEN_OWNER';
export type CommunityTokenType = 'UNKNOWN' | 'ERC20' | 'ERC721' | 'ENS';
export type IdentityImageFormat = 'UNKNOWN' | 'PNG' | 'JPEG' | 'WEBP' | 'GIF';
export type IdentityImageSource = 'UNKNOWN' | 'RAW_PAYLOAD' | 'ENS_AVATAR';

// ---- The view ----

export interface CommunityMemberModel {
  /** `0x04…` uncompressed key, the map key on the wire. */
  readonly publicKey: string;
  /** Distinct roles in OWNER, ADMIN, TOKEN_MASTER order; ROLE_NONE and retired roles are dropped. */
  readonly roles: readonly CommunityMemberRole[];
  readonly channelRole: ChannelRole;
  readonly lastUpdateClock: number;
}

export interface CommunityPermissionsModel {
  readonly access: CommunityAccess;
  readonly ensOnly: boolean;
  readonly private: boolean;
}

export interface IdentityImageModel {
  readonly payload: Uint8Array;
  readonly format: IdentityImageFormat;
  readonly source: IdentityImageSource;
  /** Encrypted images (token-gated communities) carry ciphertext in `payload`. */
  readonly encrypted: boolean;
}

export interface CommunityIdentityModel {
  readonly displayName: string;
  readonly description: string;
  readonly color: string;
  readonly emoji: string;
  /** Keyed by image kind ("thumbnail", "large", "banner"). */
  readonly images: ReadonlyMap<string, IdentityImageModel>;
}

/** What a publisher states about a channel. */
export interface CommunityChannelInput {
  readonly uuid: string;
  readonly name: string;
  readonly description: string;
  readonly emoji: string;
  readonly color: string;
  /** Undefined when the channel is in no category. */
  readonly categoryId: string | undefined;
  readonly position: number;
  readonly viewersCanPostReactions: boolean;
  readonly hideIfPermissionsNotMet: boolean;
  readonly firstMessageTimestamp: number;
  readonly permissions: CommunityPermissionsModel;
  /** Hydrated: every community member for channels without token permissions. */
  readonly members: ReadonlyMap<string, CommunityMemberModel>;
}

/** A channel as received, with what follows from the token permissions. */
export interface CommunityChannelModel extends CommunityChannelInput {
  /** `communityId + uuid`. */
  readonly chatId: string;
  /** A token permission names this channel (its member list travels on the wire). */
  readonly hasTokenPermissions: boolean;
  /** Messages are hash-ratchet encrypted. SG community.go channelEncrypted. */
  readonly encrypted: boolean;
}

export interface CommunityCategoryModel {
  readonly id: string;
  readonly name: string;
  readonly position: number;
}

export interface BanInfoModel {
  readonly deleteAllMessages: boolean;
}

export interface TokenCriteriaModel {
  readonly type: CommunityTokenType;
  /** Chain ID (decimal) → contract address. */
  readonly contractAddresses: ReadonlyMap<string, string>;
  readonly symbol: string;
  readonly name: string;
  /** Deprecated decimal-float amount, kept for old senders. */
  readonly amount: string;
  readonly amountInWei: string;
  /** Decimal uint64 token IDs (ERC721). */
  readonly tokenIds: readonly string[];
  readonly ensPattern: string;
  readonly decimals: number;
}

export interface TokenPermissionModel {
  readonly id: string;
  readonly type: TokenPermissionType;
  readonly criteria: readonly TokenCriteriaModel[];
  /** Channel chat IDs (`communityId + uuid`) the permission applies to. */
  readonly chatIds: readonly string[];
  readonly isPrivate: boolean;
}

/** What a publisher states about a community: the input of buildCommunityDescription. */
export interface CommunityDescriptionInput {
  /** `"0x"` + compressed community key hex. */
  readonly communityId: string;
  readonly clock: number;
  readonly members: ReadonlyMap<string, CommunityMemberModel>;
  readonly permissions: CommunityPermissionsModel;
  readonly identity: CommunityIdentityModel;
  readonly channels: ReadonlyMap<string, CommunityChannelInput>;
  readonly categories: ReadonlyMap<string, CommunityCategoryModel>;
  readonly tags: readonly string[];
  /** Union of `banned_members` and the deprecated `ban_list` (which carries no ban info). */
  readonly bannedMembers: ReadonlyMap<string, BanInfoModel>;
  readonly adminSettings: { readonly pinMessageAllMembersEnabled: boolean };
  readonly introMessage: string;
  readonly outroMessage: string;
  readonly tokenPermissions: ReadonlyMap<string, TokenPermissionModel>;
  readonly archiveMagnetlinkClock: number;
  readonly activeMembersCount: number;
  readonly resendAccountsClock: number;
}

/** A decoded, validated, hydrated description as the rest of the system reads it. */
export interface CommunityDescriptionModel extends CommunityDescriptionInput {
  readonly channels: ReadonlyMap<string, CommunityChannelModel>;
  /** `0x04…` uncompressed community key: the default control node. */
  readonly communityKey: string;
  /** Has a BECOME_MEMBER token permission. SG community.go Encrypted. */
  readonly isEncrypted: boolean;
  /** Decimal chain ID of the owner token, for token-owned communities. SG CommunityDescriptionTokenOwnerChainID. */
  readonly tokenOwnerChainId: string | undefined;
  /**
   * The description carries hash-ratchet encrypted parts (`privateData`: members, chats, categories of a
   * token-gated community) that this view does not contain. SG community_description_encryption.go.
   */
  readonly hasPrivateData: boolean;
}

// ---- Enum tables (wire number ↔ name) ----

const Roles = status.CommunityMember.Roles;
const Access = status.CommunityPermissions.Access;
const PermissionType = status.CommunityTokenPermission.Type;
const TokenType = status.CommunityTokenType;
const ImageFormat = status.ImageFormat;
const SourceType = status.IdentityImage.SourceType;

export const ROLE_NUMBERS: Readonly<Record<CommunityMemberRole, number>> = {
  OWNER: Roles.ROLE_OWNER,
  ADMIN: Roles.ROLE_ADMIN,
  TOKEN_MASTER: Roles.ROLE_TOKEN_MASTER,
};
// UNKNOWN is written back as 2, the first number past the enum, so it keeps meaning "neither" on the wire.
export const CHANNEL_ROLE_NUMBERS: Readonly<Record<ChannelRole, number>> = {
  POSTER: status.CommunityMember.ChannelRole.CHANNEL_ROLE_POSTER,
  VIEWER: status.CommunityMember.ChannelRole.CHANNEL_ROLE_VIEWER,
  UNKNOWN: 2,
};
export const ACCESS_NUMBERS: Readonly<Record<CommunityAccess, number>> = {
  AUTO_ACCEPT: Access.AUTO_ACCEPT,
  INVITATION_ONLY: Access.INVITATION_ONLY,
  MANUAL_ACCEPT: Access.MANUAL_ACCEPT,
};
export const TOKEN_PERMISSION_TYPE_NUMBERS: Readonly<Record<TokenPermissionType, number>> = {
  UNKNOWN: PermissionType.UNKNOWN_TOKEN_PERMISSION,
  BECOME_ADMIN: PermissionType.BECOME_ADMIN,
  BECOME_MEMBER: PermissionType.BECOME_MEMBER,
  CAN_VIEW_CHANNEL: PermissionType.CAN_VIEW_CHANNEL,
  CAN_VIEW_AND_POST_CHANNEL: PermissionType.CAN_VIEW_AND_POST_CHANNEL,
  BECOME_TOKEN_MASTER: PermissionType.BECOME_TOKEN_MASTER,
  BECOME_TOKEN_OWNER: PermissionType.BECOME_TOKEN_OWNER,
};
export const TOKEN_TYPE_NUMBERS: Readonly<Record<CommunityTokenType, number>> = {
  UNKNOWN: TokenType.UNKNOWN_TOKEN_TYPE,
  ERC20: TokenType.ERC20,
  ERC721: TokenType.ERC721,
  ENS: TokenType.ENS,
};
export const IMAGE_FORMAT_NUMBERS: Readonly<Record<IdentityImageFormat, number>> = {
  UNKNOWN: ImageFormat.UNKNOWN_IMAGE_FORMAT,
  PNG: ImageFormat.PNG,
  JPEG: ImageFormat.JPEG,
  WEBP: ImageFormat.WEBP,
  GIF: ImageFormat.GIF,
};
export const IMAGE_SOURCE_NUMBERS: Readonly<Record<IdentityImageSource, number>> = {
  UNKNOWN: SourceType.UNKNOWN_SOURCE_TYPE,
  RAW_PAYLOAD: SourceType.RAW_PAYLOAD,
  ENS_AVATAR: SourceType.ENS_AVATAR,
};

const nameOf = <N extends string>(table: Readonly<Record<N, number>>, value: number | null | undefined) =>
  (Object.keys(table) as N[]).find((name) => table[name] === (value ?? 0));

/** Unknown numbers read as the enum's UNKNOWN member, as a status-go switch would treat them. */
const nameOrUnknown = <N extends string>(
  table: Readonly<Record<N, number>>,
  value: number | null | undefined,
  unknown: N,
): N => nameOf(table, value) ?? unknown;

// ---- Conversion ----

const byKey = <V>(map: Readonly<Record<string, V>> | null | undefined): [string, V][] =>
  Object.entries(map ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** Runs `convert` over every entry, stopping at the first failure; entries go in key order. */
const convertMap = <V, M>(
  map: Readonly<Record<string, V>> | null | undefined,
  convert: (key: string, value: V) => Result<M>,
): Result<Map<string, M>> => {
  const out = new Map<string, M>();
  for (const [key, value] of byKey(map)) {
    const converted = convert(key, value);
    if (!converted.ok) return converted;
    out.set(key, converted.value);
  }
  return ok(out);
};

const ROLE_ORDER: readonly CommunityMemberRole[] = ['OWNER', 'ADMIN', 'TOKEN_MASTER'];

const memberFromProto = (
  publicKey: string,
  member: status.CommunityMember.$Properties,
): Result<CommunityMemberModel> => {
  const lastUpdateClock = safeUint64(member.lastUpdateClock, `members[${publicKey}].lastUpdateClock`);
  if (!lastUpdateClock.ok) return lastUpdateClock;
  const held = new Set((member.roles ?? []).map((role) => nameOf(ROLE_NUMBERS, role)));
  return ok({
    publicKey,
    roles: ROLE_ORDER.filter((role) => held.has(role)),
    // An absent channel_role is 0, CHANNEL_ROLE_POSTER (proto3 default).
    channelRole: nameOrUnknown(CHANNEL_ROLE_NUMBERS, member.channelRole, 'UNKNOWN'),
    lastUpdateClock: lastUpdateClock.value,
  });
};

const permissionsFromProto = (
  permissions: status.CommunityPermissions.$Properties | null | undefined,
  where: string,
): Result<CommunityPermissionsModel> => {
  const access = nameOf(ACCESS_NUMBERS, permissions?.access);
  // Validation already refused UNKNOWN_ACCESS; a number outside the enum is refused here too.
  if (!permissions || !access)
    return fail(ErrorCode.INVALID_DESCRIPTION, `${where} access is not a known value`, {
      reason: 'unknown-access',
      access: permissions?.access,
    });
  return ok({ access, ensOnly: permissions.ensOnly === true, private: permissions.private === true });
};

const imagesFromProto = (
  images: Readonly<Record<string, status.IdentityImage.$Properties>> | null | undefined,
): Map<string, IdentityImageModel> =>
  new Map(
    byKey(images).map(([kind, image]) => [
      kind,
      {
        payload: image.payload ?? new Uint8Array(0),
        format: nameOrUnknown(IMAGE_FORMAT_NUMBERS, image.imageFormat, 'UNKNOWN'),
        source: nameOrUnknown(IMAGE_SOURCE_NUMBERS, image.sourceType, 'UNKNOWN'),
        encrypted: image.encrypted === true,
      },
    ]),
  );

const identityFromProto = (
  identity: status.ChatIdentity.$Properties | null | undefined,
): CommunityIdentityModel => ({
  displayName: identity?.displayName ?? '',
  description: identity?.description ?? '',
  color: identity?.color ?? '',
  emoji: identity?.emoji ?? '',
  images: imagesFromProto(identity?.images),
});

const criteriaFromProto = (
  criteria: status.TokenCriteria.$Properties,
  where: string,
): Result<TokenCriteriaModel> => {
  const decimals = safeUint64(criteria.decimals, `${where}.decimals`);
  if (!decimals.ok) return decimals;
  const contractAddresses = new Map<string, string>();
  for (const [key, address] of Object.entries(criteria.contractAddresses ?? {})) {
    const chainId = uint64MapKeyToBigInt(key);
    if (chainId === undefined)
      return fail(ErrorCode.INVALID_DESCRIPTION, `${where} has an unreadable chain ID`, {
        reason: 'invalid-chain-id',
      });
    contractAddresses.set(chainId.toString(), address);
  }
  return ok({
    type: nameOrUnknown(TOKEN_TYPE_NUMBERS, criteria.type, 'UNKNOWN'),
    contractAddresses: new Map([...contractAddresses].sort(([a], [b]) => (BigInt(a) < BigInt(b) ? -1 : 1))),
    symbol: criteria.symbol ?? '',
    name: criteria.name ?? '',
    amount: criteria.amount ?? '',
    amountInWei: criteria.amountInWei ?? '',
    tokenIds: (criteria.tokenIds ?? []).map((id) => uint64ToBigInt(id).toString()),
    ensPattern: criteria.ensPattern ?? '',
    decimals: decimals.value,
  });
};

const tokenPermissionFromProto = (
  id: string,
  permission: status.CommunityTokenPermission.$Properties,
): Result<TokenPermissionModel> => {
  const criteria: TokenCriteriaModel[] = [];
  for (const [index, entry] of (permission.tokenCriteria ?? []).entries()) {
    const converted = criteriaFromProto(entry, `tokenPermissions[${id}].tokenCriteria[${index}]`);
    if (!converted.ok) return converted;
    criteria.push(converted.value);
  }
  return ok({
    // status-go keys permissions by their id; the map key is what the rest of the protocol refers to.
    id: permission.id || id,
    type: nameOrUnknown(TOKEN_PERMISSION_TYPE_NUMBERS, permission.type, 'UNKNOWN'),
    criteria,
    chatIds: [...(permission.chatIds ?? [])],
    isPrivate: permission.isPrivate === true,
  });
};

const clocks = (description: status.CommunityDescription.$Properties) => {
  const fields = {
    clock: description.clock,
    archiveMagnetlinkClock: description.archiveMagnetlinkClock,
    activeMembersCount: description.activeMembersCount,
    resendAccountsClock: description.resendAccountsClock,
  };
  const out: Record<keyof typeof fields, number> = {
    clock: 0,
    archiveMagnetlinkClock: 0,
    activeMembersCount: 0,
    resendAccountsClock: 0,
  };
  for (const field of Object.keys(fields) as (keyof typeof fields)[]) {
    const value = safeUint64(fields[field], field);
    if (!value.ok) return value;
    out[field] = value.value;
  }
  return ok(out);
};

const bannedFromProto = (description: status.CommunityDescription.$Properties): Map<string, BanInfoModel> => {
  // SG community.go isBanned: a key in the deprecated ban_list or in banned_members is banned.
  const banned = new Map<string, BanInfoModel>();
  for (const key of description.banList ?? []) banned.set(key, { deleteAllMessages: false });
  for (const [key, info] of Object.entries(description.bannedMembers ?? {}))
    banned.set(key, { deleteAllMessages: info.deleteAllMessages === true });
  return new Map([...banned].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
};

/**
 * Reads a description the way a status-go receiver does before storing it: channel members hydrated
 * (SG manager.go preprocessDescription → hydrateChannelsMembers), unknown tags dropped
 * (SG community.go UpdateCommunityDescription → RemoveUnknownAndDeduplicateTags), shape validated
 * (SG validator.go ValidateCommunityDescription), then converted to the plain view.
 * `communityId` comes from acceptCommunityDescription (any hex case; the view holds it lowercase).
 * The input is not modified.
 */
export const readCommunityDescription = (
  description: status.CommunityDescription.$Properties,
  communityId: string,
): Result<CommunityDescriptionModel> => {
  const key = parseDescriptionCommunityId(communityId);
  if (!key.ok) return key;
  const communityKey = decompressPublicKey(key.value);
  if (!communityKey.ok) return communityKey;
  const canonicalId = bytesToPrefixedHex(key.value);
  const hydrated = hydrateChannelMembers(description);
  hydrated.tags = normalizeTags(hydrated.tags ?? []);
  const valid = validateCommunityDescription(hydrated);
  if (!valid.ok) return valid;

  const numbers = clocks(hydrated);
  if (!numbers.ok) return numbers;
  const members = convertMap(hydrated.members, memberFromProto);
  if (!members.ok) return members;
  const permissions = permissionsFromProto(hydrated.permissions, 'community');
  if (!permissions.ok) return permissions;
  const tokenPermissions = convertMap(hydrated.tokenPermissions, tokenPermissionFromProto);
  if (!tokenPermissions.ok) return tokenPermissions;

  const channels = convertMap(hydrated.chats, (uuid, chat): Result<CommunityChannelModel> => {
    const channelPermissions = permissionsFromProto(chat.permissions, `channel ${uuid}`);
    if (!channelPermissions.ok) return channelPermissions;
    const gated = isChannelGatedByTokens(description, uuid);
    // A hydrated channel's members are the community's members: share the converted map.
    const channelMembers = gated ? convertMap(chat.members, memberFromProto) : members;
    if (!channelMembers.ok) return channelMembers;
    const chatId = channelChatId(canonicalId, uuid);
    return ok({
      uuid,
      chatId,
      name: chat.identity?.displayName ?? '',
      description: chat.identity?.description ?? '',
      emoji: chat.identity?.emoji ?? '',
      color: chat.identity?.color ?? '',
      categoryId: chat.categoryId || undefined,
      position: chat.position ?? 0,
      viewersCanPostReactions: chat.viewersCanPostReactions === true,
      hideIfPermissionsNotMet: chat.hideIfPermissionsNotMet === true,
      firstMessageTimestamp: chat.identity?.firstMessageTimestamp ?? 0,
      permissions: channelPermissions.value,
      members: channelMembers.value,
      hasTokenPermissions: gated,
      // SG community.go channelEncrypted is asked with o.ChatID(channelID), i.e. the community's own ID.
      encrypted: isChannelEncryptedBy(chatId, hydrated.tokenPermissions),
    });
  });
  if (!channels.ok) return channels;

  const categories = new Map(
    byKey(hydrated.categories).map(([key, category]) => [
      key,
      { id: category.categoryId ?? key, name: category.name ?? '', position: category.position ?? 0 },
    ]),
  );
  const chainId = tokenOwnerChainIdOf(hydrated.tokenPermissions);

  return ok({
    communityId: canonicalId,
    communityKey: bytesToPrefixedHex(communityKey.value),
    ...numbers.value,
    members: members.value,
    permissions: permissions.value,
    identity: identityFromProto(hydrated.identity),
    channels: channels.value,
    categories,
    tags: hydrated.tags,
    bannedMembers: bannedFromProto(hydrated),
    adminSettings: {
      pinMessageAllMembersEnabled: hydrated.adminSettings?.pinMessageAllMembersEnabled === true,
    },
    introMessage: hydrated.introMessage ?? '',
    outroMessage: hydrated.outroMessage ?? '',
    tokenPermissions: tokenPermissions.value,
    isEncrypted: hasBecomeMemberPermission(hydrated.tokenPermissions),
    tokenOwnerChainId: chainId === undefined ? undefined : chainId.toString(),
    hasPrivateData: Object.keys(hydrated.privateData ?? {}).length > 0,
  });
};

/** Decodes COMMUNITY_DESCRIPTION payload bytes from the network (MALFORMED_PROTOBUF on garbage). */
export const decodeCommunityDescription = (
  bytes: Uint8Array,
): Result<status.CommunityDescription.$Properties> => decodeProto(status.CommunityDescription, bytes);
