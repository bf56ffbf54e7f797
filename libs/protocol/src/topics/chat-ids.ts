import {
  bytesToHex,
  bytesToPrefixedHex,
  compressPublicKey,
  decompressPublicKey,
  hexToBytes,
} from '@status-communities/crypto';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';

/** `"0x"` + 66 hex digits of the 33-byte compressed community key. */
export const COMMUNITY_ID_LENGTH = 68;

// SG protocol/communities/community.go MemberUpdateChannelID; [NEW] status-go UniversalChatID reuses it.
export const MEMBER_UPDATE_CHAT_ID_SUFFIX = '-memberUpdate';
// SG protocol/transport/topic.go CommunityShardInfoTopicPrefix
export const SHARD_INFO_CHAT_ID_SUFFIX = '-shard-info';
// SG protocol/communities/community.go StatusUpdatesChannelID
export const PING_CHAT_ID_SUFFIX = '-ping';
// SG protocol/communities/community.go MagnetlinkMessageChannelID
export const MAGNETLINKS_CHAT_ID_SUFFIX = '-magnetlinks';

const RESERVED_SUFFIXES: readonly string[] = [
  MEMBER_UPDATE_CHAT_ID_SUFFIX,
  SHARD_INFO_CHAT_ID_SUFFIX,
  PING_CHAT_ID_SUFFIX,
  MAGNETLINKS_CHAT_ID_SUFFIX,
];

// SG protocol/transport/topic.go discoveryTopic, nPartitions
export const PARTITIONED_CHAT_ID_PREFIX = 'contact-discovery-';
export const PARTITION_COUNT = 5000n;

// status-go only ever renders lowercase hex (types.EncodeHex), and chat IDs are hashed as text, so any
// other spelling would name a different topic: only the canonical form is accepted.
const COMMUNITY_ID_PATTERN = /^0x0[23][0-9a-f]{64}$/;
const MEMBER_ID_PATTERN = /^0x04[0-9a-f]{128}$/;

// SG protocol/messenger_share_urls.go channelUUIDRegExp: what status-go generates for channels (uuid v4).
const CHANNEL_UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-5][0-9a-f]{3}-[089ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** True for a channel UUID in the form status-go creates and accepts in share URLs. */
export const isChannelUuid = (text: string): boolean => CHANNEL_UUID_PATTERN.test(text);

/**
 * Community ID of a community key given compressed (33 bytes) or uncompressed (65 bytes):
 * `"0x"` + lowercase hex of the compressed key. SG protocol/communities/community.go IDString.
 */
export const communityIdFromPublicKey = (publicKey: Uint8Array): Result<string> => {
  const compressed = compressPublicKey(publicKey);
  return compressed.ok ? ok(bytesToPrefixedHex(compressed.value)) : compressed;
};

export interface ParsedCommunityId {
  /** The canonical ID string (unchanged input). */
  readonly communityId: string;
  /** The 33-byte compressed community key, checked to be on the curve. */
  readonly publicKey: Uint8Array;
}

/**
 * Checks a community ID string: `0x02…`/`0x03…`, 68 chars, lowercase, a curve point.
 * A malformed string is INVALID_CHAT_ID; a well-formed one that is not a key is INVALID_KEY.
 */
export const parseCommunityId = (communityId: string): Result<ParsedCommunityId> => {
  if (!COMMUNITY_ID_PATTERN.test(communityId))
    return fail(
      ErrorCode.INVALID_CHAT_ID,
      'community ID must be 0x02/0x03 followed by 64 lowercase hex digits (68 chars)',
      { length: communityId.length },
    );
  const bytes = hexToBytes(communityId);
  if (!bytes.ok) return bytes;
  const key = compressPublicKey(bytes.value);
  if (!key.ok) return fail(ErrorCode.INVALID_KEY, 'community ID is not a secp256k1 public key');
  return ok({ communityId, publicKey: key.value });
};

/** Universal channel topic chat ID `<communityId>-memberUpdate` ([NEW] SG UniversalChatIDFromCommunityID). */
export const memberUpdateChatId = (communityId: string): string => communityId + MEMBER_UPDATE_CHAT_ID_SUFFIX;

/** `<communityId>-shard-info`. SG protocol/transport/topic.go CommunityShardInfoTopic. */
export const shardInfoChatId = (communityId: string): string => communityId + SHARD_INFO_CHAT_ID_SUFFIX;

/** `<communityId>-ping` (status updates). SG protocol/communities/community.go StatusUpdatesChannelID. */
export const pingChatId = (communityId: string): string => communityId + PING_CHAT_ID_SUFFIX;

/** `<communityId>-magnetlinks`. SG protocol/communities/community.go MagnetlinkMessageChannelID. */
export const magnetlinksChatId = (communityId: string): string => communityId + MAGNETLINKS_CHAT_ID_SUFFIX;

/** Legacy per-channel chat ID: community ID and channel UUID, no separator. SG communities/community.go ChatID. */
export const channelChatId = (communityId: string, channelUuid: string): string => communityId + channelUuid;

/**
 * A channel UUID taken from the network is used as-is (status-go concatenates whatever the description
 * holds), except the empty key and the reserved suffixes, whose chat IDs would alias the community's own
 * description, member-update, shard-info, ping or magnetlinks chat IDs.
 */
export const checkChannelUuid = (channelUuid: string): Result<string> => {
  if (channelUuid.length === 0) return fail(ErrorCode.INVALID_CHAT_ID, 'channel UUID is empty');
  if (RESERVED_SUFFIXES.includes(channelUuid))
    return fail(ErrorCode.INVALID_CHAT_ID, `"${channelUuid}" names a community topic, not a channel`, {
      channelUuid,
    });
  return ok(channelUuid);
};

export interface ParsedChannelChatId {
  readonly communityId: string;
  readonly channelUuid: string;
}

/** Splits `<communityId><channelUuid>` (SW utils/get-chat-uuid.ts: the UUID starts at char 68). */
export const parseChannelChatId = (chatId: string): Result<ParsedChannelChatId> => {
  const community = parseCommunityId(chatId.slice(0, COMMUNITY_ID_LENGTH));
  if (!community.ok) return community;
  const channelUuid = checkChannelUuid(chatId.slice(COMMUNITY_ID_LENGTH));
  if (!channelUuid.ok) return channelUuid;
  return ok({ communityId: community.value.communityId, channelUuid: channelUuid.value });
};

/** The channel UUID of a channel chat ID. */
export const channelUuidFromChatId = (chatId: string): Result<string> => {
  const parsed = parseChannelChatId(chatId);
  return parsed.ok ? ok(parsed.value.channelUuid) : parsed;
};

/**
 * Chat ID of requests to the control node: hex of the 65-byte uncompressed community key WITHOUT `0x`
 * (130 chars, `04…`). SG protocol/transport/transport.go SendCommunityMessage, messenger_communities.go
 * DefaultFilters (`PubkeyToHex(pk)[2:]`).
 */
export const controlNodeRequestsChatId = (communityKey: Uint8Array): Result<string> => {
  const uncompressed = decompressPublicKey(communityKey);
  return uncompressed.ok ? ok(bytesToHex(uncompressed.value)) : uncompressed;
};

/**
 * Partitioned 1:1 chat ID of a recipient: `contact-discovery-<X mod 5000>`, X = the key's X coordinate.
 * SG protocol/transport/topic.go PartitionedTopic.
 */
export const partitionedChatId = (recipientKey: Uint8Array): Result<string> => {
  const compressed = compressPublicKey(recipientKey);
  if (!compressed.ok) return compressed;
  // Bytes 1..33 of the compressed form are X, big-endian.
  const x = BigInt('0x' + bytesToHex(compressed.value.subarray(1)));
  return ok(PARTITIONED_CHAT_ID_PREFIX + (x % PARTITION_COUNT).toString(10));
};

/**
 * Member key string `0x04…` (132 chars) used in `members`, ban lists and channel members.
 * SG protocol/common/crypto.go PubkeyToHex.
 */
export const memberIdFromPublicKey = (publicKey: Uint8Array): Result<string> => {
  const uncompressed = decompressPublicKey(publicKey);
  return uncompressed.ok ? ok(bytesToPrefixedHex(uncompressed.value)) : uncompressed;
};

/** Parses a member key string `0x04…` (lowercase, 132 chars) into its 65-byte key. */
export const parseMemberId = (memberId: string): Result<Uint8Array> => {
  if (!MEMBER_ID_PATTERN.test(memberId))
    return fail(ErrorCode.INVALID_KEY, 'member ID must be 0x04 followed by 128 lowercase hex digits', {
      length: memberId.length,
    });
  const bytes = hexToBytes(memberId);
  if (!bytes.ok) return bytes;
  const key = decompressPublicKey(bytes.value);
  return key.ok ? key : fail(ErrorCode.INVALID_KEY, 'member ID is not a secp256k1 public key');
};
