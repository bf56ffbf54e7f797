import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { decodeProto, status } from '@status-communities/proto';
import type { ProtoCodec } from '@status-communities/proto';
import { applicationMessageTypeName } from './amm.js';

/**
 * The protobuf each community-relevant AMM type carries. status-go names the message after the type
 * (CHAT_MESSAGE → ChatMessage; SG cmd/generate_handlers toCamelCase), and so does this table.
 * Types not listed (1:1, sync, push-notification messages, and the community types whose protos the
 * project does not compile: COMMUNITY_EVENTS_MESSAGE, COMMUNITY_PRIVILEGED_USER_SYNC_MESSAGE,
 * COMMUNITY_SHARD_KEY, CONTACT_CODE_ADVERTISEMENT, STATUS_UPDATE) are UNKNOWN_MESSAGE_TYPE.
 */
export const innerMessageCodecs = {
  CHAT_MESSAGE: status.ChatMessage,
  EDIT_MESSAGE: status.EditMessage,
  DELETE_MESSAGE: status.DeleteMessage,
  PIN_MESSAGE: status.PinMessage,
  EMOJI_REACTION: status.EmojiReaction,
  CHAT_IDENTITY: status.ChatIdentity,
  COMMUNITY_DESCRIPTION: status.CommunityDescription,
  COMMUNITY_REQUEST_TO_JOIN: status.CommunityRequestToJoin,
  COMMUNITY_CANCEL_REQUEST_TO_JOIN: status.CommunityCancelRequestToJoin,
  COMMUNITY_REQUEST_TO_LEAVE: status.CommunityRequestToLeave,
  COMMUNITY_REQUEST_TO_JOIN_RESPONSE: status.CommunityRequestToJoinResponse,
  COMMUNITY_USER_KICKED: status.CommunityUserKicked,
  DELETE_COMMUNITY_MEMBER_MESSAGES: status.DeleteCommunityMemberMessages,
  COMMUNITY_PUBLIC_SHARD_INFO: status.CommunityPublicShardInfo,
  COMMUNITY_PUBLIC_STORENODES_INFO: status.CommunityPublicStorenodesInfo,
  COMMUNITY_MESSAGE_ARCHIVE_MAGNETLINK: status.CommunityMessageArchiveMagnetlink,
  COMMUNITY_EDIT_SHARED_ADDRESSES: status.CommunityEditSharedAddresses,
  COMMUNITY_UPDATE_GRANT: status.CommunityUpdateGrant,
  COMMUNITY_ENCRYPTION_KEYS_REQUEST: status.CommunityEncryptionKeysRequest,
  COMMUNITY_REEVALUATE_PERMISSIONS_REQUEST: status.CommunityReevaluatePermissionsRequest,
  COMMUNITY_SHARED_ADDRESSES_REQUEST: status.CommunitySharedAddressesRequest,
  COMMUNITY_SHARED_ADDRESSES_RESPONSE: status.CommunitySharedAddressesResponse,
  COMMUNITY_TOKEN_ACTION: status.CommunityTokenAction,
} as const satisfies Partial<Record<keyof typeof status.ApplicationMetadataMessage.Type, unknown>>;

/** Name of an AMM type this module can decode. */
export type InnerMessageTypeName = keyof typeof innerMessageCodecs;

/** The decoded protobuf class for each name. */
export type InnerMessageOf<N extends InnerMessageTypeName> = InstanceType<(typeof innerMessageCodecs)[N]>;

/** A decoded inner message; `typeName` narrows `message` to its class. */
export type DecodedInnerMessage = {
  [N in InnerMessageTypeName]: { readonly typeName: N; readonly message: InnerMessageOf<N> };
}[InnerMessageTypeName];

/** True when `typeName` has a codec here. */
export const isInnerMessageTypeName = (typeName: string): typeName is InnerMessageTypeName =>
  Object.hasOwn(innerMessageCodecs, typeName);

/**
 * Decodes the payload of an AMM of the given type. A type without a codec here is
 * UNKNOWN_MESSAGE_TYPE; bytes that do not parse as its protobuf are MALFORMED_PROTOBUF.
 */
export const decodeInnerMessage = (type: number, payload: Uint8Array): Result<DecodedInnerMessage> => {
  const typeName = applicationMessageTypeName(type);
  if (!isInnerMessageTypeName(typeName))
    return fail(
      ErrorCode.UNKNOWN_MESSAGE_TYPE,
      typeName === 'UNRECOGNIZED'
        ? `application message type ${type} is not defined by status-go`
        : `application message type ${typeName} (${type}) is not a community message this platform decodes`,
      { type, typeName },
    );
  // One codec per name, so the message is that name's class; TS cannot follow the correlation.
  const codec = innerMessageCodecs[typeName] as ProtoCodec<InnerMessageOf<typeof typeName>>;
  const decoded = decodeProto(codec, payload);
  if (!decoded.ok) return decoded;
  return ok({ typeName, message: decoded.value } as DecodedInnerMessage);
};
