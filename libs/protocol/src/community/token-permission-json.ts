import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import type {
  CommunityTokenType,
  TokenCriteriaModel,
  TokenPermissionModel,
  TokenPermissionType,
} from './description-model.js';

/** A criterion as stored (JSON): the model with its chain → address map as an object. */
export interface TokenCriteriaJson {
  readonly type: CommunityTokenType;
  readonly contractAddresses: Readonly<Record<string, string>>;
  readonly symbol: string;
  readonly name: string;
  readonly amount: string;
  readonly amountInWei: string;
  readonly tokenIds: readonly string[];
  readonly ensPattern: string;
  readonly decimals: number;
}

export const tokenCriteriaToJson = (criteria: TokenCriteriaModel): TokenCriteriaJson => ({
  type: criteria.type,
  contractAddresses: Object.fromEntries(criteria.contractAddresses),
  symbol: criteria.symbol,
  name: criteria.name,
  amount: criteria.amount,
  amountInWei: criteria.amountInWei,
  tokenIds: [...criteria.tokenIds],
  ensPattern: criteria.ensPattern,
  decimals: criteria.decimals,
});

const TOKEN_TYPES: ReadonlySet<string> = new Set(['UNKNOWN', 'ERC20', 'ERC721', 'ENS']);
const PERMISSION_TYPES: ReadonlySet<string> = new Set([
  'UNKNOWN',
  'BECOME_ADMIN',
  'BECOME_MEMBER',
  'CAN_VIEW_CHANNEL',
  'CAN_VIEW_AND_POST_CHANNEL',
  'BECOME_TOKEN_MASTER',
  'BECOME_TOKEN_OWNER',
]);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A stored permission back as the model; a row that is not one is INVALID_DESCRIPTION (a bug or a bad edit). */
export const tokenPermissionFromJson = (row: {
  readonly id: string;
  readonly type: string;
  readonly criteria: unknown;
  readonly chatIds: readonly string[];
  readonly isPrivate: boolean;
}): Result<TokenPermissionModel> => {
  const invalid = (why: string) =>
    fail(ErrorCode.INVALID_DESCRIPTION, `stored token permission ${row.id}: ${why}`, {
      permissionId: row.id,
    });
  if (!PERMISSION_TYPES.has(row.type)) return invalid(`unknown type ${row.type}`);
  if (!Array.isArray(row.criteria)) return invalid('criteria is not a list');
  const criteria: TokenCriteriaModel[] = [];
  for (const entry of row.criteria as unknown[]) {
    if (!isRecord(entry) || !TOKEN_TYPES.has(text(entry['type']))) return invalid('a criterion has no type');
    const addresses = isRecord(entry['contractAddresses']) ? entry['contractAddresses'] : {};
    criteria.push({
      type: text(entry['type']) as CommunityTokenType,
      contractAddresses: new Map(
        Object.entries(addresses).map(([chainId, address]) => [chainId, text(address)]),
      ),
      symbol: text(entry['symbol']),
      name: text(entry['name']),
      amount: text(entry['amount']),
      amountInWei: text(entry['amountInWei']),
      tokenIds: Array.isArray(entry['tokenIds']) ? (entry['tokenIds'] as unknown[]).map(text) : [],
      ensPattern: text(entry['ensPattern']),
      decimals: typeof entry['decimals'] === 'number' ? entry['decimals'] : 0,
    });
  }
  return ok({
    id: row.id,
    type: row.type as TokenPermissionType,
    criteria,
    chatIds: [...row.chatIds],
    isPrivate: row.isPrivate,
  });
};
