import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@status-communities/errors';
import { evaluateMemberPermissions, holdingQueries } from '@status-communities/protocol';
import type {
  TokenCriteriaModel,
  TokenPermissionModel,
  TokenPermissionType,
} from '@status-communities/protocol';
import { createChainClients, readTokenHoldings } from './holdings-reader.js';
import { startTokenTestChain } from './testing/index.js';
import type { TokenTestChain } from './testing/index.js';

const E18 = 10n ** 18n;
const WALLET = '0xd6b912e09e797d291e8d0ea3d3d17f8000e01c32';
const SECOND = '0x00000000000000000000000000000000000000aa';
const OUTSIDER = '0x' + '99'.repeat(20);
const CHAT = '0x02aa' + 'bbbbbbbb-0000-4000-8000-000000000000';

const criteria = (overrides: Partial<TokenCriteriaModel>): TokenCriteriaModel => ({
  type: 'ERC20',
  contractAddresses: new Map(),
  symbol: '',
  name: '',
  amount: '',
  amountInWei: '',
  tokenIds: [],
  ensPattern: '',
  decimals: 0,
  ...overrides,
});
const permission = (
  id: string,
  type: TokenPermissionType,
  list: TokenCriteriaModel[],
  chatIds: string[] = [],
) => ({ id, type, criteria: list, chatIds, isPrivate: false }) satisfies TokenPermissionModel;

describe('token holdings read from two anvil chains, evaluated as status-go', () => {
  let mainnet: TokenTestChain;
  let optimism: TokenTestChain;
  let stt: string;
  let collectible: string;
  let masterToken: string;

  beforeAll(async () => {
    [mainnet, optimism] = await Promise.all([
      startTokenTestChain({ chainId: '1' }),
      startTokenTestChain({ chainId: '10' }),
    ]);
    await mainnet.installMulticall3(); // chain 10 keeps plain batched eth_calls
    await mainnet.installEns();
    stt = await mainnet.deployErc20('Status Test Token', 'STT', 18);
    collectible = await optimism.deployErc721('Collectible', 'COL');
    masterToken = await optimism.deployErc721('Token Master', 'TM');
  }, 60_000);

  afterAll(async () => {
    await Promise.all([mainnet?.close(), optimism?.close()]);
  });

  const permissions = () => [
    permission('member', 'BECOME_MEMBER', [
      criteria({
        contractAddresses: new Map([['1', stt]]),
        amountInWei: (2n * E18).toString(),
        decimals: 18,
      }),
    ]),
    permission('member-by-nft', 'BECOME_MEMBER', [
      criteria({ type: 'ERC721', contractAddresses: new Map([['10', collectible]]), amountInWei: '2' }),
    ]),
    permission('master', 'BECOME_TOKEN_MASTER', [
      criteria({
        type: 'ERC721',
        contractAddresses: new Map([['10', masterToken]]),
        tokenIds: ['10'],
        amountInWei: '1',
      }),
    ]),
    permission(
      'ens-viewers',
      'CAN_VIEW_CHANNEL',
      [criteria({ type: 'ENS', ensPattern: '*.status.eth' })],
      [CHAT],
    ),
  ];

  const evaluate = async (accounts: { address: string; chainIds: string[] }[]) => {
    const clients = createChainClients(
      {
        CHAIN_RPC_URLS: new Map([
          ['1', mainnet.url],
          ['10', optimism.url],
        ]),
        CHAIN_RPC_TIMEOUT_MS: 5_000,
        CHAIN_CACHE_TTL_MS: 0,
      },
      { retries: 0 },
    );
    const holdings = await readTokenHoldings(clients, holdingQueries(permissions(), accounts));
    if (!holdings.ok) throw holdings.error;
    return evaluateMemberPermissions({
      permissions: permissions(),
      channelChatIds: [CHAT],
      accounts,
      holdings: holdings.value,
    });
  };

  it('follows mints and transfers: 1e18 → no, 2e18 → member, NFTs on another chain, token id 10 → token master', async () => {
    const accounts = [
      { address: WALLET, chainIds: ['1', '10'] },
      { address: SECOND, chainIds: ['10'] },
    ];
    await mainnet.mintErc20(stt, WALLET, E18);
    expect((await evaluate(accounts)).member).toBe(false);
    await mainnet.mintErc20(stt, WALLET, E18);
    expect(await evaluate(accounts)).toEqual({ member: true, role: undefined, channels: new Map() });
    // The same wallet without chain 1 revealed: its STT is not read.
    expect((await evaluate([{ address: WALLET, chainIds: ['10'] }])).member).toBe(false);

    // Given to the second account: every revealed account is read on every revealed chain (status-go takes
    // the union of chain_ids), so it still counts although that account revealed chain 10 only.
    await mainnet.transferErc20(stt, WALLET, SECOND, 2n * E18);
    expect((await evaluate(accounts)).member).toBe(true);
    await mainnet.transferErc20(stt, SECOND, OUTSIDER, 2n * E18);
    expect((await evaluate(accounts)).member).toBe(false);
    // Two collectibles over two accounts count together.
    await optimism.mintErc721(collectible, WALLET, 1n);
    await optimism.mintErc721(collectible, SECOND, 2n);
    expect((await evaluate(accounts)).member).toBe(true);

    await optimism.mintErc721(masterToken, SECOND, 10n);
    expect((await evaluate(accounts)).role).toBe('TOKEN_MASTER');
    await optimism.transferErc721(masterToken, SECOND, WALLET, 10n);
    expect((await evaluate(accounts)).role).toBe('TOKEN_MASTER');
    await optimism.transferErc721(masterToken, WALLET, OUTSIDER, 10n);
    expect((await evaluate(accounts)).role).toBeUndefined();
  }, 60_000);

  it('reads ENS reverse names on mainnet for channel rights', async () => {
    const accounts = [{ address: WALLET, chainIds: ['1', '10'] }];
    await mainnet.mintErc20(stt, WALLET, 2n * E18);
    expect((await evaluate(accounts)).channels.get(CHAT)).toBeUndefined();
    await mainnet.setEnsName(WALLET, 'wallet.status.eth');
    expect((await evaluate(accounts)).channels.get(CHAT)).toBe('VIEWER');
  }, 60_000);

  it('a chain without an RPC, or one that is down, is CHAIN_UNAVAILABLE and nothing is decided', async () => {
    const onlyMainnet = createChainClients({
      CHAIN_RPC_URLS: new Map([['1', mainnet.url]]),
      CHAIN_RPC_TIMEOUT_MS: 5_000,
      CHAIN_CACHE_TTL_MS: 0,
    });
    const queries = holdingQueries(permissions(), [{ address: WALLET, chainIds: ['1', '10'] }]);
    const missing = await readTokenHoldings(onlyMainnet, queries);
    expect(!missing.ok && missing.error.code).toBe(ErrorCode.CHAIN_UNAVAILABLE);
    expect(!missing.ok && missing.error.details).toMatchObject({ chainId: '10' });

    await optimism.anvil.stop();
    const both = createChainClients(
      {
        CHAIN_RPC_URLS: new Map([
          ['1', mainnet.url],
          ['10', optimism.url],
        ]),
        CHAIN_RPC_TIMEOUT_MS: 5_000,
        CHAIN_CACHE_TTL_MS: 0,
      },
      { retries: 0 },
    );
    const down = await readTokenHoldings(both, queries);
    expect(!down.ok && down.error.code).toBe(ErrorCode.CHAIN_UNAVAILABLE);
    await optimism.anvil.start();
    expect((await readTokenHoldings(both, queries)).ok).toBe(true);
  }, 60_000);
});
