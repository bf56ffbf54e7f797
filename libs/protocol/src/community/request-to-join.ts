import {
  bytesToPrefixedHex,
  compressPublicKey,
  decompressPublicKey,
  equalBytes,
  hexToBytes,
} from '@status-communities/crypto';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { uint64ToBigInt } from '@status-communities/proto';
import type { status } from '@status-communities/proto';
import type { CommunityDescriptionModel } from './description-model.js';
import { requestToJoinId, revealedAccountMatches, revealedAccountMessage } from './revealed-accounts.js';

/** Requests expire, and declines stick, for 7 days. SG protocol/communities/request_to_join.go AddTimeoutToRequestToJoinClock. */
export const REQUEST_TO_JOIN_TIMEOUT_SECONDS = 7 * 24 * 60 * 60;
/** SG protocol/communities/manager.go maxNbPendingRequestedMembers. */
export const MAX_PENDING_REQUESTS_TO_JOIN = 100;
/** Past this many members an AUTO_ACCEPT community turns MANUAL_ACCEPT. SG protocol/communities/manager.go maxNbMembers. */
export const MAX_AUTO_ACCEPT_MEMBERS = 5000;

// status-go parses the seconds clock as int64 (strconv.ParseInt in AddTimeoutToRequestToJoinClock).
const MAX_INT64 = (1n << 63n) - 1n;

/** The parts of a description the membership rules read. */
export type MembershipView = Pick<
  CommunityDescriptionModel,
  'communityId' | 'members' | 'bannedMembers' | 'permissions' | 'channels'
>;

/**
 * Why a request is dropped without an answer (status-go returns an error, sends nothing). Carried in
 * `details.reason`; the code is INVALID_REQUEST_TO_JOIN, FORBIDDEN (banned, declined recently) or
 * INVALID_CLOCK (expired, out of order).
 */
export type MembershipRejection =
  | 'invalid-signer'
  | 'missing-community-id'
  | 'wrong-community'
  | 'no-revealed-accounts'
  | 'ens-name-required'
  | 'unknown-channel'
  | 'channel-not-requestable'
  | 'access-not-requestable'
  | 'banned'
  | 'expired'
  | 'clock-out-of-range'
  | 'too-many-pending'
  | 'declined-recently'
  | 'unreadable-revealed-account-signature'
  | 'no-request-to-join'
  | 'clock-not-after-request'
  | 'not-a-member'
  | 'edit-older-than-member'
  | 'revealed-account-mismatch';

const reject = (
  code: ErrorCode,
  reason: MembershipRejection,
  message: string,
  details: Record<string, unknown> = {},
) => fail(code, message, { reason, ...details });

const invalidRequest = (
  reason: MembershipRejection,
  message: string,
  details: Record<string, unknown> = {},
) => reject(ErrorCode.INVALID_REQUEST_TO_JOIN, reason, message, details);

/** What the control node answers. `decline` sends accepted=false; `pending` waits for a privileged member. */
export type RequestToJoinDecision = 'accept' | 'pending' | 'decline';

export type RequestToJoinDecisionReason =
  'auto-accept' | 'already-member' | 'manual-accept' | 'member-limit-reached' | 'revealed-account-mismatch';

export interface RequestToJoinVerdict {
  readonly decision: RequestToJoinDecision;
  readonly reason: RequestToJoinDecisionReason;
  /** keccak256 request ID (SG CalculateRequestID): the key to store the request under. */
  readonly requestId: Uint8Array;
  /** The community reached MAX_AUTO_ACCEPT_MEMBERS: republish it as MANUAL_ACCEPT. */
  readonly switchToManualAccept: boolean;
}

export interface RequestToJoinCommunityState {
  readonly description: MembershipView;
  /** Requests currently pending for this community. */
  readonly pendingCount: number;
  readonly nowMs: number;
  /** Bans known outside the description (e.g. applied but not yet republished), as `0x04…` keys. */
  readonly bannedKeys?: Iterable<string>;
  /** Clock (unix seconds) of this requester's last request, when that request was declined. */
  readonly declinedRequestClock?: number;
}

interface Requester {
  readonly uncompressed: Uint8Array;
  readonly memberKey: string;
}

const requesterOf = (signer: Uint8Array): Result<Requester> => {
  const uncompressed = decompressPublicKey(signer);
  if (!uncompressed.ok) return invalidRequest('invalid-signer', 'request signer is not a public key');
  return ok({ uncompressed: uncompressed.value, memberKey: bytesToPrefixedHex(uncompressed.value) });
};

// SG manager.go GetByID(request.CommunityId): a request names its community by the 33-byte ID.
const checkCommunityId = (
  communityId: Uint8Array | null | undefined,
  description: MembershipView,
): Result<void> => {
  if (!communityId || communityId.length === 0)
    return invalidRequest('missing-community-id', 'request has no community ID');
  const expected = hexToBytes(description.communityId);
  if (!expected.ok || !equalBytes(expected.value, communityId))
    return invalidRequest('wrong-community', 'request is for another community');
  return ok(undefined);
};

const isBanned = (state: RequestToJoinCommunityState, memberKey: string): boolean =>
  state.description.bannedMembers.has(memberKey) ||
  [...(state.bannedKeys ?? [])].some((key) => key.toLowerCase() === memberKey);

/**
 * The control node's verdict on a CommunityRequestToJoin, in status-go's rule order.
 * SG protocol/communities/community.go ValidateRequestToJoin, manager.go HandleCommunityRequestToJoin,
 * messenger_handler.go HandleCommunityRequestToJoin. Token permissions (ErrNoPermissionToJoin → decline)
 * are checked later in status-go's pipeline and are the caller's job for token-gated communities.
 */
export const validateRequestToJoin = (
  request: status.CommunityRequestToJoin.$Properties,
  signer: Uint8Array,
  state: RequestToJoinCommunityState,
): Result<RequestToJoinVerdict> => {
  const { description } = state;
  const requester = requesterOf(signer);
  if (!requester.ok) return requester;
  const community = checkCommunityId(request.communityId, description);
  if (!community.ok) return community;

  // SG community.go ValidateRequestToJoin (control node): "no addresses revealed"
  const accounts = request.revealedAccounts ?? [];
  if (accounts.length === 0) return invalidRequest('no-revealed-accounts', 'no addresses revealed');
  // SG community.go ValidateRequestToJoin: EnsOnly && EnsName == "" → ErrCantRequestAccess
  if (description.permissions.ensOnly && !request.ensName)
    return invalidRequest('ens-name-required', 'this community requires an ENS name');
  if (request.chatId) {
    // SG community.go validateRequestToJoinWithChatID: the channel exists and is MANUAL_ACCEPT (and its
    // own ens_only). status-go then returns early, skipping the ban and expiry checks below; we do not.
    const channel = description.channels.get(request.chatId);
    if (!channel)
      return invalidRequest('unknown-channel', 'request names an unknown channel', {
        chatId: request.chatId,
      });
    if (channel.permissions.access !== 'MANUAL_ACCEPT')
      return invalidRequest('channel-not-requestable', 'channel does not take requests', {
        chatId: request.chatId,
      });
    if (channel.permissions.ensOnly && !request.ensName)
      return invalidRequest('ens-name-required', 'this channel requires an ENS name');
  } else if (
    description.permissions.access !== 'AUTO_ACCEPT' &&
    description.permissions.access !== 'MANUAL_ACCEPT'
  ) {
    // SG community.go validateRequestToJoinWithoutChatID
    return invalidRequest('access-not-requestable', 'community does not take requests', {
      access: description.permissions.access,
    });
  }
  // SG community.go ValidateRequestToJoin: isBanned → ErrCantRequestAccess
  if (isBanned(state, requester.value.memberKey))
    return reject(ErrorCode.FORBIDDEN, 'banned', 'requester is banned from this community');
  // SG community.go ValidateRequestToJoin: now >= clock + 7 days → "request is expired"
  const clock = uint64ToBigInt(request.clock);
  if (clock > MAX_INT64)
    return reject(ErrorCode.INVALID_CLOCK, 'clock-out-of-range', 'request clock does not fit an int64');
  const nowSeconds = BigInt(Math.floor(state.nowMs / 1000));
  if (nowSeconds >= clock + BigInt(REQUEST_TO_JOIN_TIMEOUT_SECONDS))
    return reject(ErrorCode.INVALID_CLOCK, 'expired', 'request is expired', { clock: clock.toString() });
  // SG manager.go HandleCommunityRequestToJoin: nbPendingRequestsToJoin >= maxNbPendingRequestedMembers
  if (state.pendingCount >= MAX_PENDING_REQUESTS_TO_JOIN)
    return invalidRequest('too-many-pending', 'max number of requests to join reached', {
      pendingCount: state.pendingCount,
    });
  // SG request_to_join.go ShouldRetainDeclined: a decline holds while clock < declined clock + 7 days
  if (
    state.declinedRequestClock !== undefined &&
    clock < BigInt(state.declinedRequestClock) + BigInt(REQUEST_TO_JOIN_TIMEOUT_SECONDS)
  )
    return reject(
      ErrorCode.FORBIDDEN,
      'declined-recently',
      'that user was already rejected from the community',
    );

  const communityId = hexToBytes(description.communityId);
  const compressed = compressPublicKey(requester.value.uncompressed);
  if (!communityId.ok) return communityId;
  if (!compressed.ok) return compressed;
  const requestId = requestToJoinId(requester.value.memberKey, description.communityId);
  const message = revealedAccountMessage(compressed.value, communityId.value, requestId);
  const verdict = (
    decision: RequestToJoinDecision,
    reason: RequestToJoinDecisionReason,
    switchToManualAccept = false,
  ) => ok({ decision, reason, requestId, switchToManualAccept });

  // SG manager.go HandleCommunityRequestToJoin: each revealed address must recover; the first mismatch declines
  for (const [index, account] of accounts.entries()) {
    const matches = revealedAccountMatches(account, message);
    if (!matches.ok)
      return invalidRequest(
        'unreadable-revealed-account-signature',
        'revealed account signature cannot be recovered',
        {
          index,
          cause: matches.error.message,
        },
      );
    if (!matches.value) return verdict('decline', 'revealed-account-mismatch');
  }

  const isMember = description.members.has(requester.value.memberKey);
  // SG manager.go HandleCommunityRequestToJoin: AutoAccept && MembersCount >= maxNbMembers → MANUAL_ACCEPT
  const overLimit =
    description.permissions.access === 'AUTO_ACCEPT' && description.members.size >= MAX_AUTO_ACCEPT_MEMBERS;
  // SG manager.go HandleCommunityRequestToJoin: acceptAutomatically = AutoAccept || HasMember
  if (isMember) return verdict('accept', 'already-member', overLimit);
  if (overLimit) return verdict('pending', 'member-limit-reached', true);
  if (description.permissions.access === 'AUTO_ACCEPT') return verdict('accept', 'auto-accept');
  return verdict('pending', 'manual-accept');
};

/** What the control node does after a valid cancel or leave. */
export interface MembershipExit {
  /** The signer is a member: remove them, bump the clock, republish. Otherwise nothing changes. */
  readonly removeMember: boolean;
  readonly memberKey: string;
}

export interface CancelRequestToJoinState {
  readonly description: MembershipView;
  /** Clock of the requester's stored request to join; undefined when there is none. */
  readonly requestClock?: number;
}

/**
 * A CommunityCancelRequestToJoin. Its clock is the community clock in ms while the request's is in
 * seconds, so "after" nearly always holds; status-go compares them as they are, and so do we.
 * SG protocol/messenger_handler.go HandleCommunityCancelRequestToJoin, manager.go HandleCommunityCancelRequestToJoin.
 * (status-go's sticky-decline lookup there builds the request ID from the ID string's bytes and never
 * finds the request, so no decline check applies.)
 */
export const validateCancelRequestToJoin = (
  cancel: status.CommunityCancelRequestToJoin.$Properties,
  signer: Uint8Array,
  { description, requestClock }: CancelRequestToJoinState,
): Result<MembershipExit> => {
  const requester = requesterOf(signer);
  if (!requester.ok) return requester;
  const community = checkCommunityId(cancel.communityId, description);
  if (!community.ok) return community;
  // SG manager.go HandleCommunityCancelRequestToJoin: GetRequestToJoinByPkAndCommunityID fails without one
  if (requestClock === undefined) return invalidRequest('no-request-to-join', 'no request to join to cancel');
  // SG manager.go HandleCommunityCancelRequestToJoin: request.Clock <= previous.Clock → ErrInvalidClock
  if (uint64ToBigInt(cancel.clock) <= BigInt(requestClock))
    return reject(
      ErrorCode.INVALID_CLOCK,
      'clock-not-after-request',
      'invalid clock to cancel request to join',
    );
  const memberKey = requester.value.memberKey;
  return ok({ removeMember: description.members.has(memberKey), memberKey });
};

export interface RequestToLeaveState {
  readonly description: MembershipView;
  /** Clock (unix seconds) of the member's stored request to join; undefined when there is none. */
  readonly requestClock?: number;
}

/**
 * A CommunityRequestToLeave (clock in unix seconds). status-go insists on a stored request to join that is
 * not newer than the leave. SG protocol/messenger_handler.go HandleCommunityRequestToLeave,
 * manager.go HandleCommunityRequestToLeave (ErrOldRequestToLeave).
 */
export const validateRequestToLeave = (
  leave: status.CommunityRequestToLeave.$Properties,
  signer: Uint8Array,
  { description, requestClock }: RequestToLeaveState,
): Result<MembershipExit> => {
  const requester = requesterOf(signer);
  if (!requester.ok) return requester;
  const community = checkCommunityId(leave.communityId, description);
  if (!community.ok) return community;
  // SG manager.go HandleCommunityRequestToLeave: GetRequestToJoin(requestToLeave.ID) fails without one
  if (requestClock === undefined)
    return invalidRequest('no-request-to-join', 'no request to join for this member');
  if (BigInt(requestClock) > uint64ToBigInt(leave.clock))
    return reject(ErrorCode.INVALID_CLOCK, 'clock-not-after-request', 'old request to leave');
  const memberKey = requester.value.memberKey;
  return ok({ removeMember: description.members.has(memberKey), memberKey });
};

export interface EditSharedAddressesState {
  readonly description: MembershipView;
  /** The member's stored CommunityMember.last_update_clock; undefined when the signer is no member. */
  readonly memberLastUpdateClock: bigint | undefined;
}

/** A member's new revealed accounts, every signature checked. */
export interface SharedAddressesEdit {
  readonly memberKey: string;
  readonly clock: bigint;
  readonly revealedAccounts: readonly status.RevealedAccount.$Properties[];
}

/**
 * A member's CommunityEditSharedAddresses (type 68). Each wallet signs keccak256(compressed key ‖ community
 * ID) (the join's message with an empty request ID); one account that does not recover refuses the whole edit,
 * and an edit older than the member's last update is refused. SG manager.go HandleCommunityEditSharedAddresses,
 * community.go ValidateEditSharedAddresses, messenger_communities.go GenerateEditCommunityRequestsForSigning.
 */
export const validateEditSharedAddresses = (
  edit: status.CommunityEditSharedAddresses.$Properties,
  signer: Uint8Array,
  { description, memberLastUpdateClock }: EditSharedAddressesState,
): Result<SharedAddressesEdit> => {
  const requester = requesterOf(signer);
  if (!requester.ok) return requester;
  const community = checkCommunityId(edit.communityId, description);
  if (!community.ok) return community;
  const { memberKey } = requester.value;
  if (memberLastUpdateClock === undefined || !description.members.has(memberKey))
    return reject(ErrorCode.FORBIDDEN, 'not-a-member', 'only a member can edit its shared addresses');
  const accounts = edit.revealedAccounts ?? [];
  if (accounts.length === 0) return invalidRequest('no-revealed-accounts', 'no addresses revealed');
  const clock = uint64ToBigInt(edit.clock);
  if (clock < memberLastUpdateClock)
    return reject(ErrorCode.INVALID_CLOCK, 'edit-older-than-member', 'edit is older than the last update', {
      clock: clock.toString(),
      lastUpdateClock: memberLastUpdateClock.toString(),
    });
  const communityId = hexToBytes(description.communityId);
  const compressed = compressPublicKey(requester.value.uncompressed);
  if (!communityId.ok) return communityId;
  if (!compressed.ok) return compressed;
  const message = revealedAccountMessage(compressed.value, communityId.value, new Uint8Array(0));
  for (const [index, account] of accounts.entries()) {
    const matches = revealedAccountMatches(account, message);
    if (!matches.ok)
      return reject(
        ErrorCode.INVALID_SIGNATURE,
        'unreadable-revealed-account-signature',
        'revealed account signature cannot be recovered',
        { index, cause: matches.error.message },
      );
    if (!matches.value)
      return reject(
        ErrorCode.INVALID_SIGNATURE,
        'revealed-account-mismatch',
        'revealed account signature is not by its address',
        { index },
      );
  }
  return ok({ memberKey, clock, revealedAccounts: accounts });
};
