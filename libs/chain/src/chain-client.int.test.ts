import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@status-communities/errors';
import { createChainClient } from './chain-client.js';
import { ChainUnavailableError } from './json-rpc.js';
import { startTokenTestChain } from './testing/index.js';
import type { TokenTestChain } from './testing/index.js';

const ALICE = '0x00000000000000000000000000000000000a11ce';
const BOB = '0x0000000000000000000000000000000000000b0b';
const E18 = 10n ** 18n;

describe('chain client on anvil', () => {
  let chain: TokenTestChain;
  let erc20: string;
  let erc721: string;

  beforeAll(async () => {
    chain = await startTokenTestChain({ chainId: '1' });
    erc20 = await chain.deployErc20('Status Test Token', 'STT', 18);
    erc721 = await chain.deployErc721('Test Collectible', 'TC');
    await chain.mintErc20(erc20, ALICE, 2n * E18);
    await chain.mintErc721(erc721, ALICE, 10n);
    await chain.mintErc721(erc721, ALICE, 11n);
    await chain.mintErc721(erc721, BOB, 12n);
    await chain.installEns();
    await chain.setEnsName(ALICE, 'alice.status.eth');
  }, 60_000);

  afterAll(() => chain?.close());

  const client = (multicall: boolean) =>
    createChainClient({
      chainId: '1',
      url: chain.url,
      multicallAddress: multicall ? undefined : null,
      cacheTtlMs: 0,
    });

  it('reads ERC20 and ERC721 balances, owners and ENS names, without Multicall3 deployed', async () => {
    const reader = client(true);
    expect(await reader.usesMulticall()).toBe(false);
    expect(
      await reader.balances([
        { contract: erc20, account: ALICE },
        { contract: erc20, account: BOB },
        { contract: erc721, account: ALICE },
        // No contract at the address: 0, as status-go's ErrNoCode.
        { contract: '0x' + '77'.repeat(20), account: ALICE },
      ]),
    ).toEqual([2n * E18, 0n, 2n, 0n]);
    expect(
      await reader.owners([
        { contract: erc721, tokenId: '10' },
        { contract: erc721, tokenId: '12' },
        // ownerOf reverts for a token that does not exist.
        { contract: erc721, tokenId: '99' },
      ]),
    ).toEqual([ALICE, BOB, undefined]);
    expect(await reader.ensNames([ALICE, BOB])).toEqual(['alice.status.eth', undefined]);
  });

  it('through Multicall3 once deployed: the same answers in fewer JSON-RPC requests', async () => {
    await chain.installMulticall3();
    const pairs = Array.from({ length: 300 }, (_, index) => ({
      contract: index % 2 === 0 ? erc20 : erc721,
      account: '0x' + index.toString(16).padStart(40, '0'),
    }));
    pairs.push({ contract: erc20, account: ALICE });
    const batched = client(true);
    const direct = client(false);
    const viaMulticall = await batched.balances(pairs);
    const oneByOne = await direct.balances(pairs);
    expect(viaMulticall).toEqual(oneByOne);
    expect(viaMulticall.at(-1)).toBe(2n * E18);
    expect(await batched.usesMulticall()).toBe(true);
    // One aggregate3 eth_call, plus the getCode that found Multicall3.
    expect(batched.stats.rpcRequests).toBe(2);
    expect(direct.stats.rpcRequests).toBe(301);
    expect(direct.stats.httpRequests).toBe(4); // batches of 100
    expect(await batched.owners([{ contract: erc721, tokenId: '99' }])).toEqual([undefined]);
    expect(await batched.ensNames([ALICE])).toEqual(['alice.status.eth']);
  });

  it('reuses answers for the cache TTL', async () => {
    let now = 1_000;
    const cached = createChainClient({ chainId: '1', url: chain.url, cacheTtlMs: 30_000, now: () => now });
    await cached.balances([{ contract: erc20, account: ALICE }]);
    await cached.balances([{ contract: erc20, account: ALICE }]);
    expect(cached.stats).toMatchObject({ calls: 1, cacheHits: 1 });
    now += 30_001;
    await cached.balances([{ contract: erc20, account: ALICE }]);
    expect(cached.stats.calls).toBe(2);
  });

  it('an unreachable chain is CHAIN_UNAVAILABLE after the retries, and readable again once back', async () => {
    const reader = createChainClient({
      chainId: '1',
      url: chain.url,
      cacheTtlMs: 0,
      retries: 1,
      retryDelayMs: 10,
      timeoutMs: 2_000,
    });
    await chain.anvil.stop();
    const failure = await reader
      .balances([{ contract: erc20, account: ALICE }])
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ChainUnavailableError);
    expect((failure as ChainUnavailableError).code).toBe(ErrorCode.CHAIN_UNAVAILABLE);
    expect(reader.stats.httpRequests).toBe(2);
    await chain.anvil.start();
    // The state survived the outage.
    expect(await reader.balances([{ contract: erc20, account: ALICE }])).toEqual([2n * E18]);
  }, 60_000);
});
