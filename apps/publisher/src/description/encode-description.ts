import { symKeyFor } from '@status-communities/crypto';
import type { Result } from '@status-communities/errors';
import { ok } from '@status-communities/errors';
import { encodeProto, status } from '@status-communities/proto';
import type { CommunityDescriptionInput, ShardProfile, ShardRef } from '@status-communities/protocol';
import {
  buildCommunityDescription,
  buildCommunityPublicShardInfo,
  encodeStatusMessage,
  prepareStatusMessage,
  sealStatusMessage,
  shardInfoChatId,
  validateCommunityDescription,
} from '@status-communities/protocol';
import type { WakuPayload } from '@status-communities/queue';
import { encodeForDestination } from '../outbound.js';

const AppType = status.ApplicationMetadataMessage.Type;

export interface DescriptionEncoding {
  readonly input: CommunityDescriptionInput;
  /** The community private key: signs the AMM and the envelope, as the control node. */
  readonly communityKey: Uint8Array;
  /** The community's own shard (also announced with shard info), null for the profile's shards. */
  readonly shard: ShardRef | null;
  readonly profile: ShardProfile;
  readonly maxSegmentBytes: number;
  /**
   * The description to sign instead of building it from `input`: an encrypted community's, with its
   * private parts sealed (the caller validated the plain one it came from).
   */
  readonly description?: status.CommunityDescription;
  /** The ProtocolMessage around the signed AMM: an encrypted community's rekey envelope. */
  readonly protocolLayer?: (applicationMessage: Uint8Array) => Uint8Array;
}

export interface EncodedDescription {
  readonly description: status.CommunityDescription;
  /** The signed ApplicationMetadataMessage: what receivers store and hash. */
  readonly applicationMessage: Uint8Array;
  readonly messageId: string;
  /** Waku payloads per pubsub topic: 1, or the number of SegmentMessages. */
  readonly segments: number;
  /** The description on every description shard, encrypted for each. */
  readonly messages: readonly WakuPayload[];
  /** CommunityPublicShardInfo on the shard-info shards; empty for a community without its own shard. */
  readonly shardInfoMessages: readonly WakuPayload[];
}

/**
 * Builds, checks, signs and encrypts a description as status-go's control node publishes it: a bare AMM
 * signed by the community key (no ProtocolMessage layer: SkipEncryptionLayer), symmetric-encrypted with
 * pbkdf2(communityId), on the community ID's content topic and the profile's description shards (or the
 * community's own), split into SegmentMessages above `maxSegmentBytes`. A community with its own shard also
 * gets a CommunityPublicShardInfo, signed by the community key, on `-shard-info`.
 * SG protocol/messenger_communities.go publishOrg; messenger_community_shard.go sendPublicCommunityShardInfo.
 * A description that fails status-go's validation is INVALID_DESCRIPTION and is not signed.
 */
export const encodeDescription = (encoding: DescriptionEncoding): Result<EncodedDescription> => {
  const { input, communityKey, shard, profile, maxSegmentBytes, protocolLayer } = encoding;
  const description = encoding.description ?? buildCommunityDescription(input);
  if (!encoding.description) {
    const valid = validateCommunityDescription(description);
    if (!valid.ok) return valid;
  }

  const payload = encodeProto(status.CommunityDescription, description);
  const symKey = symKeyFor(input.communityId);
  // Signed and segmented once, encrypted anew for each description shard.
  const prepared = prepareStatusMessage({
    type: AppType.COMMUNITY_DESCRIPTION,
    payload,
    signerPriv: communityKey,
    maxSegmentSize: maxSegmentBytes,
    ...(protocolLayer && { protocolLayer }),
  });
  const routed = encodeForDestination(
    { kind: 'description', chatId: input.communityId, communityShard: shard, profile },
    () => sealStatusMessage(prepared, { symKey }),
  );
  if (!routed.ok) return routed;

  const shardInfoMessages: WakuPayload[] = [];
  if (shard) {
    const shardInfo = buildCommunityPublicShardInfo({
      communityPrivateKey: communityKey,
      clock: input.clock,
      shard,
    });
    if (!shardInfo.ok) return shardInfo;
    const chatId = shardInfoChatId(input.communityId);
    const shardInfoPayload = encodeProto(status.CommunityPublicShardInfo, shardInfo.value);
    const announced = encodeForDestination(
      { kind: 'shardInfo', chatId, communityShard: shard, profile },
      () =>
        encodeStatusMessage({
          type: AppType.COMMUNITY_PUBLIC_SHARD_INFO,
          payload: shardInfoPayload,
          signerPriv: communityKey,
          envelope: { symKey: symKeyFor(chatId) },
          maxSegmentSize: maxSegmentBytes,
        }),
    );
    if (!announced.ok) return announced;
    shardInfoMessages.push(...announced.value.messages);
  }

  const { encoded, messages } = routed.value;
  return ok({
    description,
    applicationMessage: encoded.applicationMessage,
    messageId: encoded.messageId,
    segments: encoded.payloads.length,
    messages,
    shardInfoMessages,
  });
};
