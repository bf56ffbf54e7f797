// The channel-membership bloom filter (CommunityChat.members_list) status-go puts on every encrypted channel
// of a description it publishes, so that a member who lacks the channel's key can tell it should have it
// and ask (COMMUNITY_ENCRYPTION_KEYS_REQUEST). Without it status-go members never ask for that channel's keys.
// SG protocol/communities/community_bloom_filter.go; encrypted-communities.md §3.4.
import { concatBytes, ecdhSharedX, keccak256, utf8ToBytes } from '@status-communities/crypto';
import { ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { status, uint64ToBigInt } from '@status-communities/proto';
import type { Uint64 } from '@status-communities/proto';
import { channelChatId, parseMemberId } from '../topics/index.js';
import {
  addToBloomFilter,
  bloomFilterHas,
  createBloomFilter,
  decodeBloomFilter,
  encodeBloomFilter,
  estimateBloomParameters,
} from './bloom-filter.js';
import { isChannelEncryptedBy } from './token-permissions.js';

type Description = status.CommunityDescription.$Properties;

const FALSE_POSITIVE_RATE = 0.001;
const MIN_CAPACITY = 128;

/**
 * Capacity the filter is sized for: max(128, 1 << bitLength(members)) — so 128 members size it for 256;
 * the rounding hides the exact member count. SG community_bloom_filter.go nextPowerOfTwo.
 */
export const bloomFilterCapacity = (memberCount: number): number =>
  Math.max(MIN_CAPACITY, memberCount === 0 ? 1 : 2 ** memberCount.toString(2).length);

/**
 * keccak256(ECDH(priv, pub).x ‖ UTF-8 channel UUID ‖ uint64_LE(description clock)): the control node
 * computes it with the community key and the member's key, the member with its key and the control node's.
 */
export const channelMemberBloomElement = (
  privateKey: Uint8Array,
  publicKey: Uint8Array,
  channelUuid: string,
  clock: Uint64 | bigint,
): Result<Uint8Array> => {
  const shared = ecdhSharedX(privateKey, publicKey);
  if (!shared.ok) return shared;
  const clockBytes = new Uint8Array(8);
  new DataView(clockBytes.buffer).setBigUint64(
    0,
    typeof clock === 'bigint' ? BigInt.asUintN(64, clock) : uint64ToBigInt(clock),
    true,
  );
  return ok(keccak256(concatBytes(shared.value, utf8ToBytes(channelUuid), clockBytes)));
};

/** CommunityBloomFilter of one channel's members. INVALID_KEY when a member key does not parse. */
export const channelMembersBloomFilter = (
  communityPrivateKey: Uint8Array,
  memberIds: readonly string[],
  channelUuid: string,
  clock: Uint64 | bigint,
): Result<status.CommunityBloomFilter> => {
  const { m, k } = estimateBloomParameters(bloomFilterCapacity(memberIds.length), FALSE_POSITIVE_RATE);
  const filter = createBloomFilter(m, k);
  for (const memberId of memberIds) {
    const member = parseMemberId(memberId);
    if (!member.ok) return member;
    const element = channelMemberBloomElement(communityPrivateKey, member.value, channelUuid, clock);
    if (!element.ok) return element;
    addToBloomFilter(filter, element.value);
  }
  return ok(
    status.CommunityBloomFilter.create({ data: encodeBloomFilter(filter), m: filter.m, k: filter.k }),
  );
};

/**
 * The description with members_list set on every encrypted channel that has members (status-go fails the
 * whole publication on an empty one; the control node is always a member there, so we skip it instead).
 * Run before encryptCommunityDescription, which empties the channels' members.
 * SG community_bloom_filter.go generateBloomFiltersForChannels.
 */
export const withChannelMembersBloomFilters = (
  description: Description,
  communityPrivateKey: Uint8Array,
): Result<status.CommunityDescription> => {
  const chats = new Map(Object.entries(description.chats ?? {}));
  for (const [uuid, chat] of chats) {
    const memberIds = Object.keys(chat.members ?? {});
    const encrypted = isChannelEncryptedBy(
      channelChatId(description.ID ?? '', uuid),
      description.tokenPermissions,
    );
    if (!encrypted || memberIds.length === 0) continue;
    const membersList = channelMembersBloomFilter(
      communityPrivateKey,
      memberIds,
      uuid,
      description.clock ?? 0,
    );
    if (!membersList.ok) return membersList;
    chats.set(uuid, status.CommunityChat.create({ ...chat, membersList: membersList.value }));
  }
  return ok(status.CommunityDescription.create({ ...description, chats: Object.fromEntries(chats) }));
};

/**
 * Member side: whether the channel's filter (probably) lists us, with our key and the control node's, at
 * the description's clock. MALFORMED_PAYLOAD for filter bytes that do not decode.
 * SG community_bloom_filter.go verifyMembershipWithBloomFilter (IsMemberLikelyInChat).
 */
export const isLikelyChannelMember = (
  membersList: status.CommunityBloomFilter.$Properties,
  memberPrivateKey: Uint8Array,
  controlNodePublicKey: Uint8Array,
  channelUuid: string,
  clock: Uint64 | bigint,
): Result<boolean> => {
  const filter = decodeBloomFilter(membersList.data ?? new Uint8Array(0));
  if (!filter.ok) return filter;
  const element = channelMemberBloomElement(memberPrivateKey, controlNodePublicKey, channelUuid, clock);
  if (!element.ok) return element;
  return ok(bloomFilterHas(filter.value, element.value));
};
