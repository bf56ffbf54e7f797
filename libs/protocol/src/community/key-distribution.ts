// What a control node sends to hand out and revoke hash-ratchet group keys: the 1:1 key exchange (DH "none"
// path, keys in HRHeader.keys), COMMUNITY_USER_KICKED to removed members of an encrypted community, and the
// rekey envelope of an encrypted description. Pure: the caller queues the payloads.
// SG protocol/communities_key_distributor.go, common/message_sender.go sendCommunity / SendPublic,
// encryption/protocol.go BuildHashRatchetKeyExchangeMessage, messenger_communities.go
// handleCommunitiesSubscription; encrypted-communities.md §4.5, §4.6, §4.8, §4.9.
import { encodeAsymmetric, publicKeyFromPrivateKey, type HashRatchetKey } from '@status-communities/crypto';
import type { Result } from '@status-communities/errors';
import { ok } from '@status-communities/errors';
import { encodeProto, status } from '@status-communities/proto';
import { encodeDhKeyExchangeMessage } from '../direct/key-exchange.js';
import { encodeStatusMessage } from '../messages/decode-status-message.js';
import { encodeRekeyMessage, keyExchangeHeader } from '../messages/hash-ratchet-messages.js';
import { partitionedChatId } from '../topics/chat-ids.js';
import { contentTopicForChatId } from '../topics/content-topics.js';
import type { ShardProfile } from '../topics/shards.js';
import { publishPubsubTopics } from '../topics/shards.js';
import type { ControlNodeWakuMessage } from './control-node-messages.js';

const AppType = status.ApplicationMetadataMessage.Type;

/** The installation id our control node names in the ProtocolMessages it sends, unless configured. */
export const DEFAULT_CONTROL_NODE_INSTALLATION_ID = '5c6f6e74-726f-4c2d-8e6f-64652d706c61';

export interface KeyExchangeInput {
  /** The control node's identity (for a hosted community, the community key): signs the Waku envelope. */
  readonly controlNodePrivateKey: Uint8Array;
  /** Our installation id, named in the ProtocolMessage. */
  readonly installationId: string;
  /** The member's chat key (33 or 65 bytes). */
  readonly recipientPublicKey: Uint8Array;
  readonly groupId: Uint8Array;
  /** Every key of the group ("reuse": add, send-to-members) or only the new one ("rekey"). */
  readonly keys: readonly HashRatchetKey[];
  readonly profile: ShardProfile;
}

/**
 * A 1:1 key exchange to one member: ProtocolMessage{"none": DH entry with HRKeys as its encrypted payload,
 * HR_header{seq_no 0, group_id, keys}} in a Waku envelope signed by the control node, ECIES to the member
 * on its partitioned topic, on the 1:1 shards (status-go: /16/32). INVALID_KEY for a recipient that is not
 * a curve point. SG protocol.go BuildHashRatchetKeyExchangeMessage, message_sender.go sendMessageSpec.
 */
export const sealKeyExchange = (input: KeyExchangeInput): Result<ControlNodeWakuMessage[]> => {
  const chatId = partitionedChatId(input.recipientPublicKey);
  if (!chatId.ok) return chatId;
  const contentTopic = contentTopicForChatId(chatId.value);
  // The payload status-go's key distributor encrypts: the same HRKeys the header carries in the clear.
  const hrKeys = encodeProto(
    status.encryption.HRKeys,
    status.encryption.HRKeys.create(keyExchangeHeader(input.groupId, input.keys).keys ?? {}),
  );
  const messages: ControlNodeWakuMessage[] = [];
  for (const pubsubTopic of publishPubsubTopics('keyExchange', null, input.profile)) {
    const protocolMessage = encodeDhKeyExchangeMessage({
      installationId: input.installationId,
      recipientPublicKey: input.recipientPublicKey,
      groupId: input.groupId,
      keys: input.keys,
      payload: hrKeys,
    });
    const payload = encodeAsymmetric(protocolMessage, input.recipientPublicKey, input.controlNodePrivateKey);
    if (!payload.ok) return payload;
    messages.push({ pubsubTopic, contentTopic, payload: payload.value });
  }
  return ok(messages);
};

export interface UserKickedInput {
  readonly communityPrivateKey: Uint8Array;
  /** The removed member's chat key. */
  readonly memberPublicKey: Uint8Array;
  /** status-go: the community clock + 1 (members ignore a kick older than their description). */
  readonly clock: number;
  readonly profile: ShardProfile;
}

/**
 * COMMUNITY_USER_KICKED(81) to a member removed from an encrypted community: signed by the community key,
 * bare AMM, ECIES to the member on its partitioned topic (status-go: /16/64).
 */
export const sealUserKicked = (input: UserKickedInput): Result<ControlNodeWakuMessage[]> => {
  const chatId = partitionedChatId(input.memberPublicKey);
  if (!chatId.ok) return chatId;
  const contentTopic = contentTopicForChatId(chatId.value);
  const payload = encodeProto(
    status.CommunityUserKicked,
    status.CommunityUserKicked.create({
      clock: input.clock,
      communityId: publicKeyFromPrivateKey(input.communityPrivateKey, { compressed: true }),
    }),
  );
  const messages: ControlNodeWakuMessage[] = [];
  for (const pubsubTopic of publishPubsubTopics('userKicked', null, input.profile)) {
    const encoded = encodeStatusMessage({
      type: AppType.COMMUNITY_USER_KICKED,
      payload,
      signerPriv: input.communityPrivateKey,
      envelope: { recipientPublicKey: input.memberPublicKey },
    });
    if (!encoded.ok) return encoded;
    messages.push(...encoded.value.payloads.map((bytes) => ({ pubsubTopic, contentTopic, payload: bytes })));
  }
  return ok(messages);
};

export interface DescriptionRekeyEnvelope {
  readonly installationId: string;
  /** The community group's current key. */
  readonly key: HashRatchetKey;
  /** The control node's identity: members open their entry with ECDH(their key, the Waku signer). */
  readonly controlNodePrivateKey: Uint8Array;
  /** Every member's chat key (65 bytes). */
  readonly members: readonly Uint8Array[];
}

/**
 * The ProtocolMessage layer of an encrypted community's description (encodeStatusMessage's protocolLayer):
 * the signed AMM under seq_no 0 with the community key sealed for every member.
 * SG message_sender.go SendPublic with HashRatchetGroupID → BuildHashRatchetReKeyGroupMessage.
 */
export const descriptionRekeyLayer =
  (envelope: DescriptionRekeyEnvelope) =>
  (applicationMessage: Uint8Array): Uint8Array =>
    encodeRekeyMessage({
      installationId: envelope.installationId,
      key: envelope.key,
      senderPrivateKey: envelope.controlNodePrivateKey,
      recipients: envelope.members,
      payload: applicationMessage,
    });
