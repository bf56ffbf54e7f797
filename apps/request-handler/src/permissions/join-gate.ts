// A request to join a community with token permissions: checked with the revealed accounts before the
// decision's transaction (chain reads never run under the community's row lock).
import type { MemberRole, Prisma } from '@status-communities/db';
import type { status } from '@status-communities/proto';
import { uint64ToBigInt } from '@status-communities/proto';
import type { MemberPermissionOutcome, RevealedAccountChains } from '@status-communities/protocol';
import type { RequestHandlerContext } from '../context.js';
import { checkPermissions } from './check-permissions.js';
import { liveChannelChatIds } from './permission-store.js';

/** How soon a request held by an unreadable chain is checked again. */
export const CHAIN_RETRY_DELAY_MS = 30_000;

export type JoinGate =
  /** No token permission: the community's access rule alone decides. */
  | { readonly kind: 'open' }
  | { readonly kind: 'checked'; readonly outcome: MemberPermissionOutcome }
  /** A chain could not be read: decide nothing. */
  | { readonly kind: 'unavailable' };

export const OPEN_GATE: JoinGate = { kind: 'open' };

/** The revealed accounts of a request as the evaluator reads them (their signatures are checked by the rules). */
export const requestAccounts = (
  request: status.CommunityRequestToJoin.$Properties,
): RevealedAccountChains[] =>
  (request.revealedAccounts ?? []).flatMap((account) => {
    const address = (account.address ?? '').toLowerCase();
    return /^0x[0-9a-f]{40}$/.test(address)
      ? [{ address, chainIds: (account.chainIds ?? []).map((chainId) => uint64ToBigInt(chainId).toString()) }]
      : [];
  });

export const checkJoinGate = (
  context: RequestHandlerContext,
  communityId: string,
  request: status.CommunityRequestToJoin.$Properties,
): Promise<JoinGate> => checkAccountsGate(context, communityId, requestAccounts(request));

/** The same check with accounts as stored (an admin's decision on a pending request). */
export const checkAccountsGate = async (
  context: RequestHandlerContext,
  communityId: string,
  accounts: readonly RevealedAccountChains[],
): Promise<JoinGate> => {
  const permissions = await context.sharedReads.tokenPermissions(communityId);
  if (permissions.length === 0) return OPEN_GATE;
  const gate = { permissions, channelChatIds: await liveChannelChatIds(context.prisma, communityId) };
  const checked = await checkPermissions(context.chains, gate, new Map([['requester', accounts]]));
  if (!checked.ok) {
    context.logger.warn(
      { communityId, err: checked.error },
      'token permissions not checked: chain unavailable',
    );
    return { kind: 'unavailable' };
  }
  const outcome = checked.value.get('requester');
  return outcome ? { kind: 'checked', outcome } : { kind: 'unavailable' };
};

export const rolesOf = (outcome: MemberPermissionOutcome): MemberRole[] =>
  outcome.role ? [outcome.role] : [];

export const channelRightsJson = (outcome: MemberPermissionOutcome): Prisma.InputJsonObject =>
  Object.fromEntries([...outcome.channels].sort(([a], [b]) => (a < b ? -1 : 1)));

/** The roles and channel rights the tokens grant, on an active member. */
export const applyPermissionOutcome = async (
  tx: Prisma.TransactionClient,
  communityId: string,
  memberKey: string,
  outcome: MemberPermissionOutcome,
): Promise<void> => {
  await tx.member.update({
    where: { communityId_memberKey: { communityId, memberKey } },
    data: { roles: rolesOf(outcome), channelRights: channelRightsJson(outcome) },
  });
};
