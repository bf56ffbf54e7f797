import { brotliCompressSync, brotliDecompressSync, constants as zlibConstants } from 'node:zlib';
import { deserializePublicKey, parsePublicKeyHex, serializePublicKey } from '@status-communities/crypto';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { decodeProto, encodeProto, status } from '@status-communities/proto';
import type { ProtoCodec } from '@status-communities/proto';
import { communityIdFromPublicKey, isChannelUuid, memberIdFromPublicKey } from './chat-ids.js';
import { shardFromProto, shardToProto } from './shards.js';
import type { ShardRef } from './shards.js';

// SG protocol/messenger_share_urls.go baseShareURL and the path constants
export const SHARE_URL_BASE = 'https://status.app';
const USER_PREFIX = `${SHARE_URL_BASE}/u#`;
const USER_WITH_DATA_PREFIX = `${SHARE_URL_BASE}/u/`;
const COMMUNITY_PREFIX = `${SHARE_URL_BASE}/c#`;
const COMMUNITY_WITH_DATA_PREFIX = `${SHARE_URL_BASE}/c/`;
const CHANNEL_PREFIX = `${SHARE_URL_BASE}/cc/`;
// SG protocol/messenger_share_urls.go ParseSharedURL: user keys are told from ENS names by this prefix
const CHAT_KEY_PREFIX = 'zQ3sh';

/** Bytes read after decompression. SG protocol/messenger_share_urls.go decodeDataURL. */
export const MAX_URL_DATA_BYTES = 4096;
// Bounds the work spent on a pasted string. Compressed data is at most a little larger than its 4096
// decompressed bytes, so no URL status-go can read is anywhere near this.
const MAX_SHARE_URL_LENGTH = 16_384;

// Go base64.URLEncoding: URL alphabet WITH padding, as status-go encodes and requires.
const BASE64URL_PADDED = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2}==|[A-Za-z0-9_-]{3}=)?$/;

// Node's defaults, spelled out: with them Node reproduces status-go's test-vector URLs byte for byte
// (SG protocol/messenger_share_urls_test.go). Any valid brotli stream decodes either way.
const BROTLI_PARAMS = {
  [zlibConstants.BROTLI_PARAM_QUALITY]: 11,
  [zlibConstants.BROTLI_PARAM_LGWIN]: 22,
};

const UINT32_MAX = 0xffff_ffff;

/** URL data of a community. SG protocol/protobuf/url_data.proto Community. */
export interface CommunityUrlData {
  readonly displayName: string;
  readonly description: string;
  readonly membersCount: number;
  readonly color: string;
  /** Indices into status-go's community tag list (SG protocol/requests/community_tags.go). */
  readonly tagIndices: readonly number[];
}

/** URL data of a channel. SG protocol/protobuf/url_data.proto Channel. */
export interface ChannelUrlData {
  readonly displayName: string;
  readonly description: string;
  readonly emoji: string;
  readonly color: string;
  /** The channel's community; absent only in URLs not made by status-go (status-go would crash on them). */
  readonly community?: CommunityUrlData;
  readonly uuid: string;
}

/** URL data of a user. SG protocol/protobuf/url_data.proto User (status-go fills name and bio only). */
export interface UserUrlData {
  readonly displayName: string;
  readonly description: string;
  readonly color: string;
}

export type DecodedShareUrl =
  | {
      readonly kind: 'community';
      /** `0x02…`/`0x03…` community ID. */
      readonly communityId: string;
      /** The `zQ3sh…` key of the fragment, in canonical form. */
      readonly chatKey: string;
      readonly data?: CommunityUrlData;
      readonly shard?: ShardRef;
    }
  | {
      readonly kind: 'channel';
      readonly communityId: string;
      readonly chatKey: string;
      readonly channelUuid: string;
      readonly data?: ChannelUrlData;
      readonly shard?: ShardRef;
    }
  | {
      readonly kind: 'user';
      /** `0x04…` member key (SG PubkeyToHex). */
      readonly publicKey: string;
      readonly chatKey: string;
      readonly data?: UserUrlData;
    };

const invalidUrl = (message: string, details?: Record<string, unknown>): Result<never> =>
  fail(ErrorCode.INVALID_URL, message, details);

/** True for the status.app share-URL forms (not a full check). SG messenger_share_urls.go IsStatusSharedURL. */
export const isShareUrl = (url: string): boolean =>
  [USER_PREFIX, USER_WITH_DATA_PREFIX, COMMUNITY_PREFIX, COMMUNITY_WITH_DATA_PREFIX, CHANNEL_PREFIX].some(
    (prefix) => url.startsWith(prefix),
  );

// ---- encoding ---------------------------------------------------------------------------------------

/** A key as bytes (33/65) or as `0x02…`/`0x03…`/`0x04…` hex. */
export type PublicKeyInput = Uint8Array | string;

const keyBytes = (key: PublicKeyInput): Result<Uint8Array> =>
  typeof key === 'string' ? parsePublicKeyHex(key) : ok(key);

/** `zQ3sh…` form of a key. SG services/utils/utils.go SerializePublicKey. */
const chatKeyOf = (key: PublicKeyInput): Result<string> => {
  const bytes = keyBytes(key);
  return bytes.ok ? serializePublicKey(bytes.value) : bytes;
};

/** Base64url with padding of brotli(URLData). SG messenger_share_urls.go encodeDataURL. */
const encodeUrlData = (content: Uint8Array, shard: ShardRef | null | undefined): string => {
  const urlData = encodeProto(status.URLData, { content, shard: shard ? shardToProto(shard) : null });
  return Buffer.from(brotliCompressSync(urlData, { params: BROTLI_PARAMS }))
    .toString('base64')
    .replaceAll('+', '-')
    .replaceAll('/', '_');
};

const checkUint32 = (name: string, value: number): Result<number> =>
  Number.isInteger(value) && value >= 0 && value <= UINT32_MAX
    ? ok(value)
    : fail(ErrorCode.BAD_USER_INPUT, `${name} must be an integer 0..2^32-1`, { value });

const communityProto = (data: CommunityUrlData): Result<status.Community.$Properties> => {
  const members = checkUint32('membersCount', data.membersCount);
  if (!members.ok) return members;
  for (const index of data.tagIndices) {
    const checked = checkUint32('tag index', index);
    if (!checked.ok) return checked;
  }
  return ok({
    displayName: data.displayName,
    description: data.description,
    membersCount: data.membersCount,
    color: data.color,
    tagIndices: [...data.tagIndices],
  });
};

export interface EncodeCommunityUrlInput {
  readonly communityKey: PublicKeyInput;
  /** Without data: `https://status.app/c#<key>`; with: `https://status.app/c/<data>#<key>`. */
  readonly data?: CommunityUrlData;
  readonly shard?: ShardRef | null;
}

/** Share URL of a community. SG messenger_share_urls.go ShareCommunityURLWithChatKey / …WithData. */
export const encodeCommunityUrl = ({
  communityKey,
  data,
  shard,
}: EncodeCommunityUrlInput): Result<string> => {
  const chatKey = chatKeyOf(communityKey);
  if (!chatKey.ok) return chatKey;
  if (!data) return ok(`${COMMUNITY_PREFIX}${chatKey.value}`);
  const community = communityProto(data);
  if (!community.ok) return community;
  const content = encodeProto(status.Community, community.value);
  return ok(`${COMMUNITY_WITH_DATA_PREFIX}${encodeUrlData(content, shard)}#${chatKey.value}`);
};

export interface EncodeChannelUrlInput {
  readonly communityKey: PublicKeyInput;
  readonly channelUuid: string;
  /** Without data: `https://status.app/cc/<uuid>#<key>`; with: `https://status.app/cc/<data>#<key>`. */
  readonly data?: Omit<ChannelUrlData, 'uuid'>;
  readonly shard?: ShardRef | null;
}

/** Share URL of a channel. SG messenger_share_urls.go ShareCommunityChannelURLWithChatKey / …WithData. */
export const encodeChannelUrl = ({
  communityKey,
  channelUuid,
  data,
  shard,
}: EncodeChannelUrlInput): Result<string> => {
  if (!isChannelUuid(channelUuid))
    return fail(ErrorCode.INVALID_CHAT_ID, 'channel ID must be a lowercase UUID', { channelUuid });
  const chatKey = chatKeyOf(communityKey);
  if (!chatKey.ok) return chatKey;
  if (!data) return ok(`${CHANNEL_PREFIX}${channelUuid}#${chatKey.value}`);
  let community: status.Community.$Properties | null = null;
  if (data.community) {
    const built = communityProto(data.community);
    if (!built.ok) return built;
    community = built.value;
  }
  const content = encodeProto(status.Channel, {
    displayName: data.displayName,
    description: data.description,
    emoji: data.emoji,
    color: data.color,
    community,
    uuid: channelUuid,
  });
  return ok(`${CHANNEL_PREFIX}${encodeUrlData(content, shard)}#${chatKey.value}`);
};

export interface EncodeUserUrlInput {
  readonly publicKey: PublicKeyInput;
  /** Without data: `https://status.app/u#<key>`; with: `https://status.app/u/<data>#<key>`. */
  readonly data?: UserUrlData;
}

/** Share URL of a user. SG messenger_share_urls.go ShareUserURLWithChatKey / …WithData (no shard). */
export const encodeUserUrl = ({ publicKey, data }: EncodeUserUrlInput): Result<string> => {
  const chatKey = chatKeyOf(publicKey);
  if (!chatKey.ok) return chatKey;
  if (!data) return ok(`${USER_PREFIX}${chatKey.value}`);
  const content = encodeProto(status.User, {
    displayName: data.displayName,
    description: data.description,
    color: data.color,
  });
  return ok(`${USER_WITH_DATA_PREFIX}${encodeUrlData(content, null)}#${chatKey.value}`);
};

// ---- decoding ---------------------------------------------------------------------------------------

/**
 * The key of a URL fragment as its compressed bytes (checked on the curve) and its text, which is
 * canonical once it decodes: the multicodec prefix leaves base58 no leading-zero ambiguity.
 */
const parseChatKey = (text: string): Result<{ compressed: Uint8Array; chatKey: string }> => {
  if (text.length === 0) return invalidUrl('share URL has no key after #');
  const key = deserializePublicKey(text);
  if (!key.ok) return invalidUrl(`share URL key: ${key.error.message}`);
  return ok({ compressed: key.value, chatKey: text });
};

/** `<data>#<key>` split at the first `#`. SG messenger_share_urls.go splitSharedURLData. */
const splitDataAndKey = (rest: string): Result<{ data: string; key: string }> => {
  const hash = rest.indexOf('#');
  if (hash < 0) return invalidUrl('url should contain at least one `#` separator');
  return ok({ data: rest.slice(0, hash), key: rest.slice(hash + 1) });
};

/** Base64url → brotli → URLData. SG messenger_share_urls.go decodeDataURL. */
const decodeUrlData = (encoded: string): Result<status.URLData> => {
  if (!BASE64URL_PADDED.test(encoded))
    return invalidUrl('share URL data is not padded base64url', { length: encoded.length });
  let urlData: Uint8Array;
  try {
    urlData = brotliDecompressSync(Buffer.from(encoded, 'base64url'), {
      maxOutputLength: MAX_URL_DATA_BYTES,
    });
  } catch (error) {
    // zlib errors can come from another realm (e.g. a test VM), so read the message structurally.
    const reason =
      typeof error === 'object' && error !== null && 'message' in error
        ? String(error.message)
        : String(error);
    return invalidUrl(`share URL data is not brotli data of at most ${MAX_URL_DATA_BYTES} bytes: ${reason}`);
  }
  const decoded = decodeProto<status.URLData>(status.URLData, urlData);
  return decoded.ok ? decoded : invalidUrl(`share URL data: ${decoded.error.message}`);
};

const decodeContent = <T>(codec: ProtoCodec<T>, content: Uint8Array): Result<T> => {
  const decoded = decodeProto(codec, content);
  return decoded.ok ? decoded : invalidUrl(`share URL data: ${decoded.error.message}`);
};

const urlShard = (urlData: status.URLData): Result<ShardRef | undefined> => {
  const shard = shardFromProto(urlData.shard);
  if (!shard.ok) return invalidUrl(`share URL data: ${shard.error.message}`, shard.error.details);
  return ok(shard.value ?? undefined);
};

const communityData = (community: status.Community.$Properties): CommunityUrlData => ({
  displayName: community.displayName ?? '',
  description: community.description ?? '',
  membersCount: community.membersCount ?? 0,
  color: community.color ?? '',
  tagIndices: [...(community.tagIndices ?? [])],
});

const communityIdOf = (compressed: Uint8Array): Result<string> => {
  const id = communityIdFromPublicKey(compressed);
  return id.ok ? id : invalidUrl('share URL key is not a secp256k1 public key');
};

const decodeUserUrl = (rest: string, withData: boolean): Result<DecodedShareUrl> => {
  let keyText = rest;
  let data: UserUrlData | undefined;
  if (withData) {
    const parts = splitDataAndKey(rest);
    if (!parts.ok) return parts;
    keyText = parts.value.key;
    const urlData = decodeUrlData(parts.value.data);
    if (!urlData.ok) return urlData;
    const user = decodeContent<status.User>(status.User, urlData.value.content);
    if (!user.ok) return user;
    data = {
      displayName: user.value.displayName,
      description: user.value.description,
      color: user.value.color,
    };
  } else if (!rest.startsWith(CHAT_KEY_PREFIX)) {
    return invalidUrl('user URLs with an ENS name need an ENS lookup and are not supported');
  }
  const key = parseChatKey(keyText);
  if (!key.ok) return key;
  const publicKey = memberIdFromPublicKey(key.value.compressed);
  if (!publicKey.ok) return invalidUrl('share URL key is not a secp256k1 public key');
  return ok({ kind: 'user', publicKey: publicKey.value, chatKey: key.value.chatKey, ...(data && { data }) });
};

const decodeCommunityUrl = (rest: string, withData: boolean): Result<DecodedShareUrl> => {
  if (!withData) {
    const key = parseChatKey(rest);
    if (!key.ok) return key;
    const communityId = communityIdOf(key.value.compressed);
    if (!communityId.ok) return communityId;
    return ok({ kind: 'community', communityId: communityId.value, chatKey: key.value.chatKey });
  }
  const parts = splitDataAndKey(rest);
  if (!parts.ok) return parts;
  const key = parseChatKey(parts.value.key);
  if (!key.ok) return key;
  const communityId = communityIdOf(key.value.compressed);
  if (!communityId.ok) return communityId;
  const urlData = decodeUrlData(parts.value.data);
  if (!urlData.ok) return urlData;
  const community = decodeContent<status.Community>(status.Community, urlData.value.content);
  if (!community.ok) return community;
  const shard = urlShard(urlData.value);
  if (!shard.ok) return shard;
  return ok({
    kind: 'community',
    communityId: communityId.value,
    chatKey: key.value.chatKey,
    data: communityData(community.value),
    ...(shard.value && { shard: shard.value }),
  });
};

const decodeChannelUrl = (rest: string): Result<DecodedShareUrl> => {
  const parts = splitDataAndKey(rest);
  if (!parts.ok) return parts;
  const key = parseChatKey(parts.value.key);
  if (!key.ok) return key;
  const communityId = communityIdOf(key.value.compressed);
  if (!communityId.ok) return communityId;
  const common = { kind: 'channel', communityId: communityId.value, chatKey: key.value.chatKey } as const;
  // SG messenger_share_urls.go ParseSharedURL: a UUID here means "no data".
  if (isChannelUuid(parts.value.data)) return ok({ ...common, channelUuid: parts.value.data });

  const urlData = decodeUrlData(parts.value.data);
  if (!urlData.ok) return urlData;
  const channel = decodeContent<status.Channel>(status.Channel, urlData.value.content);
  if (!channel.ok) return channel;
  // status-go only encodes channels whose ID passes its UUID check, so anything else is not its URL.
  if (!isChannelUuid(channel.value.uuid))
    return invalidUrl('share URL channel data has no valid channel UUID');
  const shard = urlShard(urlData.value);
  if (!shard.ok) return shard;
  const { community } = channel.value;
  const data: ChannelUrlData = {
    displayName: channel.value.displayName,
    description: channel.value.description,
    emoji: channel.value.emoji,
    color: channel.value.color,
    uuid: channel.value.uuid,
    ...(community && { community: communityData(community) }),
  };
  return ok({ ...common, channelUuid: channel.value.uuid, data, ...(shard.value && { shard: shard.value }) });
};

/**
 * Parses a status.app share URL: community, channel or user, with or without data. Any junk (other host
 * or path, bad base64, bad brotli, bad protobuf, bad key) is INVALID_URL.
 * SG protocol/messenger_share_urls.go ParseSharedURL.
 */
export const decodeShareUrl = (url: string): Result<DecodedShareUrl> => {
  if (url.length > MAX_SHARE_URL_LENGTH) return invalidUrl('share URL is too long', { length: url.length });
  // Same prefix order as status-go.
  if (url.startsWith(USER_PREFIX)) return decodeUserUrl(url.slice(USER_PREFIX.length), false);
  if (url.startsWith(USER_WITH_DATA_PREFIX))
    return decodeUserUrl(url.slice(USER_WITH_DATA_PREFIX.length), true);
  if (url.startsWith(COMMUNITY_PREFIX)) return decodeCommunityUrl(url.slice(COMMUNITY_PREFIX.length), false);
  if (url.startsWith(COMMUNITY_WITH_DATA_PREFIX))
    return decodeCommunityUrl(url.slice(COMMUNITY_WITH_DATA_PREFIX.length), true);
  if (url.startsWith(CHANNEL_PREFIX)) return decodeChannelUrl(url.slice(CHANNEL_PREFIX.length));
  return invalidUrl('not a status shared url');
};
