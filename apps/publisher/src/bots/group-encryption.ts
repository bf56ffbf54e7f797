// A bot in an encrypted community (issue #13): the description it is judged by is read with the group keys
// (members are sealed in privateData), and its channel messages go out under the hash ratchet of the
// channel's group — the channel key when the channel is encrypted, else the community key — as status-go's
// sender does (SG common/message_sender.go ShouldCommunityMessageBeEncrypted, encryptor.go EncryptWithHR).
import { hexToBytesOrThrow } from '@status-communities/crypto';
import type { Result } from '@status-communities/errors';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { GroupKeyStore } from '@status-communities/keyring';
import type { status } from '@status-communities/proto';
import type { CommunityDescriptionModel } from '@status-communities/protocol';
import {
  HASH_RATCHET_MESSAGE_TYPES,
  channelGroupId,
  decryptCommunityDescription,
  encodeHashRatchetMessage,
  indexHashRatchetKeys,
} from '@status-communities/protocol';

/** The description with whatever private parts our stored group keys open merged in. */
export const openDescription = async (
  groupKeys: GroupKeyStore | undefined,
  communityId: string,
  description: status.CommunityDescription.$Properties,
): Promise<Result<status.CommunityDescription.$Properties>> => {
  if (!groupKeys || Object.keys(description.privateData ?? {}).length === 0) return ok(description);
  const keys = await groupKeys.ofCommunity(communityId);
  if (!keys.ok) return keys;
  return ok(
    decryptCommunityDescription(description, indexHashRatchetKeys(keys.value.map((stored) => stored.key)))
      .description,
  );
};

/** The group whose key encrypts a message of this channel; undefined when it goes out in the clear. */
const messageGroupOf = (
  description: CommunityDescriptionModel,
  channelId: string,
): Uint8Array | undefined => {
  if (description.channels.get(channelId)?.encrypted)
    return channelGroupId(description.communityId, channelId);
  return description.isEncrypted ? hexToBytesOrThrow(description.communityId) : undefined;
};

export interface ChannelEncryptionInput {
  readonly groupKeys: GroupKeyStore | undefined;
  readonly description: CommunityDescriptionModel;
  readonly channelId: string;
  readonly type: status.ApplicationMetadataMessage.Type;
  /** Named in the ProtocolMessage. */
  readonly installationId: string;
}

/**
 * The ProtocolMessage layer of a bot's message in an encrypted channel or community: the group's current
 * key at the next seq_no (taken atomically, above every seq_no this platform used under that key), or
 * undefined for an open one. HASH_RATCHET_KEY_NOT_FOUND when no key of the group is held (without
 * GROUP_KEYS_MASTER_KEY, or before the control node's keys arrived); HASH_RATCHET_SEQ_NO_TOO_HIGH once the
 * key is used up (the control node rekeys).
 */
export const channelProtocolLayer = async (
  input: ChannelEncryptionInput,
): Promise<Result<((applicationBytes: Uint8Array) => Uint8Array) | undefined>> => {
  const groupId = messageGroupOf(input.description, input.channelId);
  if (!groupId || !HASH_RATCHET_MESSAGE_TYPES.has(input.type)) return ok(undefined);
  const { communityId } = input.description;
  const missing = fail(ErrorCode.HASH_RATCHET_KEY_NOT_FOUND, 'no key of this encrypted channel is held', {
    communityId,
    channelId: input.channelId,
  });
  if (!input.groupKeys) return missing;
  const current = await input.groupKeys.current(communityId, groupId);
  if (!current.ok) return current;
  if (!current.value) return missing;
  const seqNo = await input.groupKeys.nextSeqNo(current.value.id);
  if (!seqNo.ok) return seqNo;
  const { key } = current.value;
  return ok((applicationBytes) =>
    encodeHashRatchetMessage({
      installationId: input.installationId,
      key,
      seqNo: seqNo.value,
      applicationBytes,
    }),
  );
};
