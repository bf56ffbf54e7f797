import { bytesToHex, decompressPublicKey, ecdhSharedX, symKeyFor } from '@status-communities/crypto';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { NO_INSTALLATION_ID } from '../messages/layers.js';
import { partitionedChatId } from '../topics/chat-ids.js';
import { contentTopicForChatId } from '../topics/content-topics.js';
import { DEFAULT_SHARD_INDEX, pubsubTopicForShard } from '../topics/shards.js';

// Where 1:1 traffic goes. SG protocol/transport/topic.go (PartitionedTopic, ContactCodeTopic),
// filters_manager.go (LoadNegotiated, LoadContactCode), sharedsecret/sharedsecret.go (Agreed).
// one-to-one.md §1.1, §1.2, §1.4.

/** Every 1:1 message, on any of these content topics, rides shard 32 of cluster 16. */
export const DIRECT_MESSAGE_PUBSUB_TOPIC = pubsubTopicForShard(DEFAULT_SHARD_INDEX);

const CONTACT_CODE_SUFFIX = '-contact-code';
const SECRET_LENGTH = 32;

export type DirectTopicEncryption = 'asymmetric' | 'symmetric';

export interface DirectTopic {
  readonly chatId: string;
  readonly contentTopic: string;
  /** ECIES to the recipient's identity key, or AES-256-GCM under `symKey`. */
  readonly encryption: DirectTopicEncryption;
  /** PBKDF2-SHA256(chatId, no salt, 65356, 32): set for symmetric topics only. */
  readonly symKey?: Uint8Array;
}

/** The recipient's partitioned topic `contact-discovery-<X mod 5000>`, ECIES to its identity key. */
export const partitionedTopic = (recipientIdentityKey: Uint8Array): Result<DirectTopic> => {
  const chatId = partitionedChatId(recipientIdentityKey);
  if (!chatId.ok) return chatId;
  return ok({
    chatId: chatId.value,
    contentTopic: contentTopicForChatId(chatId.value),
    encryption: 'asymmetric',
  });
};

/** x(ourIK · theirIK): the secret behind the negotiated topic (SG sharedsecret GenerateShared). */
export const negotiatedSecret = (
  ourIdentityPrivateKey: Uint8Array,
  theirIdentityKey: Uint8Array,
): Result<Uint8Array> => ecdhSharedX(ourIdentityPrivateKey, theirIdentityKey);

/** The negotiated topic: chat ID = lowercase hex of the 32-byte secret, key = PBKDF2 of that text. */
export const negotiatedTopic = (secret: Uint8Array): Result<DirectTopic> => {
  if (secret.length !== SECRET_LENGTH)
    return fail(ErrorCode.INVALID_KEY, 'negotiated secret must be 32 bytes', { length: secret.length });
  const chatId = bytesToHex(secret);
  return ok({
    chatId,
    contentTopic: contentTopicForChatId(chatId),
    encryption: 'symmetric',
    symKey: symKeyFor(chatId),
  });
};

/** `0x04…-contact-code`: where an identity advertises its bundle, AES-GCM under the PBKDF2 key of the name. */
export const contactCodeTopic = (identityKey: Uint8Array): Result<DirectTopic> => {
  const uncompressed = decompressPublicKey(identityKey);
  if (!uncompressed.ok) return uncompressed;
  const chatId = `0x${bytesToHex(uncompressed.value)}${CONTACT_CODE_SUFFIX}`;
  return ok({
    chatId,
    contentTopic: contentTopicForChatId(chatId),
    encryption: 'symmetric',
    symKey: symKeyFor(chatId),
  });
};

/**
 * status-go's Agreed: the negotiated topic is used iff we encrypted to at least one installation (the
 * `"none"` key does not count) and every one of them has sent us a message under a bundle with
 * protocol_version ≥ 1.
 */
export const isSecretAgreed = (
  encryptedToInstallationIds: readonly string[],
  agreedInstallationIds: ReadonlySet<string>,
): boolean => {
  const targets = encryptedToInstallationIds.filter((id) => id !== NO_INSTALLATION_ID);
  return targets.length > 0 && targets.every((id) => agreedInstallationIds.has(id));
};
