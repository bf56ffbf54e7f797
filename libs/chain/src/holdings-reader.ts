import { ErrorCode, fail, isStatusError, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { ENS_CHAIN_ID, holdingKey, tokenKey } from '@status-communities/protocol';
import type { HoldingQuery, TokenHoldings } from '@status-communities/protocol';
import { createChainClient } from './chain-client.js';
import type { ChainClient, ChainClientOptions } from './chain-client.js';
import type { ChainConfig } from './chain-config.js';

/** One client per configured chain. */
export type ChainClients = ReadonlyMap<string, ChainClient>;

export const createChainClients = (
  config: ChainConfig,
  options: Omit<ChainClientOptions, 'chainId' | 'url'> = {},
): ChainClients =>
  new Map(
    [...config.CHAIN_RPC_URLS].map(([chainId, url]) => [
      chainId,
      createChainClient({
        chainId,
        url,
        timeoutMs: config.CHAIN_RPC_TIMEOUT_MS,
        cacheTtlMs: config.CHAIN_CACHE_TTL_MS,
        ...options,
      }),
    ]),
  );

type BalanceQuery = Extract<HoldingQuery, { kind: 'ERC20_BALANCE' | 'ERC721_BALANCE' }>;
type OwnerQuery = Extract<HoldingQuery, { kind: 'ERC721_OWNER' }>;

/**
 * Reads what holdingQueries asked for, every chain at once. Any chain that cannot be read (or has no RPC
 * configured) fails the whole read with CHAIN_UNAVAILABLE: a partial view could decline or remove a member
 * because of an outage.
 */
export const readTokenHoldings = async (
  clients: ChainClients,
  queries: readonly HoldingQuery[],
): Promise<Result<TokenHoldings>> => {
  const perChain = new Map<string, { balances: BalanceQuery[]; owners: OwnerQuery[]; ens: string[] }>();
  const chainOf = (chainId: string) => {
    let entry = perChain.get(chainId);
    if (!entry) perChain.set(chainId, (entry = { balances: [], owners: [], ens: [] }));
    return entry;
  };
  for (const query of queries) {
    if (query.kind === 'ENS_NAME') chainOf(ENS_CHAIN_ID).ens.push(query.account);
    else if (query.kind === 'ERC721_OWNER') chainOf(query.chainId).owners.push(query);
    else chainOf(query.chainId).balances.push(query);
  }
  for (const chainId of perChain.keys())
    if (!clients.has(chainId))
      return fail(ErrorCode.CHAIN_UNAVAILABLE, `chain ${chainId} has no RPC configured`, {
        chainId,
        reason: 'not configured',
      });
  const holdings = {
    erc20Balances: new Map<string, bigint>(),
    erc721Balances: new Map<string, bigint>(),
    erc721Owners: new Map<string, string>(),
    ensNames: new Map<string, string>(),
  };
  try {
    await Promise.all(
      [...perChain].map(async ([chainId, { balances, owners, ens }]) => {
        const client = clients.get(chainId) as ChainClient;
        const [balanceValues, ownerValues, names] = await Promise.all([
          client.balances(balances),
          client.owners(owners),
          client.ensNames(ens),
        ]);
        balances.forEach((query, index) => {
          const target = query.kind === 'ERC20_BALANCE' ? holdings.erc20Balances : holdings.erc721Balances;
          target.set(holdingKey(query.chainId, query.contract, query.account), balanceValues[index] ?? 0n);
        });
        owners.forEach((query, index) => {
          const owner = ownerValues[index];
          if (owner) holdings.erc721Owners.set(tokenKey(query.chainId, query.contract, query.tokenId), owner);
        });
        ens.forEach((account, index) => {
          const name = names[index];
          if (name) holdings.ensNames.set(account.toLowerCase(), name);
        });
      }),
    );
  } catch (error) {
    if (isStatusError(error) && error.code === ErrorCode.CHAIN_UNAVAILABLE) return { ok: false, error };
    throw error;
  }
  return ok(holdings);
};
