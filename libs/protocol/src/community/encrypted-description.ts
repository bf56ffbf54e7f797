// The encrypted parts of a token-gated community's CommunityDescription (`privateData`, field 100).
// SG protocol/communities/community.go marshaledDescription, community_description_encryption.go
// encryptDescription / decryptDescription, manager.go encryptCommunityDescriptionImpl / decryptCommunityDescription;
// encrypted-communities.md §3.
import {
  bytesToHex,
  decryptWithHashRatchet,
  encryptWithHashRatchet,
  equalBytes,
  hexToBytes,
  keyIdOf,
  utf8ToBytes,
  type HashRatchetKey,
} from '@status-communities/crypto';
import { ErrorCode, StatusError, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { decodeProto, encodeProto, status, uint64ToBigInt } from '@status-communities/proto';
import type { HashRatchetKeyLookup } from '../messages/hash-ratchet-messages.js';
import { channelChatId } from '../topics/index.js';
import { dehydrateChannelMembers } from './channel-members.js';
import { parseDescriptionCommunityId } from './community-id.js';
import { hasBecomeMemberPermission, isChannelEncryptedBy } from './token-permissions.js';

type Description = status.CommunityDescription.$Properties;

const KEY_ID_HEX_LENGTH = 64;
const UINT32_MAX = 0xffff_ffff;

/**
 * Map key of a privateData entry: 64 lowercase hex digits of the key id, then the decimal seq_no, no
 * separator. SG manager.go encryptCommunityDescriptionImpl (hex.EncodeToString(keyID) + fmt.Sprintf("%d", seqNo)).
 */
export const privateDataKey = (keyId: Uint8Array, seqNo: number): string => bytesToHex(keyId) + String(seqNo);

/**
 * Parses a privateData key: more than 64 chars, hex key id, then a uint32 in decimal (Go ParseUint(s, 10, 32),
 * which takes leading zeros and no sign). MALFORMED_PAYLOAD otherwise. SG manager.go decryptCommunityDescription.
 */
export const parsePrivateDataKey = (text: string): Result<{ keyId: Uint8Array; seqNo: number }> => {
  const seqText = text.slice(KEY_ID_HEX_LENGTH);
  const keyId = hexToBytes(text.slice(0, KEY_ID_HEX_LENGTH));
  const seqNo = /^[0-9]{1,10}$/.test(seqText) ? Number(seqText) : Number.NaN;
  if (text.length <= KEY_ID_HEX_LENGTH || !keyId.ok || !(seqNo <= UINT32_MAX))
    return fail(ErrorCode.MALFORMED_PAYLOAD, 'privateData key is not hex(keyId) + decimal seq_no', {
      key: text.slice(0, 80),
    });
  return ok({ keyId: keyId.value, seqNo });
};

/** A group key and the seq_no to encrypt with next (1 + the highest seen for that key). */
export interface GroupKeyCursor {
  readonly key: HashRatchetKey;
  readonly seqNo: number;
}

export interface DescriptionEncryptionKeys {
  /** The community group's current key; needed when the community is encrypted (BECOME_MEMBER). */
  readonly community?: GroupKeyCursor;
  /** Current keys of encrypted channels, by channel UUID. */
  readonly channels?: Readonly<Record<string, GroupKeyCursor>>;
  /** Tests only: fixed AES-GCM nonce. */
  readonly nonce?: Uint8Array;
}

/** Group ID of a channel: the UTF-8 bytes of its full chat ID. SG communities_key_distributor.go. */
export const channelGroupId = (communityId: string, channelUuid: string): Uint8Array =>
  utf8ToBytes(channelChatId(communityId, channelUuid));

/** AMM types sent hash-ratchet encrypted in an encrypted channel. SG common/message_sender.go ShouldCommunityMessageBeEncrypted. */
export const HASH_RATCHET_MESSAGE_TYPES: ReadonlySet<status.ApplicationMetadataMessage.Type> = new Set([
  status.ApplicationMetadataMessage.Type.CHAT_MESSAGE,
  status.ApplicationMetadataMessage.Type.EDIT_MESSAGE,
  status.ApplicationMetadataMessage.Type.DELETE_MESSAGE,
  status.ApplicationMetadataMessage.Type.PIN_MESSAGE,
  status.ApplicationMetadataMessage.Type.EMOJI_REACTION,
]);

/**
 * The group whose key encrypts messages of a channel: the channel's group if the channel is encrypted,
 * else the community's if the community is, else none (undefined: the message goes out as today).
 * SG messenger.go dispatch (ChatTypeCommunityChat); encrypted-communities.md §4.2.
 */
export const channelMessageGroupId = (
  description: Description,
  channelUuid: string,
): Result<Uint8Array | undefined> => {
  const communityId = description.ID ?? '';
  const communityKey = parseDescriptionCommunityId(communityId);
  if (!communityKey.ok) return communityKey;
  if (isChannelEncryptedBy(channelChatId(communityId, channelUuid), description.tokenPermissions))
    return ok(channelGroupId(communityId, channelUuid));
  return ok(hasBecomeMemberPermission(description.tokenPermissions) ? communityKey.value : undefined);
};

const sealPart = (
  part: status.CommunityDescription.$Properties,
  cursor: GroupKeyCursor | undefined,
  groupId: Uint8Array,
  what: string,
  nonce: Uint8Array | undefined,
): Result<[string, Uint8Array]> => {
  if (!cursor) return fail(ErrorCode.HASH_RATCHET_KEY_NOT_FOUND, `no key to encrypt ${what}`, { what });
  // A key of another group would be readable by the wrong members: a bug in the caller.
  if (!equalBytes(cursor.key.groupId, groupId))
    throw new StatusError(ErrorCode.INVALID_KEY, `the key given for ${what} belongs to another group`);
  const plaintext = encodeProto(status.CommunityDescription, status.CommunityDescription.create(part));
  return ok([
    privateDataKey(keyIdOf(cursor.key), cursor.seqNo),
    encryptWithHashRatchet(cursor.key.key, cursor.seqNo, plaintext, nonce),
  ]);
};

/**
 * The description a control node signs for an encrypted community or one with encrypted channels, in
 * status-go's order: channels without token permissions dehydrated; then each encrypted channel's
 * `{chats: {uuid: chat with members}}` sealed with the channel key and its members emptied; then, if the
 * community is encrypted, `{members, active_members_count, chats, categories}` (channels already stripped)
 * sealed with the community key, and those fields emptied. Everything else stays in the clear. Set the
 * channels' bloom filters (withChannelMembersBloomFilters) before. HASH_RATCHET_KEY_NOT_FOUND when a group
 * that must be encrypted has no key given: generate it first. Open communities come back unchanged.
 */
export const encryptCommunityDescription = (
  description: Description,
  keys: DescriptionEncryptionKeys,
): Result<status.CommunityDescription> => {
  const communityId = description.ID ?? '';
  const communityKey = parseDescriptionCommunityId(communityId);
  if (!communityKey.ok) return communityKey;
  const clone = dehydrateChannelMembers(description);
  const privateData = new Map<string, Uint8Array>();
  const chats = new Map(Object.entries(clone.chats ?? {}));

  for (const [uuid, chat] of chats) {
    if (!isChannelEncryptedBy(channelChatId(communityId, uuid), clone.tokenPermissions)) continue;
    const sealed = sealPart(
      { chats: { [uuid]: chat } },
      keys.channels?.[uuid],
      channelGroupId(communityId, uuid),
      `channel ${uuid}`,
      keys.nonce,
    );
    if (!sealed.ok) return sealed;
    privateData.set(...sealed.value);
    chats.set(uuid, status.CommunityChat.create({ ...chat, members: {} }));
  }

  if (!hasBecomeMemberPermission(clone.tokenPermissions))
    return ok(
      status.CommunityDescription.create({
        ...clone,
        chats: Object.fromEntries(chats),
        privateData: Object.fromEntries(privateData),
      }),
    );

  const sealed = sealPart(
    {
      members: clone.members,
      activeMembersCount: clone.activeMembersCount,
      chats: Object.fromEntries(chats),
      categories: clone.categories,
    },
    keys.community,
    communityKey.value,
    'the community',
    keys.nonce,
  );
  if (!sealed.ok) return sealed;
  privateData.set(...sealed.value);
  return ok(
    status.CommunityDescription.create({
      ...clone,
      members: {},
      activeMembersCount: 0,
      chats: {},
      categories: {},
      privateData: Object.fromEntries(privateData),
    }),
  );
};

/** A privateData entry that could not be read. */
export interface UndecryptedPrivateData {
  /** The privateData map key. */
  readonly entry: string;
  /** Parsed from the entry key, when it parses. */
  readonly keyId?: Uint8Array;
  /**
   * HASH_RATCHET_KEY_NOT_FOUND: the key has not arrived (keep the description, retry when it does);
   * anything else (MALFORMED_PAYLOAD, HASH_RATCHET_SEQ_NO_TOO_HIGH, DECRYPTION_FAILED, MALFORMED_PROTOBUF)
   * is garbage from the sender.
   */
  readonly error: StatusError;
}

export interface DecryptedCommunityDescription {
  /** The description with every readable part merged in; privateData is left as received. */
  readonly description: status.CommunityDescription;
  readonly undecrypted: readonly UndecryptedPrivateData[];
}

const openPart = (
  entry: string,
  ciphertext: Uint8Array,
  keys: HashRatchetKeyLookup,
): Result<status.CommunityDescription.$Properties> => {
  const parsed = parsePrivateDataKey(entry);
  if (!parsed.ok) return parsed;
  const key = keys.byKeyId(parsed.value.keyId);
  if (!key)
    return fail(ErrorCode.HASH_RATCHET_KEY_NOT_FOUND, 'no key for this privateData entry', {
      keyId: bytesToHex(parsed.value.keyId),
    });
  const plaintext = decryptWithHashRatchet(key.key, parsed.value.seqNo, ciphertext);
  if (!plaintext.ok) return plaintext;
  return decodeProto(status.CommunityDescription, plaintext.value);
};

/**
 * Member side: decrypts every privateData entry it has a key for and merges it, in any order — members
 * added; active_members_count if > 0; a chat not yet present inserted whole, a present one given the
 * decrypted members if its own are empty; categories added. Only those fields are taken from a
 * decrypted part. Entries that cannot be read are listed and skipped, as status-go does.
 * Call before hydrateChannelMembers. SG community_description_encryption.go decryptDescription.
 */
export const decryptCommunityDescription = (
  description: Description,
  keys: HashRatchetKeyLookup,
): DecryptedCommunityDescription => {
  // Maps, not objects: keys come from the network and "__proto__" must stay a key.
  const members = new Map(Object.entries(description.members ?? {}));
  const chats = new Map(Object.entries(description.chats ?? {}));
  const categories = new Map(Object.entries(description.categories ?? {}));
  let activeMembersCount = description.activeMembersCount;
  const undecrypted: UndecryptedPrivateData[] = [];

  for (const [entry, ciphertext] of Object.entries(description.privateData ?? {})) {
    const part = openPart(entry, ciphertext, keys);
    if (!part.ok) {
      const parsed = parsePrivateDataKey(entry);
      undecrypted.push({ entry, error: part.error, ...(parsed.ok && { keyId: parsed.value.keyId }) });
      continue;
    }
    for (const [id, member] of Object.entries(part.value.members ?? {})) members.set(id, member);
    if (uint64ToBigInt(part.value.activeMembersCount) > 0n)
      activeMembersCount = part.value.activeMembersCount;
    for (const [uuid, chat] of Object.entries(part.value.chats ?? {})) {
      const present = chats.get(uuid);
      if (!present) chats.set(uuid, chat);
      else if (Object.keys(present.members ?? {}).length === 0)
        chats.set(uuid, status.CommunityChat.create({ ...present, members: chat.members ?? {} }));
    }
    for (const [id, category] of Object.entries(part.value.categories ?? {})) categories.set(id, category);
  }

  return {
    description: status.CommunityDescription.create({
      ...description,
      members: Object.fromEntries(members),
      chats: Object.fromEntries(chats),
      categories: Object.fromEntries(categories),
      activeMembersCount,
    }),
    undecrypted,
  };
};
