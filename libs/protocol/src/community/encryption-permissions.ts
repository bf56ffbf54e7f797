// The token permissions a hosted community states to be encrypted, before token criteria exist (issue #14
// adds them). status-go decides encryption from permissions alone (community.go Encrypted, channelEncrypted):
// a BECOME_MEMBER permission encrypts the community; a channel is encrypted when a permission names it and
// none of those is a CAN_VIEW_CHANNEL without criteria, so an encrypted channel gets CAN_VIEW_AND_POST_CHANNEL.
import { bytesToHex, keccak256, utf8ToBytes } from '@status-communities/crypto';
import { channelChatId } from '../topics/index.js';
import type { TokenPermissionModel } from './description-model.js';

export interface EncryptionSettings {
  readonly communityEncrypted: boolean;
  /** UUIDs of encrypted channels. */
  readonly encryptedChannels: Iterable<string>;
}

/**
 * A stable UUID v4-shaped id (status-go makes random v4 ids; any string is valid on the wire): the same
 * settings give the same description bytes on every publish.
 */
const permissionId = (communityId: string, purpose: string): string => {
  const hex = bytesToHex(keccak256(utf8ToBytes(`${communityId}/encryption/${purpose}`)));
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/**
 * The permissions that make the community and the named channels encrypted, without criteria: one
 * BECOME_MEMBER if the community is encrypted, and one CAN_VIEW_AND_POST_CHANNEL per encrypted channel
 * (one per channel, as the Status app creates them). Keyed by permission id.
 */
export const encryptionTokenPermissions = (
  communityId: string,
  settings: EncryptionSettings,
): Map<string, TokenPermissionModel> => {
  const permissions: TokenPermissionModel[] = [];
  if (settings.communityEncrypted)
    permissions.push({
      id: permissionId(communityId, 'member'),
      type: 'BECOME_MEMBER',
      criteria: [],
      chatIds: [],
      isPrivate: false,
    });
  for (const uuid of [...settings.encryptedChannels].sort())
    permissions.push({
      id: permissionId(communityId, `channel/${uuid}`),
      type: 'CAN_VIEW_AND_POST_CHANNEL',
      criteria: [],
      chatIds: [channelChatId(communityId, uuid)],
      isPrivate: false,
    });
  return new Map(permissions.map((permission) => [permission.id, permission]));
};
