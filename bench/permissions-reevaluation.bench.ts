// Re-evaluating a community's members against its token permissions on a real EVM node (anvil from npm):
// 5,000 members × 2 revealed accounts against 3 permissions (BECOME_MEMBER by ERC20, BECOME_TOKEN_MASTER by
// ERC721, CAN_VIEW_CHANNEL by ENS name) — the read the request handler's members.reevaluate makes: every
// balance, count and name through libs/chain, then libs/protocol's rules per member. Two runs in the same
// process on the same chain: the chain client as configured (JSON-RPC batches of 100, 4 in flight, Multicall3
// aggregate3 of 500 calls) beside the same reads one eth_call per HTTP request, one at a time. Both must
// reach the same decisions; the ratio is the point.
//
// Measured (2 shared cores, anvil 1.7.1, 2026-12-07): 30,050 reads — batched + Multicall3 3.25 s in 62
// JSON-RPC requests over 4 HTTP requests; one at a time 36.1 s over 30,050 HTTP requests: 11.1× faster.
//
// Run (uses the built libraries): npm run build && node --import tsx bench/permissions-reevaluation.bench.ts
import { performance } from 'node:perf_hooks';
import { createChainClient, readTokenHoldings } from '@status-communities/chain';
import type { ChainClientOptions } from '@status-communities/chain';
import { startTokenTestChain } from '@status-communities/chain/testing';
import { generatePrivateKey, publicKeyFromPrivateKey, publicKeyToAddress } from '@status-communities/crypto';
import type {
  HoldingQuery,
  MemberPermissionOutcome,
  RevealedAccountChains,
  TokenCriteriaModel,
  TokenPermissionModel,
} from '@status-communities/protocol';
import { evaluateMemberPermissions, holdingQueries } from '@status-communities/protocol';

const MEMBERS = 5_000;
const ACCOUNTS_PER_MEMBER = 2;
const E18 = 10n ** 18n;
const CHAT = '0x02' + 'aa'.repeat(32) + 'bbbbbbbb-0000-4000-8000-000000000000';

const chain = await startTokenTestChain({ chainId: '1' });
try {
  await chain.installMulticall3();
  await chain.installEns();
  const stt = await chain.deployErc20('Status Test Token', 'STT', 18);
  const collectible = await chain.deployErc721('Token Master', 'TM');

  const members = Array.from({ length: MEMBERS }, (_, member) => ({
    key: `member-${member}`,
    accounts: Array.from({ length: ACCOUNTS_PER_MEMBER }, (): RevealedAccountChains => ({
      address: publicKeyToAddress(publicKeyFromPrivateKey(generatePrivateKey())),
      chainIds: ['1'],
    })),
  }));
  // Some hold enough, a few are token masters, some have a name: every rule decides something.
  const setupStart = performance.now();
  for (let member = 0; member < MEMBERS; member += 4) {
    const [first] = members[member]?.accounts ?? [];
    if (first) await chain.mintErc20(stt, first.address, E18);
  }
  for (let member = 0; member < MEMBERS; member += 50) {
    const second = members[member]?.accounts[1];
    if (second) await chain.mintErc721(collectible, second.address, BigInt(member + 1));
  }
  for (let member = 4; member < MEMBERS; member += 100) {
    const first = members[member]?.accounts[0];
    if (first) await chain.setEnsName(first.address, `m${member}.status.eth`);
  }
  console.log(`setup: ${((performance.now() - setupStart) / 1000).toFixed(1)} s of transactions on anvil`);

  const criteria = (overrides: Partial<TokenCriteriaModel>): TokenCriteriaModel => ({
    type: 'ERC20',
    contractAddresses: new Map(),
    symbol: '',
    name: '',
    amount: '',
    amountInWei: '1',
    tokenIds: [],
    ensPattern: '',
    decimals: 0,
    ...overrides,
  });
  const permissions: TokenPermissionModel[] = [
    {
      id: 'member',
      type: 'BECOME_MEMBER',
      criteria: [
        criteria({ contractAddresses: new Map([['1', stt]]), amountInWei: E18.toString(), decimals: 18 }),
      ],
      chatIds: [],
      isPrivate: false,
    },
    {
      id: 'master',
      type: 'BECOME_TOKEN_MASTER',
      criteria: [criteria({ type: 'ERC721', contractAddresses: new Map([['1', collectible]]) })],
      chatIds: [],
      isPrivate: false,
    },
    {
      id: 'ens-viewers',
      type: 'CAN_VIEW_CHANNEL',
      criteria: [criteria({ type: 'ENS', ensPattern: '*.status.eth', amountInWei: '' })],
      chatIds: [CHAT],
      isPrivate: false,
    },
  ];

  const reevaluate = async (label: string, options: Partial<ChainClientOptions>) => {
    const client = createChainClient({ chainId: '1', url: chain.url, cacheTtlMs: 0, ...options });
    const started = performance.now();
    const queries = new Map<string, HoldingQuery>();
    for (const { accounts } of members)
      for (const query of holdingQueries(permissions, accounts)) queries.set(JSON.stringify(query), query);
    const holdings = await readTokenHoldings(new Map([['1', client]]), [...queries.values()]);
    if (!holdings.ok) throw holdings.error;
    const outcomes = members.map(({ accounts }) =>
      evaluateMemberPermissions({ permissions, channelChatIds: [CHAT], accounts, holdings: holdings.value }),
    );
    const seconds = (performance.now() - started) / 1000;
    const { calls, httpRequests, rpcRequests } = client.stats;
    console.log(
      `${label}: ${seconds.toFixed(2)} s — ${calls} eth_calls' worth of reads in ${rpcRequests} JSON-RPC requests over ${httpRequests} HTTP requests`,
    );
    return { seconds, outcomes, httpRequests };
  };

  const summary = (outcomes: readonly MemberPermissionOutcome[]) => ({
    members: outcomes.filter((outcome) => outcome.member).length,
    tokenMasters: outcomes.filter((outcome) => outcome.role === 'TOKEN_MASTER').length,
    viewers: outcomes.filter((outcome) => outcome.channels.get(CHAT) === 'VIEWER').length,
  });

  console.log(
    `re-evaluating ${MEMBERS} members × ${ACCOUNTS_PER_MEMBER} accounts against ${permissions.length} permissions`,
  );
  const batched = await reevaluate('batched + Multicall3', {});
  const oneByOne = await reevaluate('one eth_call at a time', {
    multicallAddress: null,
    maxBatchSize: 1,
    concurrency: 1,
  });
  const same =
    JSON.stringify(batched.outcomes.map(summaryOf)) === JSON.stringify(oneByOne.outcomes.map(summaryOf));
  console.log('decisions:', summary(batched.outcomes), same ? '(identical in both runs)' : '(DIFFERENT)');
  console.log(
    `ratio: ${(oneByOne.seconds / batched.seconds).toFixed(1)}× faster, ${(oneByOne.httpRequests / batched.httpRequests).toFixed(0)}× fewer HTTP requests`,
  );
  if (!same) process.exitCode = 1;
} finally {
  await chain.close();
}

function summaryOf(outcome: MemberPermissionOutcome) {
  return [outcome.member, outcome.role ?? '', [...outcome.channels].join()];
}
