// A hosted encrypted community's stored description lists its channels and members in privateData: the
// indexer's rules model must read them with the group keys, or every channel message is unknown-channel.
import { describe, expect, it } from '@jest/globals';
import {
  bytesToPrefixedHex,
  generatePrivateKey,
  generateHashRatchetKey,
  hexToBytesOrThrow,
  publicKeyFromPrivateKey,
  publicKeyToHex,
} from '@status-communities/crypto';
import { encodeProto, status } from '@status-communities/proto';
import {
  encryptCommunityDescription,
  indexHashRatchetKeys,
  wrapApplicationMessage,
} from '@status-communities/protocol';
import { modelOfStoredDescription } from './community-state.js';

const communityPriv = generatePrivateKey();
const communityId = bytesToPrefixedHex(publicKeyFromPrivateKey(communityPriv, { compressed: true }));
const member = publicKeyToHex(publicKeyFromPrivateKey(generatePrivateKey()));
const channel = 'c0ffee00-0000-4000-8000-000000000001';
const communityKey = generateHashRatchetKey(hexToBytesOrThrow(communityId), BigInt(Date.now()));

const sealed = (): Uint8Array => {
  const plain = status.CommunityDescription.create({
    clock: 7,
    ID: communityId,
    identity: { displayName: 'Members only' },
    permissions: { access: status.CommunityPermissions.Access.AUTO_ACCEPT },
    members: { [member]: { roles: [] } },
    chats: {
      [channel]: {
        identity: { displayName: 'general' },
        permissions: { access: status.CommunityPermissions.Access.AUTO_ACCEPT },
        members: { [member]: {} },
      },
    },
    tokenPermissions: {
      join: { id: 'join', type: status.CommunityTokenPermission.Type.BECOME_MEMBER },
    },
  });
  const encrypted = encryptCommunityDescription(plain, { community: { key: communityKey, seqNo: 1 } });
  if (!encrypted.ok) throw encrypted.error;
  return wrapApplicationMessage(
    status.ApplicationMetadataMessage.Type.COMMUNITY_DESCRIPTION,
    encodeProto(status.CommunityDescription, encrypted.value),
    communityPriv,
  );
};

describe('modelOfStoredDescription', () => {
  it('reads the channels and members of an encrypted description with the group keys', () => {
    const raw = sealed();
    const opened = modelOfStoredDescription(communityId, raw, indexHashRatchetKeys([communityKey]));
    expect(opened?.channels.has(channel)).toBe(true);
    expect(opened?.members.has(member)).toBe(true);
  });

  it('sees neither without them', () => {
    const closed = modelOfStoredDescription(communityId, sealed(), indexHashRatchetKeys([]));
    expect(closed?.isEncrypted).toBe(true);
    expect(closed?.channels.size).toBe(0);
    expect(closed?.members.size).toBe(0);
    expect(modelOfStoredDescription(communityId, sealed())?.channels.size).toBe(0);
  });
});
