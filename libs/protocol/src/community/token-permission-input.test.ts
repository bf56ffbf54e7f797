import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@status-communities/errors';
import type { TokenCriteriaInput, TokenPermissionInput } from './token-permission-input.js';
import { validateTokenPermission } from './token-permission-input.js';

const CONTRACT = '0x3D6AFAA395C31FCD391FE3D562E75FE9E8EC7E6A';
const CHAT = '0x02aa' + 'bbbbbbbb-0000-4000-8000-000000000000';
const rules = { knownChainIds: new Set(['1', '10']), channelChatIds: new Set([CHAT]) };

const erc20: TokenCriteriaInput = {
  type: 'ERC20',
  contractAddresses: { '1': CONTRACT },
  symbol: 'STT',
  amountInWei: '1500000000000000000',
  decimals: 18,
};
const input = (overrides: Partial<TokenPermissionInput> = {}): TokenPermissionInput => ({
  id: 'p1',
  type: 'BECOME_MEMBER',
  criteria: [erc20],
  ...overrides,
});

const rejection = (candidate: TokenPermissionInput) => {
  const result = validateTokenPermission(candidate, rules);
  if (result.ok) throw new Error('accepted');
  expect(result.error.code).toBe(ErrorCode.BAD_USER_INPUT);
  return result.error.details['field'];
};

describe('validateTokenPermission', () => {
  it('normalises a valid permission: lowercase addresses and the deprecated amount', () => {
    const result = validateTokenPermission(input(), rules);
    expect(result.ok && result.value).toEqual({
      id: 'p1',
      type: 'BECOME_MEMBER',
      chatIds: [],
      isPrivate: false,
      criteria: [
        {
          type: 'ERC20',
          contractAddresses: new Map([['1', CONTRACT.toLowerCase()]]),
          symbol: 'STT',
          name: '',
          amount: '1.5',
          amountInWei: '1500000000000000000',
          tokenIds: [],
          ensPattern: '',
          decimals: 18,
        },
      ],
    });
  });

  it('refuses bad addresses, negative or zero amounts, unknown chains', () => {
    expect(rejection(input({ criteria: [{ ...erc20, contractAddresses: { '1': '0x1234' } }] }))).toBe(
      'criteria[0].contractAddresses',
    );
    expect(rejection(input({ criteria: [{ ...erc20, amountInWei: '-1' }] }))).toBe('criteria[0].amountInWei');
    expect(rejection(input({ criteria: [{ ...erc20, amountInWei: '0' }] }))).toBe('criteria[0].amountInWei');
    expect(rejection(input({ criteria: [{ ...erc20, amountInWei: '1.5' }] }))).toBe(
      'criteria[0].amountInWei',
    );
    expect(rejection(input({ criteria: [{ ...erc20, contractAddresses: { '5': CONTRACT } }] }))).toBe(
      'criteria[0].contractAddresses',
    );
    expect(rejection(input({ criteria: [{ ...erc20, contractAddresses: { abc: CONTRACT } }] }))).toBe(
      'criteria[0].contractAddresses',
    );
    expect(rejection(input({ criteria: [{ ...erc20, contractAddresses: {} }] }))).toBe(
      'criteria[0].contractAddresses',
    );
  });

  it('checks ENS patterns and ERC721 ids and counts', () => {
    const ens = (ensPattern: string): TokenPermissionInput =>
      input({ criteria: [{ type: 'ENS', ensPattern }] });
    expect(validateTokenPermission(ens('*.status.eth'), rules).ok).toBe(true);
    expect(validateTokenPermission(ens('alice.eth'), rules).ok).toBe(true);
    expect(rejection(ens('alice'))).toBe('criteria[0].ensPattern');
    expect(rejection(ens('*.'))).toBe('criteria[0].ensPattern');
    const erc721 = (extra: Partial<TokenCriteriaInput>): TokenPermissionInput =>
      input({
        criteria: [{ type: 'ERC721', contractAddresses: { '10': CONTRACT }, amountInWei: '1', ...extra }],
      });
    expect(validateTokenPermission(erc721({ tokenIds: ['10'] }), rules).ok).toBe(true);
    expect(rejection(erc721({ tokenIds: ['-1'] }))).toBe('criteria[0].tokenIds');
    expect(rejection(erc721({ amountInWei: '4294967296' }))).toBe('criteria[0].amountInWei');
    expect(rejection(erc721({ decimals: 18 }))).toBe('criteria[0].decimals');
  });

  it('checks types, counts and channels', () => {
    expect(rejection(input({ type: 'BECOME_TOKEN_OWNER' }))).toBe('type');
    expect(rejection(input({ type: 'UNKNOWN' }))).toBe('type');
    expect(rejection(input({ criteria: Array(6).fill(erc20) }))).toBe('criteria');
    expect(rejection(input({ type: 'CAN_VIEW_CHANNEL' }))).toBe('chatIds');
    expect(rejection(input({ type: 'CAN_VIEW_CHANNEL', chatIds: ['0x02aanot-a-channel'] }))).toBe('chatIds');
    expect(rejection(input({ chatIds: [CHAT] }))).toBe('chatIds');
    expect(rejection(input({ type: 'BECOME_ADMIN', criteria: [] }))).toBe('criteria');
    expect(
      validateTokenPermission(input({ type: 'CAN_VIEW_CHANNEL', chatIds: [CHAT], criteria: [] }), rules).ok,
    ).toBe(true);
  });
});
