import {
  bytesToPrefixedHex,
  compressPublicKey,
  decompressPublicKey,
  equalBytes,
} from '@status-communities/crypto';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { status, uint64ToBigInt } from '@status-communities/proto';
import { parseDescriptionCommunityId } from './community-id.js';
import { areCommunityTagsValid } from './tags.js';
import { tokenOwnerChainIdOf } from './token-permissions.js';

type Description = status.CommunityDescription.$Properties;

/** Why a description's shape is rejected; carried in `details.reason` of INVALID_DESCRIPTION. */
export type CommunityDescriptionShapeProblem =
  | 'missing-description'
  | 'missing-permissions'
  | 'unknown-access'
  | 'invalid-tags'
  | 'category-without-id'
  | 'category-without-name'
  | 'chat-without-permissions'
  | 'chat-unknown-access'
  | 'chat-unknown-category'
  | 'chat-without-identity'
  | 'chat-member-not-in-community';

const invalid = (
  reason: CommunityDescriptionShapeProblem,
  message: string,
  details: Record<string, unknown> = {},
): Result<never> => fail(ErrorCode.INVALID_DESCRIPTION, message, { reason, ...details });

const UNKNOWN_ACCESS = status.CommunityPermissions.Access.UNKNOWN_ACCESS;

// Decoded maps are plain objects: a key such as "__proto__" or "toString" must not read the prototype.
const hasKey = (map: Readonly<Record<string, unknown>> | null | undefined, key: string): boolean =>
  map != null && Object.hasOwn(map, key);

const sortedEntries = <V>(map: Readonly<Record<string, V>> | null | undefined): [string, V][] =>
  Object.entries(map ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * The shape rules every receiver applies to a description (already hydrated, tags already normalized).
 * Categories and chats are checked in key order, so the first problem reported is deterministic.
 * SG protocol/communities/validator.go ValidateCommunityDescription.
 */
export const validateCommunityDescription = (description: Description | null | undefined): Result<void> => {
  // SG validator.go ValidateCommunityDescription: desc == nil
  if (description == null) return invalid('missing-description', 'community description is missing');
  // SG validator.go ValidateCommunityDescription: Permissions == nil / Access == UNKNOWN_ACCESS
  if (description.permissions == null)
    return invalid('missing-permissions', 'community description has no permissions');
  if ((description.permissions.access ?? UNKNOWN_ACCESS) === UNKNOWN_ACCESS)
    return invalid('unknown-access', 'community access is UNKNOWN_ACCESS');
  // SG validator.go ValidateCommunityDescription → requests.ValidateTags (known and unique)
  if (!areCommunityTagsValid(description.tags ?? []))
    return invalid('invalid-tags', 'community tags must be known and unique', { tags: description.tags });

  // SG validator.go validateCommunityCategory
  for (const [key, category] of sortedEntries(description.categories)) {
    if (!category.categoryId) return invalid('category-without-id', 'category has no id', { category: key });
    if (!category.name) return invalid('category-without-name', 'category has no name', { category: key });
  }

  // SG validator.go validateCommunityChat
  for (const [channel, chat] of sortedEntries(description.chats)) {
    if (chat.permissions == null)
      return invalid('chat-without-permissions', 'channel has no permissions', { channel });
    if ((chat.permissions.access ?? UNKNOWN_ACCESS) === UNKNOWN_ACCESS)
      return invalid('chat-unknown-access', 'channel access is UNKNOWN_ACCESS', { channel });
    if (chat.categoryId && !hasKey(description.categories, chat.categoryId))
      return invalid('chat-unknown-category', 'channel names a category that does not exist', {
        channel,
        categoryId: chat.categoryId,
      });
    if (chat.identity == null)
      return invalid('chat-without-identity', 'channel has no identity', { channel });
    // A hydrated channel shares the community's member map: nothing to check.
    if (chat.members === description.members) continue;
    for (const member of Object.keys(chat.members ?? {}).sort()) {
      if (!hasKey(description.members, member))
        return invalid('chat-member-not-in-community', 'channel member is not a community member', {
          channel,
          member,
        });
    }
  }
  return ok(undefined);
};

/** The community a description speaks for. */
export interface DescriptionCommunityId {
  /** `"0x"` + lowercase hex of the compressed key (68 chars). */
  readonly communityId: string;
  /** The 33-byte compressed community key. */
  readonly communityKey: Uint8Array;
}

/**
 * `description.ID`, or for old descriptions without one the compressed signer.
 * SG protocol/communities/manager.go HandleCommunityDescriptionMessage ("Backward compatibility").
 */
export const resolveDescriptionCommunityId = (
  description: Description,
  signer: Uint8Array,
): Result<DescriptionCommunityId> => {
  const key = description.ID ? parseDescriptionCommunityId(description.ID) : compressPublicKey(signer);
  if (!key.ok) return key;
  return ok({ communityId: bytesToPrefixedHex(key.value), communityKey: key.value });
};

/** What a receiver already holds for the community, if anything. */
export interface StoredCommunityState {
  /** Clock of the stored description (ms). */
  readonly clock: number;
  /** Key whose signature updates are accepted from: the community key unless on-chain ownership moved it. */
  readonly controlNode: Uint8Array;
}

export interface CommunityDescriptionAcceptanceInput {
  readonly description: Description;
  /** Signer recovered from the ApplicationMetadataMessage (33 or 65 bytes). */
  readonly signer: Uint8Array;
  /** Absent for a community seen for the first time. */
  readonly stored?: StoredCommunityState;
  /** For token-owned communities: the owner's key as verified on-chain by the caller. */
  readonly verifiedTokenOwner?: Uint8Array;
}

/**
 * `new`: first description of this community; `newer`: clock above the stored one; `same-clock`: the
 * stored clock again, a no-op to re-process (status-go allows it for late encryption keys).
 */
export type CommunityDescriptionAcceptance = 'new' | 'newer' | 'same-clock';

export interface AcceptedCommunityDescription extends DescriptionCommunityId {
  readonly clock: number;
  readonly outcome: CommunityDescriptionAcceptance;
  /** The key to store as control node from now on (65 bytes, uncompressed). */
  readonly controlNode: Uint8Array;
}

const sameKey = (a: Uint8Array, b: Uint8Array): boolean => {
  const left = decompressPublicKey(a);
  const right = decompressPublicKey(b);
  return left.ok && right.ok && equalBytes(left.value, right.value);
};

const wrongSigner = (reason: string, message: string): Result<never> =>
  fail(ErrorCode.WRONG_SIGNER, message, { reason });

/**
 * Whether a receiver takes a description, given who signed it and what it already holds. Shape is checked
 * separately by validateCommunityDescription. Rule order follows status-go: community ID, signer, clock.
 * SG protocol/communities/manager.go HandleCommunityDescriptionMessage, community.go UpdateCommunityDescription.
 */
export const acceptCommunityDescription = ({
  description,
  signer,
  stored,
  verifiedTokenOwner,
}: CommunityDescriptionAcceptanceInput): Result<AcceptedCommunityDescription> => {
  const signerKey = decompressPublicKey(signer);
  if (!signerKey.ok) return wrongSigner('invalid-signer', 'description signer is not a public key');
  const id = resolveDescriptionCommunityId(description, signerKey.value);
  if (!id.ok) return id;

  // SG manager.go HandleCommunityDescriptionMessage: HasTokenOwnership → the verified on-chain owner signs;
  // without a verification a new token-owned community (or a new signer) is queued, i.e. not taken yet.
  const tokenOwned = tokenOwnerChainIdOf(description.tokenPermissions) !== undefined;
  let expected: Uint8Array;
  let mismatch: string;
  if (tokenOwned && verifiedTokenOwner) {
    expected = verifiedTokenOwner;
    mismatch = 'not-token-owner';
  } else if (stored) {
    // SG manager.go HandleCommunityDescriptionMessage: !IsPubKeyEqual(community.ControlNode(), signer) → ErrNotAuthorized
    expected = stored.controlNode;
    mismatch = 'not-control-node';
  } else if (tokenOwned) {
    return wrongSigner('token-owner-unverified', 'token-owned community: verify the owner on-chain first');
  } else {
    // status-go takes the signer of a first-seen community as its control node; status-wire.md §5 asks
    // TS receivers to require the community key itself (as status-web does), so nobody can squat an ID.
    expected = id.value.communityKey;
    mismatch = 'not-community-key';
  }
  if (!sameKey(signerKey.value, expected))
    return wrongSigner(mismatch, 'description is not signed by the community control node');

  // SG community.go UpdateCommunityDescription: description.Clock < stored → ErrInvalidCommunityDescriptionClockOutdated
  const clock = uint64ToBigInt(description.clock);
  if (clock > BigInt(Number.MAX_SAFE_INTEGER))
    return fail(ErrorCode.INVALID_CLOCK, 'description clock is out of range', { reason: 'uint64-overflow' });
  if (stored && clock < BigInt(stored.clock))
    return fail(ErrorCode.INVALID_CLOCK, 'description clock is older than the stored one', {
      reason: 'outdated',
      clock: Number(clock),
      storedClock: stored.clock,
    });
  const outcome: CommunityDescriptionAcceptance = !stored
    ? 'new'
    : clock === BigInt(stored.clock)
      ? 'same-clock'
      : 'newer';
  return ok({ ...id.value, clock: Number(clock), outcome, controlNode: signerKey.value });
};
