import {
  compressPublicKey,
  decompressPublicKey,
  equalBytes,
  isValidPrivateKey,
  keccak256,
  publicKeyFromPrivateKey,
  recoverPublicKey,
  sign,
} from '@status-communities/crypto';
import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { bigIntToUint64, decodeProto, encodeProto, status, uint64ToBigInt } from '@status-communities/proto';
import { safeUint64 } from './uint64.js';

export interface CommunityShard {
  readonly cluster: number;
  readonly index: number;
}

export interface CommunityShardInfoInput {
  readonly communityPrivateKey: Uint8Array;
  /** The description clock the announcement goes with. */
  readonly clock: number;
  /** Undefined for a community without its own shard (status-go then sends no shard field). */
  readonly shard: CommunityShard | undefined;
  /** Owner-token chain, 0n (default) for communities not owned on-chain. */
  readonly chainId?: bigint;
}

/**
 * The COMMUNITY_PUBLIC_SHARD_INFO message body: PublicShardInfo signed over keccak256 of its bytes by the
 * community key. SG protocol/messenger_community_shard.go sendPublicCommunityShardInfo.
 */
export const buildCommunityPublicShardInfo = ({
  communityPrivateKey,
  clock,
  shard,
  chainId = 0n,
}: CommunityShardInfoInput): Result<status.CommunityPublicShardInfo> => {
  if (!isValidPrivateKey(communityPrivateKey))
    return fail(ErrorCode.INVALID_KEY, 'not a valid community private key');
  const payload = encodeProto(
    status.PublicShardInfo,
    status.PublicShardInfo.create({
      clock,
      communityId: publicKeyFromPrivateKey(communityPrivateKey, { compressed: true }),
      ...(shard ? { shard: { cluster: shard.cluster, index: shard.index } } : {}),
      chainId: bigIntToUint64(chainId),
    }),
  );
  return ok(
    status.CommunityPublicShardInfo.create({
      signature: sign(keccak256(payload), communityPrivateKey),
      payload,
    }),
  );
};

/** A verified shard announcement. */
export interface CommunityShardInfo {
  readonly communityId: Uint8Array;
  readonly clock: number;
  readonly shard: CommunityShard | undefined;
  /** Decimal owner-token chain ID, "0" when not owned on-chain. */
  readonly chainId: string;
}

export interface CommunityShardInfoCheck {
  /** When set, the announcement must be for this community (33 bytes). */
  readonly communityId?: Uint8Array;
  /** For chainId > 0: the on-chain owner's key, which the caller looked up. */
  readonly tokenOwner?: Uint8Array;
  /** Clock of the shard info already stored: only a strictly newer one is taken. */
  readonly storedClock?: number;
}

const invalidShardInfo = (reason: string, message: string): Result<never> =>
  fail(ErrorCode.INVALID_SHARD_INFO, message, { reason });

const sameKey = (a: Uint8Array, b: Uint8Array): boolean => {
  const left = compressPublicKey(a);
  const right = compressPublicKey(b);
  return left.ok && right.ok && equalBytes(left.value, right.value);
};

/**
 * Decodes and checks a COMMUNITY_PUBLIC_SHARD_INFO body: signature present, signed by the community key
 * (or, with chainId > 0, by the on-chain owner), and newer than what is stored.
 * SG protocol/messenger_community_shard.go HandleCommunityPublicShardInfo / verifyCommunitySignature,
 * communities/persistence.go SaveCommunityShard (ErrOldShardInfo unless the clock is greater).
 */
export const verifyCommunityPublicShardInfo = (
  bytes: Uint8Array,
  check: CommunityShardInfoCheck = {},
): Result<CommunityShardInfo> => {
  const signed = decodeProto(status.CommunityPublicShardInfo, bytes);
  if (!signed.ok) return signed;
  const payload = signed.value.payload ?? new Uint8Array(0);
  const info = decodeProto(status.PublicShardInfo, payload);
  if (!info.ok) return info;
  const communityId = info.value.communityId ?? new Uint8Array(0);
  if (check.communityId && !equalBytes(communityId, check.communityId))
    return invalidShardInfo('wrong-community', 'shard info is for another community');

  const signature = signed.value.signature ?? new Uint8Array(0);
  if (signature.length === 0)
    return fail(ErrorCode.INVALID_SIGNATURE, 'missing signature', { reason: 'missing-signature' });
  const signer = recoverPublicKey(keccak256(payload), signature);
  if (!signer.ok) return signer;
  const chainId = uint64ToBigInt(info.value.chainId);
  let owner: Uint8Array;
  if (chainId > 0n) {
    if (!check.tokenOwner)
      return fail(ErrorCode.WRONG_SIGNER, 'token-owned community: look the owner up on-chain first', {
        reason: 'token-owner-unverified',
      });
    owner = check.tokenOwner;
  } else {
    const communityKey = decompressPublicKey(communityId);
    if (!communityKey.ok)
      return invalidShardInfo('invalid-community-id', 'shard info community ID is not a key');
    owner = communityKey.value;
  }
  if (!sameKey(signer.value, owner))
    return fail(ErrorCode.WRONG_SIGNER, 'signed not by a community owner', { reason: 'not-community-owner' });

  const clock = safeUint64(info.value.clock, 'shard info clock', ErrorCode.INVALID_CLOCK);
  if (!clock.ok) return clock;
  if (check.storedClock !== undefined && clock.value <= check.storedClock)
    return fail(ErrorCode.INVALID_CLOCK, 'shard info is not newer than the stored one', {
      reason: 'outdated',
    });
  const shard = info.value.shard;
  return ok({
    communityId,
    clock: clock.value,
    shard: shard ? { cluster: shard.cluster ?? 0, index: shard.index ?? 0 } : undefined,
    chainId: chainId.toString(),
  });
};
