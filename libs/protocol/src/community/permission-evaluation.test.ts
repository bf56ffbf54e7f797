import { describe, expect, it } from '@jest/globals';
import type { TokenCriteriaModel, TokenPermissionModel, TokenPermissionType } from './description-model.js';
import type { RevealedAccountChains, TokenHoldings } from './permission-evaluation.js';
import {
  emptyTokenHoldings,
  evaluateMemberPermissions,
  evaluatePermissionSet,
  holdingKey,
  holdingQueries,
  tokenKey,
} from './permission-evaluation.js';

// status-go permission_checker_test.go TestCheckPermissions / manager_test.go TestRetrieveTokens.
const CONTRACT = '0x3d6afaa395c31fcd391fe3d562e75fe9e8ec7e6a';
const WALLET = '0xd6b912e09e797d291e8d0ea3d3d17f8000e01c32';
const OTHER_WALLET = '0x00000000000000000000000000000000000000aa';
const SECOND_CONTRACT = '0x00000000000000000000000000000000000000cc';
const E18 = 10n ** 18n;
const CHAT = '0x02aa' + 'bbbbbbbb-0000-4000-8000-000000000000';
const OPEN_CHAT = '0x02aa' + 'cccccccc-0000-4000-8000-000000000000';

const criteria = (overrides: Partial<TokenCriteriaModel>): TokenCriteriaModel => ({
  type: 'ERC20',
  contractAddresses: new Map([['1', CONTRACT]]),
  symbol: 'STT',
  name: 'Status Test Token',
  amount: '',
  amountInWei: '',
  tokenIds: [],
  ensPattern: '',
  decimals: 18,
  ...overrides,
});

const permission = (
  id: string,
  type: TokenPermissionType,
  list: TokenCriteriaModel[],
  chatIds: string[] = [],
): TokenPermissionModel => ({ id, type, criteria: list, chatIds, isPrivate: false });

const erc20 = (amountInWei: string, contract = CONTRACT, chainId = '1') =>
  criteria({ amountInWei, contractAddresses: new Map([[chainId, contract]]) });
const erc721 = (amountInWei: string, tokenIds: string[] = [], contract = CONTRACT) =>
  criteria({
    type: 'ERC721',
    amountInWei,
    tokenIds,
    decimals: 0,
    contractAddresses: new Map([['1', contract]]),
  });
const ens = (ensPattern: string) =>
  criteria({ type: 'ENS', contractAddresses: new Map(), ensPattern, decimals: 0, amountInWei: '' });

const wallet = (chainIds: string[] = ['1'], address = WALLET): RevealedAccountChains => ({
  address,
  chainIds,
});

const holdings = (
  parts: Partial<Record<keyof TokenHoldings, [string, bigint | string][]>>,
): TokenHoldings => ({
  erc20Balances: new Map((parts.erc20Balances ?? []) as [string, bigint][]),
  erc721Balances: new Map((parts.erc721Balances ?? []) as [string, bigint][]),
  erc721Owners: new Map((parts.erc721Owners ?? []) as [string, string][]),
  ensNames: new Map((parts.ensNames ?? []) as [string, string][]),
});

const satisfied = (permissions: TokenPermissionModel[], held: TokenHoldings, accounts = [wallet()]) =>
  evaluatePermissionSet(permissions, accounts, held).satisfied;

describe('status-go TestCheckPermissions: ERC20 and ERC721 against "2" (decimals 18)', () => {
  const cases: [string, bigint, bigint, boolean][] = [
    ['does not meet', 1n, 1n, false],
    ['exactly meets', 2n, 2n, true],
    ['meets', 3n, 3n, true],
  ];
  it.each(cases)('%s', (_name, tokens, nfts, expected) => {
    const held = holdings({
      erc20Balances: [[holdingKey('1', CONTRACT, WALLET), tokens * E18]],
      erc721Balances: [[holdingKey('1', CONTRACT, WALLET), nfts]],
    });
    expect(satisfied([permission('p', 'BECOME_MEMBER', [erc20((2n * E18).toString())])], held)).toBe(
      expected,
    );
    expect(satisfied([permission('p', 'BECOME_MEMBER', [erc721('2')])], held)).toBe(expected);
  });
});

describe('status-go TestRetrieveTokens / TestRetrieveCollectibles', () => {
  it('ERC20 1e18: a balance of 1e18 meets it, 0 does not', () => {
    const gate = [permission('p', 'BECOME_MEMBER', [erc20(E18.toString())])];
    expect(satisfied(gate, holdings({ erc20Balances: [[holdingKey('1', CONTRACT, WALLET), E18]] }))).toBe(
      true,
    );
    expect(satisfied(gate, holdings({ erc20Balances: [[holdingKey('1', CONTRACT, WALLET), 0n]] }))).toBe(
      false,
    );
  });

  it('ERC721 token id 10: held → met, whatever the amount; not held → not met', () => {
    const gate = [permission('p', 'BECOME_MEMBER', [erc721('1', ['10'])])];
    expect(satisfied(gate, holdings({ erc721Owners: [[tokenKey('1', CONTRACT, '10'), WALLET]] }))).toBe(true);
    expect(satisfied(gate, holdings({ erc721Owners: [[tokenKey('1', CONTRACT, '10'), OTHER_WALLET]] }))).toBe(
      false,
    );
    // The ERC721 count of the wallet does not matter once ids are listed.
    expect(satisfied(gate, holdings({ erc721Balances: [[holdingKey('1', CONTRACT, WALLET), 5n]] }))).toBe(
      false,
    );
  });
});

describe('amounts and decimals', () => {
  it('0 decimals: raw units', () => {
    const gate = [permission('p', 'BECOME_MEMBER', [criteria({ decimals: 0, amountInWei: '3' })])];
    expect(satisfied(gate, holdings({ erc20Balances: [[holdingKey('1', CONTRACT, WALLET), 3n]] }))).toBe(
      true,
    );
    expect(satisfied(gate, holdings({ erc20Balances: [[holdingKey('1', CONTRACT, WALLET), 2n]] }))).toBe(
      false,
    );
  });

  it('deprecated amount only: "1.5" with 18 decimals is 1.5e18', () => {
    const gate = [permission('p', 'BECOME_MEMBER', [criteria({ amount: '1.5', amountInWei: '' })])];
    const at = (balance: bigint) =>
      holdings({ erc20Balances: [[holdingKey('1', CONTRACT, WALLET), balance]] });
    expect(satisfied(gate, at(1_500_000_000_000_000_000n))).toBe(true);
    expect(satisfied(gate, at(1_499_999_999_999_999_999n))).toBe(false);
  });

  it('huge amounts compare as big integers (beyond 2^256)', () => {
    const huge = 2n ** 300n;
    const gate = [permission('p', 'BECOME_MEMBER', [erc20(huge.toString())])];
    const at = (balance: bigint) =>
      holdings({ erc20Balances: [[holdingKey('1', CONTRACT, WALLET), balance]] });
    expect(satisfied(gate, at(huge))).toBe(true);
    expect(satisfied(gate, at(huge - 1n))).toBe(false);
  });

  it('an amount that is no integer never matches', () => {
    const gate = [permission('p', 'BECOME_MEMBER', [erc20('1e18')])];
    expect(
      satisfied(gate, holdings({ erc20Balances: [[holdingKey('1', CONTRACT, WALLET), 10n * E18]] })),
    ).toBe(false);
  });

  it('sums balances over accounts and over chains of one criterion', () => {
    const twoChains = criteria({
      amountInWei: (2n * E18).toString(),
      contractAddresses: new Map([
        ['1', CONTRACT],
        ['10', SECOND_CONTRACT],
      ]),
    });
    const gate = [permission('p', 'BECOME_MEMBER', [twoChains])];
    const held = holdings({
      erc20Balances: [
        [holdingKey('1', CONTRACT, WALLET), E18],
        [holdingKey('10', SECOND_CONTRACT, OTHER_WALLET), E18],
      ],
    });
    expect(satisfied(gate, held, [wallet(['1', '10']), wallet([], OTHER_WALLET)])).toBe(true);
    // Chain 10 not revealed by anyone: its balance is not read.
    expect(satisfied(gate, held, [wallet(['1']), wallet(['1'], OTHER_WALLET)])).toBe(false);
  });
});

describe('OR across permissions, AND inside one', () => {
  const held = holdings({ erc20Balances: [[holdingKey('1', CONTRACT, WALLET), 2n * E18]] });

  it('all criteria of one permission must hold', () => {
    const both = permission('both', 'BECOME_MEMBER', [erc20(E18.toString()), erc721('1')]);
    const outcome = evaluatePermissionSet([both], [wallet()], held);
    expect(outcome.satisfied).toBe(false);
    expect(outcome.criteria.get('both')).toEqual([true, false]);
  });

  it('one satisfied permission of the set is enough', () => {
    const nft = permission('nft', 'BECOME_MEMBER', [erc721('1')]);
    const token = permission('token', 'BECOME_MEMBER', [erc20(E18.toString())]);
    expect(satisfied([nft, token], held)).toBe(true);
    expect(satisfied([nft], held)).toBe(false);
  });

  it('no permission is satisfied', () => {
    expect(satisfied([], holdings({}))).toBe(true);
  });

  it('ERC20 criteria on chains nobody revealed: the whole set fails (NetworksNotSupported)', () => {
    const gate = [
      permission('token', 'BECOME_MEMBER', [erc20('1')]),
      permission('name', 'BECOME_MEMBER', [ens('a.eth')]),
    ];
    const named = holdings({ ensNames: [[WALLET, 'a.eth']] });
    expect(satisfied(gate, named, [wallet(['10'])])).toBe(false);
    expect(satisfied(gate, named, [wallet(['1'])])).toBe(true);
  });
});

describe('ENS', () => {
  const named = (name: string) => holdings({ ensNames: [[WALLET, name]] });
  it('matches exact names and *.parent patterns as a plain suffix', () => {
    const exact = [permission('p', 'BECOME_MEMBER', [ens('alice.eth')])];
    const parent = [permission('p', 'BECOME_MEMBER', [ens('*.status.eth')])];
    expect(satisfied(exact, named('alice.eth'))).toBe(true);
    expect(satisfied(exact, named('bob.eth'))).toBe(false);
    expect(satisfied(parent, named('alice.status.eth'))).toBe(true);
    // strings.HasSuffix without a dot boundary, as status-go.
    expect(satisfied(parent, named('alicestatus.eth'))).toBe(true);
    expect(satisfied(parent, named('alice.eth'))).toBe(false);
    expect(satisfied(parent, holdings({}))).toBe(false);
  });
  it('ignores revealed chains', () => {
    expect(satisfied([permission('p', 'BECOME_MEMBER', [ens('a.eth')])], named('a.eth'), [wallet([])])).toBe(
      true,
    );
  });
});

describe('holdingQueries', () => {
  it('reads each revealed account on revealed requirement chains, ids by owner, ENS for all accounts', () => {
    const gate = [
      permission('a', 'BECOME_MEMBER', [erc20('1'), erc721('1', ['10', '11'], SECOND_CONTRACT)]),
      permission('b', 'BECOME_ADMIN', [erc20('5'), erc20('1', SECOND_CONTRACT, '10'), ens('*.eth')]),
    ];
    const queries = holdingQueries(gate, [wallet(['1']), wallet(['1', '5'], OTHER_WALLET)]);
    expect(queries).toEqual([
      { kind: 'ERC20_BALANCE', chainId: '1', contract: CONTRACT, account: WALLET },
      { kind: 'ERC20_BALANCE', chainId: '1', contract: CONTRACT, account: OTHER_WALLET },
      { kind: 'ERC721_OWNER', chainId: '1', contract: SECOND_CONTRACT, tokenId: '10' },
      { kind: 'ERC721_OWNER', chainId: '1', contract: SECOND_CONTRACT, tokenId: '11' },
      { kind: 'ENS_NAME', account: WALLET },
      { kind: 'ENS_NAME', account: OTHER_WALLET },
    ]);
  });
});

describe('evaluateMemberPermissions: roles precedence and channels', () => {
  const tokenMasterPermission = permission('master', 'BECOME_TOKEN_MASTER', [
    erc721('1', [], SECOND_CONTRACT),
  ]);
  const adminPermission = permission('admin', 'BECOME_ADMIN', [erc20((5n * E18).toString())]);
  const memberPermission = permission('member', 'BECOME_MEMBER', [erc20(E18.toString())]);
  const viewPermission = permission('view', 'CAN_VIEW_CHANNEL', [erc20(E18.toString())], [CHAT]);
  const postPermission = permission(
    'post',
    'CAN_VIEW_AND_POST_CHANNEL',
    [erc20((3n * E18).toString())],
    [CHAT],
  );
  const all = [tokenMasterPermission, adminPermission, memberPermission, viewPermission, postPermission];
  const evaluate = (tokens: bigint, nfts = 0n, accounts = [wallet()]) =>
    evaluateMemberPermissions({
      permissions: all,
      channelChatIds: [CHAT, OPEN_CHAT],
      accounts,
      holdings: holdings({
        erc20Balances: [[holdingKey('1', CONTRACT, WALLET), tokens * E18]],
        erc721Balances: [[holdingKey('1', SECOND_CONTRACT, WALLET), nfts]],
      }),
    });

  it('too few tokens: not a member', () => {
    expect(evaluate(0n)).toEqual({ member: false, role: undefined, channels: new Map() });
  });
  it('member who may view the gated channel', () => {
    expect(evaluate(1n)).toEqual({
      member: true,
      role: undefined,
      channels: new Map([
        [CHAT, 'VIEWER'],
        [OPEN_CHAT, 'POSTER'],
      ]),
    });
  });
  it('member who may post', () => {
    expect(evaluate(3n).channels.get(CHAT)).toBe('POSTER');
  });
  it('admin, even without the member permission, posts everywhere', () => {
    const outcome = evaluate(5n);
    expect(outcome.role).toBe('ADMIN');
    expect(outcome.channels.get(CHAT)).toBe('POSTER');
  });
  it('token master before admin; holding the master token alone is enough to join', () => {
    expect(evaluate(5n, 1n).role).toBe('TOKEN_MASTER');
    expect(evaluate(0n, 1n)).toMatchObject({ member: true, role: 'TOKEN_MASTER' });
  });
  it('no revealed account: nothing', () => {
    expect(evaluate(5n, 1n, [])).toEqual({ member: false, role: undefined, channels: new Map() });
  });
  it('a community without BECOME_MEMBER lets everyone in; a view permission without criteria lets all view', () => {
    const outcome = evaluateMemberPermissions({
      permissions: [permission('everyone', 'CAN_VIEW_CHANNEL', [], [CHAT])],
      channelChatIds: [CHAT],
      accounts: [wallet()],
      holdings: emptyTokenHoldings(),
    });
    expect(outcome).toEqual({ member: true, role: undefined, channels: new Map([[CHAT, 'VIEWER']]) });
  });
});
