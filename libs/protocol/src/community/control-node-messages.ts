// What the control node sends back to members: CommunityRequestToJoinResponse to one requester and
// DeleteCommunityMemberMessages to the community, built and sealed as status-go sends them. Pure: the
// caller queues the payloads. SG protocol/messenger_communities.go acceptRequestToJoinCommunity,
// DeleteCommunityMemberMessages; status-wire.md §2.2 and §6.
import { publicKeyFromPrivateKey, symKeyFor, type HashRatchetKey } from '@status-communities/crypto';
import type { Result } from '@status-communities/errors';
import { ok } from '@status-communities/errors';
import { encodeProto, status } from '@status-communities/proto';
import { encodeDhKeyExchangeMessage } from '../direct/key-exchange.js';
import type { EncodedStatusMessage } from '../messages/decode-status-message.js';
import { encodeStatusMessage } from '../messages/decode-status-message.js';
import { partitionedChatId } from '../topics/chat-ids.js';
import { contentTopicForChatId } from '../topics/content-topics.js';
import type { ShardProfile, ShardPublishKind, ShardRef } from '../topics/shards.js';
import { publishPubsubTopics, shardToProto } from '../topics/shards.js';

const AppType = status.ApplicationMetadataMessage.Type;

/** One sealed Waku payload and where it goes. */
export interface ControlNodeWakuMessage {
  readonly pubsubTopic: string;
  readonly contentTopic: string;
  readonly payload: Uint8Array;
}

export interface SealedControlNodeMessage {
  /** The id receivers give the message (keccak of the community key and the AMM). */
  readonly messageId: string;
  /** One per pubsub topic (and segment), each encrypted on its own. */
  readonly messages: readonly ControlNodeWakuMessage[];
}

export interface RequestToJoinResponseInput {
  readonly communityPrivateKey: Uint8Array;
  /** The requester's chat key (33 or 65 bytes): the ECIES recipient and the partitioned topic. */
  readonly requesterPublicKey: Uint8Array;
  readonly accepted: boolean;
  /** The description clock (ms) the answer belongs to; the requester compares it with its request. */
  readonly clock: number;
  /** Accepted: the owner-signed AMM of a description listing the requester. */
  readonly descriptionMessage?: Uint8Array;
  /** Accepted: the grant (buildCommunityGrant) for the requester. */
  readonly grant?: Uint8Array;
  /** The community's own shard, when it has one. */
  readonly communityShard: ShardRef | null;
  readonly profile: ShardProfile;
  /**
   * Accepted into an encrypted community: every key of the community group rides along — the AMM goes in
   * a DH "none" 1:1 entry with HR_header{seq_no 0, keys} (SG BuildHashRatchetKeyExchangeMessageWithPayload).
   */
  readonly keyExchange?: {
    readonly installationId: string;
    readonly groupId: Uint8Array;
    readonly keys: readonly HashRatchetKey[];
  };
}

/**
 * Seals one message once per pubsub topic of `kind`: identical Waku messages on two shards would share one
 * gossipsub id, so each copy gets its own envelope (the signed AMM inside is the same bytes).
 */
const sealPerTopic = (
  kind: ShardPublishKind,
  communityShard: ShardRef | null,
  profile: ShardProfile,
  chatId: string,
  encode: () => Result<EncodedStatusMessage>,
): Result<SealedControlNodeMessage> => {
  const contentTopic = contentTopicForChatId(chatId);
  const messages: ControlNodeWakuMessage[] = [];
  let messageId = '';
  for (const pubsubTopic of publishPubsubTopics(kind, communityShard, profile)) {
    const encoded = encode();
    if (!encoded.ok) return encoded;
    messageId = encoded.value.messageId;
    messages.push(...encoded.value.payloads.map((payload) => ({ pubsubTopic, contentTopic, payload })));
  }
  return ok({ messageId, messages });
};

/**
 * A CommunityRequestToJoinResponse: signed by the community key, bare AMM (SkipEncryptionLayer), ECIES to
 * the requester on its partitioned topic `contact-discovery-<X mod 5000>`, on the response shards (64).
 */
export const sealRequestToJoinResponse = (
  input: RequestToJoinResponseInput,
): Result<SealedControlNodeMessage> => {
  const chatId = partitionedChatId(input.requesterPublicKey);
  if (!chatId.ok) return chatId;
  const response = status.CommunityRequestToJoinResponse.create({
    clock: input.clock,
    accepted: input.accepted,
    communityId: publicKeyFromPrivateKey(input.communityPrivateKey, { compressed: true }),
    ...(input.grant && { grant: input.grant }),
    ...(input.communityShard && { shard: shardToProto(input.communityShard) }),
    ...(input.descriptionMessage && { communityDescriptionProtocolMessage: input.descriptionMessage }),
  });
  const payload = encodeProto(status.CommunityRequestToJoinResponse, response);
  const { keyExchange } = input;
  return sealPerTopic('requestToJoinResponse', input.communityShard, input.profile, chatId.value, () =>
    encodeStatusMessage({
      type: AppType.COMMUNITY_REQUEST_TO_JOIN_RESPONSE,
      payload,
      signerPriv: input.communityPrivateKey,
      envelope: { recipientPublicKey: input.requesterPublicKey },
      ...(keyExchange && {
        protocolLayer: (applicationMessage: Uint8Array) =>
          encodeDhKeyExchangeMessage({
            ...keyExchange,
            recipientPublicKey: input.requesterPublicKey,
            payload: applicationMessage,
          }),
      }),
    }),
  );
};

export interface DeleteMemberMessagesInput {
  readonly communityPrivateKey: Uint8Array;
  /** `0x02…` community ID: the content topic and the pbkdf2 key. */
  readonly communityId: string;
  /** `0x04…` of the member whose messages receivers delete. */
  readonly memberKey: string;
  /** Unix seconds, as status-go stamps it. */
  readonly clockSeconds: number;
  readonly communityShard: ShardRef | null;
  readonly profile: ShardProfile;
}

/**
 * DeleteCommunityMemberMessages with no message list (receivers then delete every message of the member),
 * signed by the community key, bare AMM, symmetric pbkdf2(communityId) on the community topic and its
 * description shards (SendPublic(community.IDString()) on community.PubsubTopic()).
 */
export const sealDeleteMemberMessages = (
  input: DeleteMemberMessagesInput,
): Result<SealedControlNodeMessage> => {
  const payload = encodeProto(
    status.DeleteCommunityMemberMessages,
    status.DeleteCommunityMemberMessages.create({
      clock: input.clockSeconds,
      communityId: publicKeyFromPrivateKey(input.communityPrivateKey, { compressed: true }),
      memberId: input.memberKey,
    }),
  );
  const symKey = symKeyFor(input.communityId);
  return sealPerTopic('description', input.communityShard, input.profile, input.communityId, () =>
    encodeStatusMessage({
      type: AppType.DELETE_COMMUNITY_MEMBER_MESSAGES,
      payload,
      signerPriv: input.communityPrivateKey,
      envelope: { symKey },
    }),
  );
};
