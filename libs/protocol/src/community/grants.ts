import {
  SIGNATURE_LENGTH,
  compressPublicKey,
  concatBytes,
  equalBytes,
  isValidPrivateKey,
  keccak256,
  publicKeyFromPrivateKey,
  recoverPublicKey,
  sign,
} from '@status-communities/crypto';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { decodeProto, encodeProto, status } from '@status-communities/proto';
import { safeUint64 } from './uint64.js';

/** Grants last 7 days. SG protocol/communities/community.go GrantExpirationTime (168h). */
export const GRANT_EXPIRATION_MS = 168 * 60 * 60 * 1000;

export interface CommunityGrantInput {
  readonly communityPrivateKey: Uint8Array;
  /** The member the grant is for (33 or 65 bytes). */
  readonly memberPublicKey: Uint8Array;
  /** Empty (the default) for a community-wide grant. */
  readonly chatId?: string;
  /** The current description clock. */
  readonly clock: number;
  readonly nowMs: number;
}

/**
 * Wire form of a grant: signature(65) || marshalled Grant, signed over keccak256 of the Grant bytes by the
 * community key; expires = now + 168h (ms). SG protocol/communities/community.go buildGrant.
 */
export const buildCommunityGrant = ({
  communityPrivateKey,
  memberPublicKey,
  chatId = '',
  clock,
  nowMs,
}: CommunityGrantInput): Result<Uint8Array> => {
  if (!isValidPrivateKey(communityPrivateKey))
    return fail(ErrorCode.INVALID_KEY, 'not a valid community private key');
  const memberId = compressPublicKey(memberPublicKey);
  if (!memberId.ok) return memberId;
  const grant = encodeProto(
    status.Grant,
    status.Grant.create({
      communityId: publicKeyFromPrivateKey(communityPrivateKey, { compressed: true }),
      memberId: memberId.value,
      chatId,
      clock,
      expires: nowMs + GRANT_EXPIRATION_MS,
    }),
  );
  return ok(concatBytes(sign(keccak256(grant), communityPrivateKey), grant));
};

/** A verified grant. */
export interface CommunityGrant {
  readonly communityId: Uint8Array;
  /** 33-byte compressed member key. */
  readonly memberId: Uint8Array;
  readonly chatId: string;
  readonly clock: number;
  readonly expiresMs: number;
}

export interface CommunityGrantCheck {
  /** 33-byte ID of the community the grant must be for. */
  readonly communityId: Uint8Array;
  /** The community's control node (33 or 65 bytes): the only valid signer. */
  readonly controlNode: Uint8Array;
  readonly nowMs: number;
  /** When set, the grant must be for this member. SG manager.go HandleCommunityGrant. */
  readonly member?: Uint8Array;
}

const invalidGrant = (reason: string, message: string): Result<never> =>
  fail(ErrorCode.INVALID_GRANT, message, { reason });

/**
 * Checks a grant in status-go's order: length > 65, Grant decodes, clock ≠ 0, member_id set, community_id
 * matches, not expired, signature recovers to the control node.
 * SG protocol/communities/community.go VerifyGrantSignature; member check from manager.go HandleCommunityGrant.
 */
export const verifyCommunityGrant = (
  data: Uint8Array,
  check: CommunityGrantCheck,
): Result<CommunityGrant> => {
  if (data.length <= SIGNATURE_LENGTH)
    return invalidGrant('too-short', 'grant is not longer than a signature');
  const signature = data.subarray(0, SIGNATURE_LENGTH);
  const payload = data.subarray(SIGNATURE_LENGTH);
  const grant = decodeProto(status.Grant, payload);
  if (!grant.ok) return grant;
  const clock = safeUint64(grant.value.clock, 'grant clock', ErrorCode.INVALID_GRANT);
  if (!clock.ok) return clock;
  if (clock.value === 0) return invalidGrant('zero-clock', 'grant clock is 0');
  const memberId = grant.value.memberId ?? new Uint8Array(0);
  if (memberId.length === 0) return invalidGrant('missing-member', 'grant names no member');
  if (!equalBytes(grant.value.communityId ?? new Uint8Array(0), check.communityId))
    return invalidGrant('wrong-community', 'grant is for another community');
  const expires = safeUint64(grant.value.expires, 'grant expiry', ErrorCode.INVALID_GRANT);
  if (!expires.ok) return expires;
  // SG community.go VerifyGrantSignature: Expires < now → ErrGrantExpired (expiring exactly now is valid)
  if (expires.value < check.nowMs) return invalidGrant('expired', 'grant has expired');

  const signer = recoverPublicKey(keccak256(payload), signature);
  if (!signer.ok) return signer;
  const signerId = compressPublicKey(signer.value);
  const controlNode = compressPublicKey(check.controlNode);
  if (!signerId.ok || !controlNode.ok || !equalBytes(signerId.value, controlNode.value))
    return fail(ErrorCode.WRONG_SIGNER, 'grant is not signed by the control node', {
      reason: 'not-control-node',
    });
  if (check.member) {
    const member = compressPublicKey(check.member);
    if (!member.ok || !equalBytes(member.value, memberId))
      return invalidGrant('wrong-member', 'grant member public key is different');
  }
  return ok({
    communityId: check.communityId,
    memberId,
    chatId: grant.value.chatId ?? '',
    clock: clock.value,
    expiresMs: expires.value,
  });
};
