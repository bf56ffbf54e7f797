import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import type {
  CommunityTokenType,
  TokenCriteriaModel,
  TokenPermissionModel,
  TokenPermissionType,
} from './description-model.js';
import { deprecatedAmount, requiredErc721Count } from './token-amounts.js';

/** status-go's limit (requests/create_community_token_permission_request.go). */
export const MAX_TOKEN_CRITERIA = 5;

export interface TokenCriteriaInput {
  readonly type: CommunityTokenType;
  /** Decimal chain ID → contract address. */
  readonly contractAddresses?: Readonly<Record<string, string>>;
  readonly symbol?: string;
  readonly name?: string;
  readonly amountInWei?: string;
  readonly tokenIds?: readonly string[];
  readonly ensPattern?: string;
  readonly decimals?: number;
}

export interface TokenPermissionInput {
  readonly id: string;
  readonly type: TokenPermissionType;
  readonly criteria: readonly TokenCriteriaInput[];
  readonly chatIds?: readonly string[];
  readonly isPrivate?: boolean;
}

export interface TokenPermissionRules {
  /** Chains the platform can read (configured RPC URLs): a criterion on another chain could never be checked. */
  readonly knownChainIds: ReadonlySet<string>;
  /** Full chat ids of the community's channels. */
  readonly channelChatIds: ReadonlySet<string>;
}

const CHANNEL_TYPES: ReadonlySet<TokenPermissionType> = new Set([
  'CAN_VIEW_CHANNEL',
  'CAN_VIEW_AND_POST_CHANNEL',
]);
// Owner permissions are created with the owner token's deployment, never by hand; UNKNOWN means nothing.
const EDITABLE_TYPES: ReadonlySet<TokenPermissionType> = new Set([
  'BECOME_ADMIN',
  'BECOME_MEMBER',
  'CAN_VIEW_CHANNEL',
  'CAN_VIEW_AND_POST_CHANNEL',
  'BECOME_TOKEN_MASTER',
]);
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const UINT64_MAX = 0xffff_ffff_ffff_ffffn;
const DECIMAL_UINT = /^(0|[1-9]\d*)$/;
const ENS_LABEL = '[a-z0-9_-]+';
const ENS_PATTERN = new RegExp(`^(\\*\\.)?${ENS_LABEL}(\\.${ENS_LABEL})*\\.eth$`);
const MAX_DECIMALS = 77; // 10^77 < 2^256 ≤ 10^78: more decimals than any uint256 balance has digits

const invalid = (field: string, message: string): Result<never> =>
  fail(ErrorCode.BAD_USER_INPUT, message, { field });

const isUint64 = (text: string): boolean => DECIMAL_UINT.test(text) && BigInt(text) <= UINT64_MAX;

const validateCriteria = (
  input: TokenCriteriaInput,
  field: string,
  rules: TokenPermissionRules,
): Result<TokenCriteriaModel> => {
  const contracts = Object.entries(input.contractAddresses ?? {});
  const ensPattern = input.ensPattern ?? '';
  const decimals = input.decimals ?? 0;
  const tokenIds = input.tokenIds ?? [];
  if (input.type === 'UNKNOWN') return invalid(`${field}.type`, 'a criterion needs a token type');
  if (input.type === 'ENS') {
    if (!ENS_PATTERN.test(ensPattern))
      return invalid(`${field}.ensPattern`, `"${ensPattern}" is not an ENS name or *.parent.eth pattern`);
    if (contracts.length > 0)
      return invalid(`${field}.contractAddresses`, 'an ENS criterion names no contract');
  } else {
    if (contracts.length === 0)
      return invalid(`${field}.contractAddresses`, 'a token criterion needs a contract');
    if (ensPattern !== '') return invalid(`${field}.ensPattern`, 'only ENS criteria have a pattern');
  }
  for (const [chainId, address] of contracts) {
    if (!isUint64(chainId) || chainId === '0')
      return invalid(`${field}.contractAddresses`, `"${chainId}" is not a chain ID`);
    if (!rules.knownChainIds.has(chainId))
      return invalid(`${field}.contractAddresses`, `chain ${chainId} has no RPC configured`);
    if (!ADDRESS.test(address))
      return invalid(`${field}.contractAddresses`, `"${address}" is not a contract address`);
  }
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > MAX_DECIMALS)
    return invalid(`${field}.decimals`, `decimals must be an integer from 0 to ${MAX_DECIMALS}`);
  if (input.type !== 'ERC20' && decimals !== 0)
    return invalid(`${field}.decimals`, 'only ERC20 has decimals');
  if (input.type !== 'ERC721' && tokenIds.length > 0)
    return invalid(`${field}.tokenIds`, 'only ERC721 criteria name token ids');
  for (const tokenId of tokenIds)
    if (!isUint64(tokenId)) return invalid(`${field}.tokenIds`, `"${tokenId}" is not a uint64 token id`);
  const amountInWei = input.amountInWei ?? '';
  if (input.type !== 'ENS') {
    // status-go refuses a zero amount for contract criteria; negative or fractional text is no amount.
    if (!DECIMAL_UINT.test(amountInWei) || amountInWei === '0')
      return invalid(`${field}.amountInWei`, 'amountInWei must be a positive decimal integer');
    if (
      input.type === 'ERC721' &&
      tokenIds.length === 0 &&
      requiredErc721Count({ type: 'ERC721', amount: '', amountInWei, decimals: 0 }) === undefined
    )
      return invalid(`${field}.amountInWei`, 'an ERC721 count must fit in 32 bits');
  } else if (amountInWei !== '') return invalid(`${field}.amountInWei`, 'an ENS criterion has no amount');
  return ok({
    type: input.type,
    contractAddresses: new Map(
      contracts
        .map(([chainId, address]): [string, string] => [chainId, address.toLowerCase()])
        .sort(([a], [b]) => (BigInt(a) < BigInt(b) ? -1 : 1)),
    ),
    symbol: input.symbol ?? '',
    name: input.name ?? '',
    amount: input.type === 'ENS' ? '' : deprecatedAmount(input.type, amountInWei, decimals),
    amountInWei,
    tokenIds: [...tokenIds],
    ensPattern,
    decimals,
  });
};

/**
 * A permission an owner creates or edits, checked as status-go's CreateCommunityTokenPermission.Validate and
 * stricter (addresses, amounts, chains with an RPC, channels of this community, ENS patterns), normalised
 * (lowercase addresses, the deprecated `amount` filled for old readers). Errors are BAD_USER_INPUT with
 * `details.field`.
 */
export const validateTokenPermission = (
  input: TokenPermissionInput,
  rules: TokenPermissionRules,
): Result<TokenPermissionModel> => {
  if (!EDITABLE_TYPES.has(input.type)) return invalid('type', `a ${input.type} permission cannot be edited`);
  if (input.criteria.length > MAX_TOKEN_CRITERIA)
    return invalid('criteria', `at most ${MAX_TOKEN_CRITERIA} criteria per permission`);
  const chatIds = [...new Set(input.chatIds ?? [])];
  if (CHANNEL_TYPES.has(input.type)) {
    if (chatIds.length === 0) return invalid('chatIds', 'a channel permission names at least one channel');
  } else if (chatIds.length > 0) return invalid('chatIds', 'only channel permissions name channels');
  for (const chatId of chatIds)
    if (!rules.channelChatIds.has(chatId))
      return invalid('chatIds', `${chatId} is not a channel of the community`);
  if (input.criteria.length === 0 && input.type !== 'CAN_VIEW_CHANNEL' && input.type !== 'BECOME_MEMBER')
    return invalid('criteria', `a ${input.type} permission needs at least one criterion`);
  const criteria: TokenCriteriaModel[] = [];
  for (const [index, entry] of input.criteria.entries()) {
    const checked = validateCriteria(entry, `criteria[${index}]`, rules);
    if (!checked.ok) return checked;
    criteria.push(checked.value);
  }
  return ok({ id: input.id, type: input.type, criteria, chatIds, isPrivate: input.isPrivate ?? false });
};
