// requests_to_join rows of hosted communities: one per requester and community (status-go's request ID).
import { bytesToPrefixedHex } from '@status-communities/crypto';
import type { Prisma, RequestToJoinState } from '@status-communities/db';
import { uint64ToBigInt } from '@status-communities/proto';
import type { status } from '@status-communities/proto';
import type { Db } from './hosted-community.js';

export interface StoredRequest {
  readonly id: string;
  readonly communityId: string;
  readonly requesterKey: string;
  /** Unix seconds, as the requester stamped it. */
  readonly clock: number;
  readonly state: RequestToJoinState;
  readonly displayName: string | null;
  readonly ensName: string | null;
}

export const findRequest = async (db: Db, requestId: string): Promise<StoredRequest | null> => {
  const row = await db.requestToJoin.findUnique({ where: { id: requestId } });
  return row && { ...row, clock: Number(row.clock) };
};

/**
 * Of these requests, the accepted ones whose requester is still an active member, in the order asked, with
 * the clock the member's entry was last changed at (its acceptance, unless changed since).
 */
export const acceptedMembers = async (
  db: Db,
  communityId: string,
  requestIds: readonly string[],
): Promise<{ readonly requestId: string; readonly requesterKey: string; readonly memberClock: number }[]> => {
  const accepted = await db.requestToJoin.findMany({
    where: { id: { in: [...requestIds] }, communityId, state: 'ACCEPTED' },
    select: { id: true, requesterKey: true },
  });
  const active = await db.member.findMany({
    where: {
      communityId,
      state: 'ACTIVE',
      memberKey: { in: accepted.map((request) => request.requesterKey) },
    },
    select: { memberKey: true, lastUpdateClock: true },
  });
  const clockOf = new Map(active.map((member) => [member.memberKey, Number(member.lastUpdateClock)]));
  const requesterOf = new Map(accepted.map((request) => [request.id, request.requesterKey]));
  return requestIds.flatMap((requestId) => {
    const requesterKey = requesterOf.get(requestId);
    const memberClock = requesterKey === undefined ? undefined : clockOf.get(requesterKey);
    return requesterKey !== undefined && memberClock !== undefined
      ? [{ requestId, requesterKey, memberClock }]
      : [];
  });
};

/** Pending requests of the community (status-go caps them). */
export const countPendingRequests = (db: Db, communityId: string): Promise<number> =>
  db.requestToJoin.count({ where: { communityId, state: 'PENDING' } });

/** The revealed accounts as kept: addresses, chains and signatures, for the API and later re-checks. */
const revealedAccountsJson = (
  accounts: readonly status.RevealedAccount.$Properties[] | null | undefined,
): Prisma.InputJsonArray =>
  (accounts ?? []).map((account) => ({
    address: account.address ?? '',
    signature: bytesToPrefixedHex(account.signature ?? new Uint8Array(0)),
    chainIds: (account.chainIds ?? []).map((chainId) => uint64ToBigInt(chainId).toString()),
    isAirdropAddress: account.isAirdropAddress ?? false,
  }));

export interface RequestDecisionRecord {
  readonly state: RequestToJoinState;
  readonly at: Date;
  /** `policy:<reason>` or the deciding actor; null while pending. */
  readonly decidedBy: string | null;
  /** A pending request held by token permissions (`permissions`) or by a chain that could not be read (`chain`). */
  readonly heldBy?: 'permissions' | 'chain' | null;
}

/** The columns of a request as received, with its decision. */
export const requestRowData = (
  input: { readonly requesterKey: string; readonly request: status.CommunityRequestToJoin.$Properties },
  decision: RequestDecisionRecord,
) => {
  const { request } = input;
  return {
    requesterKey: input.requesterKey,
    clock: uint64ToBigInt(request.clock),
    ensName: request.ensName || null,
    displayName: request.displayName || null,
    customizationColor: request.customizationColor ?? null,
    revealedAccounts: revealedAccountsJson(request.revealedAccounts),
    state: decision.state,
    receivedAt: decision.at,
    decidedAt: decision.decidedBy === null ? null : decision.at,
    decidedBy: decision.decidedBy,
    heldBy: decision.heldBy ?? null,
  };
};

export const setRequestState = async (
  tx: Prisma.TransactionClient,
  requestId: string,
  decision: RequestDecisionRecord,
): Promise<void> => {
  await tx.requestToJoin.update({
    where: { id: requestId },
    data: {
      state: decision.state,
      decidedAt: decision.decidedBy === null ? null : decision.at,
      decidedBy: decision.decidedBy,
      heldBy: decision.heldBy ?? null,
    },
  });
};

/** A member's edited revealed accounts replace those of its accepted request; false when it has none. */
export const replaceRevealedAccounts = async (
  tx: Prisma.TransactionClient,
  requestId: string,
  accounts: readonly status.RevealedAccount.$Properties[],
): Promise<boolean> =>
  (
    await tx.requestToJoin.updateMany({
      where: { id: requestId, state: 'ACCEPTED' },
      data: { revealedAccounts: revealedAccountsJson(accounts) },
    })
  ).count > 0;
