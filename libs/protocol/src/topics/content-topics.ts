import { bytesToHex, hexToBytes, keccak256, symKeyFor, utf8ToBytes } from '@status-communities/crypto';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import {
  channelChatId,
  checkChannelUuid,
  controlNodeRequestsChatId,
  magnetlinksChatId,
  memberUpdateChatId,
  parseCommunityId,
  pingChatId,
  shardInfoChatId,
} from './chat-ids.js';

/** Bytes of a Status topic. SG eth-node/types TopicLength. */
export const TOPIC_LENGTH = 4;

const CONTENT_TOPIC_PATTERN = /^0x[0-9a-f]{8}$/;

/**
 * `/waku/1/0x<hex(keccak256(utf8(chatId))[0:4])>/rfc26`: the chat-ID *text* is hashed (including a `0x`).
 * SG protocol/transport/topic.go ToTopic, wakuv2/common/topic.go ContentTopic.
 */
export const contentTopicForChatId = (chatId: string): string =>
  `/waku/1/0x${bytesToHex(keccak256(utf8ToBytes(chatId)).subarray(0, TOPIC_LENGTH))}/rfc26`;

export interface ParsedContentTopic {
  /** The 4 topic bytes. */
  readonly topic: Uint8Array;
  /** `0x` + 8 lowercase hex digits, as in the content topic. */
  readonly topicHex: string;
}

/**
 * Parses a Status content topic: exactly `["", "waku", "1", "0x" + 8 hex, "rfc26"]` split on `/`
 * (SG wakuv2/common/topic.go ExtractTopicFromContentTopic). Stricter than status-go in two ways that
 * cannot lose a real message: the leading part must be empty and the hex must be 8 lowercase digits,
 * since Waku matches content topics as exact strings and status-go only subscribes to that spelling.
 */
export const parseContentTopic = (contentTopic: string): Result<ParsedContentTopic> => {
  const parts = contentTopic.split('/');
  const [empty, waku, version, topicHex, encoding] = parts;
  if (parts.length !== 5 || empty !== '' || waku !== 'waku' || version !== '1' || encoding !== 'rfc26')
    return fail(ErrorCode.INVALID_TOPIC, 'content topic must have the form /waku/1/0x<8 hex>/rfc26', {
      contentTopic: contentTopic.slice(0, 100),
    });
  if (topicHex === undefined || !CONTENT_TOPIC_PATTERN.test(topicHex))
    return fail(ErrorCode.INVALID_TOPIC, 'content topic must carry 0x + 8 lowercase hex digits', {
      contentTopic: contentTopic.slice(0, 100),
    });
  const topic = hexToBytes(topicHex);
  return topic.ok ? ok({ topic: topic.value, topicHex }) : topic;
};

/** What a community content topic carries. The names match the `use` field of the wire vectors. */
export type CommunityTopicUse =
  /** CommunityDescription, UpdateGrant, CommunityEventsMessage: chat ID = community ID. */
  | 'description'
  /** Universal channel topic (all channel messages, [NEW] status-go) and contact-code adverts. */
  | 'memberUpdate'
  | 'shardInfo'
  | 'ping'
  | 'magnetlinks'
  /** Requests to the control node (join, leave, cancel, keys request): ECIES to the community key. */
  | 'requestsToControlNode'
  /** Per-channel topic `<communityId><uuid>` (what Oct-2024 status-go sends on). */
  | 'legacyChannel';

export interface CommunityTopic {
  readonly use: CommunityTopicUse;
  readonly chatId: string;
  readonly contentTopic: string;
  /** Set for `legacyChannel` topics only. */
  readonly channelUuid: string | null;
  /** How payloads on this topic are encrypted (26/WAKU2-PAYLOAD v1). */
  readonly encryption: 'symmetric' | 'ecies';
  /**
   * pbkdf2 key of the chat ID for symmetric topics, null for the ECIES request topic. Derived on read
   * (through the key cache), because each derivation costs milliseconds.
   */
  readonly symKey: Uint8Array | null;
}

export interface CommunityTopics {
  readonly communityId: string;
  readonly description: CommunityTopic;
  readonly memberUpdate: CommunityTopic;
  readonly shardInfo: CommunityTopic;
  readonly ping: CommunityTopic;
  readonly magnetlinks: CommunityTopic;
  readonly requestsToControlNode: CommunityTopic;
  /** Legacy per-channel topics by channel UUID. */
  readonly channels: ReadonlyMap<string, CommunityTopic>;
  /** Every topic above, community topics first, then channels in the order given. */
  readonly all: readonly CommunityTopic[];
  /** Topics with this content topic (4-byte topics can collide, so possibly several; usually 0 or 1). */
  findByContentTopic(contentTopic: string): readonly CommunityTopic[];
}

export interface CommunityTopicsOptions {
  /** Source of symmetric keys; defaults to the process-wide pbkdf2 cache (crypto symKeyFor). */
  readonly symKeyFor?: (chatId: string) => Uint8Array;
}

const symmetricTopic = (
  use: CommunityTopicUse,
  chatId: string,
  channelUuid: string | null,
  deriveKey: (chatId: string) => Uint8Array,
): CommunityTopic => ({
  use,
  chatId,
  contentTopic: contentTopicForChatId(chatId),
  channelUuid,
  encryption: 'symmetric',
  get symKey() {
    return deriveKey(chatId);
  },
});

/**
 * Every content topic of one community and, optionally, its channels: what a member or spectator
 * subscribes to (SG messenger_communities.go DefaultFilters, plus one filter per channel) and what the
 * control node listens on for requests.
 */
export const communityTopics = (
  communityId: string,
  channelUuids: Iterable<string> = [],
  options: CommunityTopicsOptions = {},
): Result<CommunityTopics> => {
  const parsed = parseCommunityId(communityId);
  if (!parsed.ok) return parsed;
  const requestsChatId = controlNodeRequestsChatId(parsed.value.publicKey);
  if (!requestsChatId.ok) return requestsChatId;
  const deriveKey = options.symKeyFor ?? symKeyFor;

  const channels = new Map<string, CommunityTopic>();
  for (const uuid of channelUuids) {
    const checked = checkChannelUuid(uuid);
    if (!checked.ok) return checked;
    channels.set(uuid, symmetricTopic('legacyChannel', channelChatId(communityId, uuid), uuid, deriveKey));
  }

  const description = symmetricTopic('description', communityId, null, deriveKey);
  const memberUpdate = symmetricTopic('memberUpdate', memberUpdateChatId(communityId), null, deriveKey);
  const shardInfo = symmetricTopic('shardInfo', shardInfoChatId(communityId), null, deriveKey);
  const ping = symmetricTopic('ping', pingChatId(communityId), null, deriveKey);
  const magnetlinks = symmetricTopic('magnetlinks', magnetlinksChatId(communityId), null, deriveKey);
  const requestsToControlNode: CommunityTopic = {
    use: 'requestsToControlNode',
    chatId: requestsChatId.value,
    contentTopic: contentTopicForChatId(requestsChatId.value),
    channelUuid: null,
    encryption: 'ecies',
    symKey: null,
  };

  const all = [
    description,
    memberUpdate,
    shardInfo,
    ping,
    magnetlinks,
    requestsToControlNode,
    ...channels.values(),
  ];
  return ok({
    communityId,
    description,
    memberUpdate,
    shardInfo,
    ping,
    magnetlinks,
    requestsToControlNode,
    channels,
    all,
    findByContentTopic: (contentTopic) => all.filter((topic) => topic.contentTopic === contentTopic),
  });
};
