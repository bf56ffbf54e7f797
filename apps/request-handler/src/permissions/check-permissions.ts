// Token permissions against live chain state: one read of every chain for everyone checked together (the
// chain client batches and multicalls it), then the pure rules of libs/protocol.
import type { ChainClients } from '@status-communities/chain';
import { readTokenHoldings } from '@status-communities/chain';
import { ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import type {
  HoldingQuery,
  MemberPermissionOutcome,
  RevealedAccountChains,
  TokenPermissionModel,
} from '@status-communities/protocol';
import { evaluateMemberPermissions, holdingQueries } from '@status-communities/protocol';

export interface PermissionGate {
  readonly permissions: readonly TokenPermissionModel[];
  /** Full chat ids of the live channels. */
  readonly channelChatIds: readonly string[];
}

/**
 * Membership, role and channel rights of each candidate (member key → revealed accounts). CHAIN_UNAVAILABLE
 * when any chain needed cannot be read: then nothing may be decided.
 */
export const checkPermissions = async (
  chains: ChainClients,
  gate: PermissionGate,
  candidates: ReadonlyMap<string, readonly RevealedAccountChains[]>,
): Promise<Result<Map<string, MemberPermissionOutcome>>> => {
  // Each candidate's own chains only, shared reads once.
  const queries = new Map<string, HoldingQuery>();
  for (const accounts of candidates.values())
    for (const query of holdingQueries(gate.permissions, accounts)) queries.set(JSON.stringify(query), query);
  const holdings = await readTokenHoldings(chains, [...queries.values()]);
  if (!holdings.ok) return holdings;
  return ok(
    new Map(
      [...candidates].map(([memberKey, accounts]) => [
        memberKey,
        evaluateMemberPermissions({
          permissions: gate.permissions,
          channelChatIds: gate.channelChatIds,
          accounts: [...accounts],
          holdings: holdings.value,
        }),
      ]),
    ),
  );
};
