import { status } from '@status-communities/proto';
import { uint64MapKeyToBigInt } from './uint64.js';

type TokenPermissions =
  Readonly<Record<string, status.CommunityTokenPermission.$Properties>> | null | undefined;

const PermissionType = status.CommunityTokenPermission.Type;

const permissionsOf = (permissions: TokenPermissions): status.CommunityTokenPermission.$Properties[] =>
  permissions ? Object.values(permissions) : [];

/** True when a token permission names the channel. SG protocol/communities/community.go channelHasPermissions. */
export const channelHasTokenPermissions = (chatId: string, permissions: TokenPermissions): boolean =>
  permissionsOf(permissions).some((permission) => (permission.chatIds ?? []).includes(chatId));

/**
 * A channel is encrypted when a token permission names it and none of those makes it viewable by everyone
 * (CAN_VIEW_CHANNEL without criteria). SG protocol/communities/community.go channelEncrypted.
 */
export const isChannelEncryptedBy = (chatId: string, permissions: TokenPermissions): boolean => {
  const naming = permissionsOf(permissions).filter((permission) =>
    (permission.chatIds ?? []).includes(chatId),
  );
  const viewableByEveryone = naming.some(
    (permission) =>
      permission.type === PermissionType.CAN_VIEW_CHANNEL && (permission.tokenCriteria ?? []).length === 0,
  );
  return naming.length > 0 && !viewableByEveryone;
};

/** A community is encrypted when it has a BECOME_MEMBER permission. SG community.go Encrypted. */
export const hasBecomeMemberPermission = (permissions: TokenPermissions): boolean =>
  permissionsOf(permissions).some((permission) => permission.type === PermissionType.BECOME_MEMBER);

/**
 * Chain of the owner token, when a BECOME_TOKEN_OWNER permission with criteria names one: such a community
 * is owned on-chain and its control node may differ from the community key.
 * SG protocol/communities/community.go CommunityDescriptionTokenOwnerChainID / HasTokenOwnership.
 */
export const tokenOwnerChainIdOf = (permissions: TokenPermissions): bigint | undefined => {
  for (const permission of permissionsOf(permissions)) {
    if (permission.type !== PermissionType.BECOME_TOKEN_OWNER) continue;
    for (const criteria of permission.tokenCriteria ?? []) {
      for (const key of Object.keys(criteria.contractAddresses ?? {})) {
        const chainId = uint64MapKeyToBigInt(key);
        // status-go's uint64 keys are never 0 in practice; 0 would read as "no token owner" there too.
        if (chainId !== undefined && chainId !== 0n) return chainId;
      }
    }
  }
  return undefined;
};
