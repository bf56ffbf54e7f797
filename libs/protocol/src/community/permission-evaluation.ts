import type { TokenCriteriaModel, TokenPermissionModel, TokenPermissionType } from './description-model.js';
import { requiredErc20Amount, requiredErc721Count } from './token-amounts.js';

/**
 * Token permissions evaluated as status-go's control node does (SG protocol/communities/permission_checker.go
 * checkPermissions, manager.go accountsSatisfyPermissionsToJoin / reevaluateMembers), over holdings read
 * beforehand: holdingQueries says what to read, the chain client reads it, evaluateMemberPermissions decides.
 */

/** ENS names are reverse-resolved on mainnet only (SG protocol/ens/verifier.go). */
export const ENS_CHAIN_ID = '1';

export interface RevealedAccountChains {
  /** `0x` + 40 lowercase hex digits. */
  readonly address: string;
  /** Decimal chain IDs the member revealed the account for: only these chains are read. */
  readonly chainIds: readonly string[];
}

export type HoldingQuery =
  | {
      readonly kind: 'ERC20_BALANCE' | 'ERC721_BALANCE';
      readonly chainId: string;
      readonly contract: string;
      readonly account: string;
    }
  | {
      readonly kind: 'ERC721_OWNER';
      readonly chainId: string;
      readonly contract: string;
      readonly tokenId: string;
    }
  | { readonly kind: 'ENS_NAME'; readonly account: string };

/** What the chain said, keyed by holdingKey / tokenKey; a missing balance reads as 0, a missing owner as none. */
export interface TokenHoldings {
  readonly erc20Balances: ReadonlyMap<string, bigint>;
  readonly erc721Balances: ReadonlyMap<string, bigint>;
  /** Owner (lowercase address) of each specific token id asked for. */
  readonly erc721Owners: ReadonlyMap<string, string>;
  /** Primary ENS name of each account that has one. */
  readonly ensNames: ReadonlyMap<string, string>;
}

export const holdingKey = (chainId: string, contract: string, account: string): string =>
  `${chainId}:${contract.toLowerCase()}:${account.toLowerCase()}`;
export const tokenKey = (chainId: string, contract: string, tokenId: string): string =>
  `${chainId}:${contract.toLowerCase()}#${tokenId}`;

export const emptyTokenHoldings = (): TokenHoldings => ({
  erc20Balances: new Map(),
  erc721Balances: new Map(),
  erc721Owners: new Map(),
  ensNames: new Map(),
});

/** The union of the revealed chain IDs: status-go reads every revealed account on each of them. */
const revealedChains = (accounts: readonly RevealedAccountChains[]): Set<string> =>
  new Set(accounts.flatMap((account) => account.chainIds));

/**
 * The chain reads needed to evaluate `permissions` for `accounts`: balances on the requirement chains that
 * some account revealed (SG calculateChainIDsSet), owners of the specific ERC721 ids, ENS names of every
 * account. Deduplicated.
 */
export const holdingQueries = (
  permissions: Iterable<TokenPermissionModel>,
  accounts: readonly RevealedAccountChains[],
): HoldingQuery[] => {
  const chains = revealedChains(accounts);
  const queries = new Map<string, HoldingQuery>();
  const add = (key: string, query: HoldingQuery): void => {
    if (!queries.has(key)) queries.set(key, query);
  };
  for (const permission of permissions) {
    for (const criteria of permission.criteria) {
      if (criteria.type === 'ENS') {
        for (const { address } of accounts) add(`ens:${address}`, { kind: 'ENS_NAME', account: address });
        continue;
      }
      for (const [chainId, contract] of criteria.contractAddresses) {
        if (!chains.has(chainId)) continue;
        if (criteria.type === 'ERC721' && criteria.tokenIds.length > 0) {
          for (const tokenId of criteria.tokenIds)
            add(`owner:${tokenKey(chainId, contract, tokenId)}`, {
              kind: 'ERC721_OWNER',
              chainId,
              contract: contract.toLowerCase(),
              tokenId,
            });
          continue;
        }
        if (criteria.type !== 'ERC20' && criteria.type !== 'ERC721') continue;
        const kind = criteria.type === 'ERC20' ? 'ERC20_BALANCE' : 'ERC721_BALANCE';
        for (const { address } of accounts)
          add(`${kind}:${holdingKey(chainId, contract, address)}`, {
            kind,
            chainId,
            contract: contract.toLowerCase(),
            account: address.toLowerCase(),
          });
      }
    }
  }
  return [...queries.values()];
};

const criterionChains = (criteria: TokenCriteriaModel, chains: ReadonlySet<string>): [string, string][] =>
  [...criteria.contractAddresses].filter(([chainId]) => chains.has(chainId));

/** ENS pattern: `*.X` matches any name ending in X (no dot boundary, as strings.HasSuffix), else exact. */
export const ensNameMatches = (pattern: string, name: string): boolean =>
  pattern.startsWith('*.') ? name.endsWith(pattern.slice(2)) : name === pattern;

/** SG permission_checker.go checkTokenRequirement. */
const criterionSatisfied = (
  criteria: TokenCriteriaModel,
  accounts: readonly RevealedAccountChains[],
  chains: ReadonlySet<string>,
  holdings: TokenHoldings,
): boolean => {
  switch (criteria.type) {
    case 'ERC20': {
      const required = requiredErc20Amount(criteria);
      if (required === undefined) return false;
      let sum = 0n;
      for (const [chainId, contract] of criterionChains(criteria, chains))
        for (const { address } of accounts)
          sum += holdings.erc20Balances.get(holdingKey(chainId, contract, address)) ?? 0n;
      return sum >= required;
    }
    case 'ERC721': {
      const owners = new Set(accounts.map((account) => account.address.toLowerCase()));
      if (criteria.tokenIds.length > 0)
        // Specific ids: holding any one of them is enough, the amount is ignored.
        return criterionChains(criteria, chains).some(([chainId, contract]) =>
          criteria.tokenIds.some((tokenId) => {
            const owner = holdings.erc721Owners.get(tokenKey(chainId, contract, tokenId));
            return owner !== undefined && owners.has(owner);
          }),
        );
      const required = requiredErc721Count(criteria);
      if (required === undefined) return false;
      let count = 0n;
      for (const [chainId, contract] of criterionChains(criteria, chains))
        for (const { address } of accounts)
          count += holdings.erc721Balances.get(holdingKey(chainId, contract, address)) ?? 0n;
      return count >= required;
    }
    case 'ENS':
      return accounts.some((account) => {
        const name = holdings.ensNames.get(account.address.toLowerCase());
        return name !== undefined && name !== '' && ensNameMatches(criteria.ensPattern, name);
      });
    default:
      return false;
  }
};

export interface PermissionSetOutcome {
  /** True when there are no permissions, or one of them has every criterion met (OR of ANDs). */
  readonly satisfied: boolean;
  /** Permission id → whether each of its criteria is met, in order. */
  readonly criteria: ReadonlyMap<string, readonly boolean[]>;
}

/**
 * One status-go checkPermissions call over a set of permissions. When the set has ERC20 criteria but no
 * revealed chain is one of their chains, nothing is satisfied (SG NetworksNotSupported).
 */
export const evaluatePermissionSet = (
  permissions: readonly TokenPermissionModel[],
  accounts: readonly RevealedAccountChains[],
  holdings: TokenHoldings,
): PermissionSetOutcome => {
  const chains = revealedChains(accounts);
  const erc20Chains = new Set(
    permissions.flatMap((permission) =>
      permission.criteria.filter((c) => c.type === 'ERC20').flatMap((c) => [...c.contractAddresses.keys()]),
    ),
  );
  const networksNotSupported = erc20Chains.size > 0 && ![...erc20Chains].some((chain) => chains.has(chain));
  const criteria = new Map<string, readonly boolean[]>();
  for (const permission of permissions)
    criteria.set(
      permission.id,
      permission.criteria.map(
        (c) => !networksNotSupported && criterionSatisfied(c, accounts, chains, holdings),
      ),
    );
  const satisfied =
    permissions.length === 0 ||
    (!networksNotSupported && [...criteria.values()].some((results) => results.every(Boolean)));
  return { satisfied, criteria };
};

export type ChannelRight = 'POSTER' | 'VIEWER';
export type PermissionRole = 'TOKEN_MASTER' | 'ADMIN';

export interface MemberPermissionOutcome {
  /** May be (or stay) a member: privileged, or no BECOME_MEMBER permission, or one of them satisfied. */
  readonly member: boolean;
  /** The one role granted by tokens, TOKEN_MASTER before ADMIN; undefined for a plain member. */
  readonly role: PermissionRole | undefined;
  /** Chat id → right for each channel the member is in; channels left out are not granted. */
  readonly channels: ReadonlyMap<string, ChannelRight>;
}

export interface MemberPermissionInput {
  readonly permissions: Iterable<TokenPermissionModel>;
  /** Full chat ids (`communityId + uuid`) of the community's channels. */
  readonly channelChatIds: readonly string[];
  readonly accounts: readonly RevealedAccountChains[];
  readonly holdings: TokenHoldings;
}

const ofType = (permissions: readonly TokenPermissionModel[], type: TokenPermissionType) =>
  permissions.filter((permission) => permission.type === type);

const NOT_A_MEMBER: MemberPermissionOutcome = { member: false, role: undefined, channels: new Map() };

/**
 * Membership, role and channel rights for one member (SG accountsSatisfyPermissionsToJoin,
 * accountsSatisfyPermissionsToJoinChannels, reevaluateMembers): TOKEN_MASTER, else ADMIN, else BECOME_MEMBER
 * must hold if the community has one. Privileged members post in every channel; otherwise a channel no
 * permission names is POSTER, a satisfied view-and-post permission POSTER, a satisfied view permission VIEWER,
 * and the rest are not granted. A member with no revealed account keeps nothing.
 */
export const evaluateMemberPermissions = ({
  permissions: all,
  channelChatIds,
  accounts,
  holdings,
}: MemberPermissionInput): MemberPermissionOutcome => {
  if (accounts.length === 0) return NOT_A_MEMBER;
  const permissions = [...all];
  const anySatisfied = (type: TokenPermissionType): boolean => {
    const ofThisType = ofType(permissions, type);
    return ofThisType.length > 0 && evaluatePermissionSet(ofThisType, accounts, holdings).satisfied;
  };
  const role: PermissionRole | undefined = anySatisfied('BECOME_TOKEN_MASTER')
    ? 'TOKEN_MASTER'
    : anySatisfied('BECOME_ADMIN')
      ? 'ADMIN'
      : undefined;
  if (!role && !evaluatePermissionSet(ofType(permissions, 'BECOME_MEMBER'), accounts, holdings).satisfied)
    return NOT_A_MEMBER;
  const channels = new Map<string, ChannelRight>();
  for (const chatId of channelChatIds) {
    const naming = permissions.filter((permission) => permission.chatIds.includes(chatId));
    // Each channel permission is its own check (SG PreParsePermissionsData per channel permission).
    const satisfiedOf = (type: TokenPermissionType): boolean =>
      ofType(naming, type).some(
        (permission) => evaluatePermissionSet([permission], accounts, holdings).satisfied,
      );
    if (role || naming.length === 0 || satisfiedOf('CAN_VIEW_AND_POST_CHANNEL'))
      channels.set(chatId, 'POSTER');
    else if (satisfiedOf('CAN_VIEW_CHANNEL')) channels.set(chatId, 'VIEWER');
  }
  return { member: true, role, channels };
};
