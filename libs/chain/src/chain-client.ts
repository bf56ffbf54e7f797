import {
  SELECTORS,
  callData,
  decodeAddress,
  decodeAggregate3,
  decodeString,
  decodeUint256,
  encodeAddress,
  encodeAggregate3,
  encodeUint256,
  reverseNode,
} from './abi.js';
import type { EthCall } from './abi.js';
import { ChainUnavailableError, createJsonRpcTransport } from './json-rpc.js';
import type { JsonRpcAnswer, JsonRpcStats, JsonRpcTransportOptions } from './json-rpc.js';

/** Multicall3's address, the same on every chain it is deployed on (CREATE2 / pre-signed deployment). */
export const MULTICALL3_ADDRESS = '0xca11bde05977b3631167028862be2a173976ca11';
/** The ENS registry (mainnet and testnets). SG protocol/ens, go-ens. */
export const ENS_REGISTRY_ADDRESS = '0x00000000000c2e074ec69a0dfb2997ba6c7d2e1e';

const ZERO_ADDRESS = '0x' + '0'.repeat(40);

export interface ChainClientOptions extends JsonRpcTransportOptions {
  /** Where Multicall3 would be; `null` never uses it. Used only when code is deployed there. */
  readonly multicallAddress?: string | null;
  /** Calls per aggregate3. Default 500. */
  readonly multicallBatchSize?: number;
  /** How long a call's answer is reused. Default 30 s; 0 caches nothing. */
  readonly cacheTtlMs?: number;
  readonly ensRegistryAddress?: string;
  /** Clock for the cache (tests). */
  readonly now?: () => number;
}

export interface ContractAccount {
  readonly contract: string;
  readonly account: string;
}

export interface ContractToken {
  readonly contract: string;
  readonly tokenId: string;
}

export interface ChainClient {
  readonly chainId: string;
  /** `0x` return data per call, undefined where the call reverted. Throws ChainUnavailableError. */
  call(calls: readonly EthCall[]): Promise<(string | undefined)[]>;
  /** balanceOf(account) of each ERC20 or ERC721 contract; 0 where there is no contract or it reverts. */
  balances(pairs: readonly ContractAccount[]): Promise<bigint[]>;
  /** ownerOf(id) of each ERC721 token, lowercase; undefined for a token that does not exist. */
  owners(tokens: readonly ContractToken[]): Promise<(string | undefined)[]>;
  /** The primary (reverse-record) ENS name of each account, undefined when none. */
  ensNames(accounts: readonly string[]): Promise<(string | undefined)[]>;
  /** Whether calls go through Multicall3 (known after the first call). */
  usesMulticall(): Promise<boolean>;
  readonly stats: JsonRpcStats & { calls: number; cacheHits: number };
}

/** go-ethereum and anvil answer a reverted eth_call with code 3 or -32000 "execution reverted". */
const isRevert = (answer: JsonRpcAnswer & { ok: false }): boolean =>
  answer.code === 3 || /revert/i.test(answer.message);

/** Plain eth_call reads of one chain: batched JSON-RPC, through Multicall3 where it is deployed, cached briefly. */
export const createChainClient = (options: ChainClientOptions): ChainClient => {
  const transport = createJsonRpcTransport(options);
  const multicallAddress =
    options.multicallAddress === undefined ? MULTICALL3_ADDRESS : options.multicallAddress;
  const multicallBatchSize = options.multicallBatchSize ?? 500;
  const cacheTtlMs = options.cacheTtlMs ?? 30_000;
  const ensRegistry = options.ensRegistryAddress ?? ENS_REGISTRY_ADDRESS;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { value: string | undefined; expires: number }>();
  const stats = Object.assign(transport.stats, { calls: 0, cacheHits: 0 });
  let multicall: Promise<boolean> | undefined;

  const usesMulticall = (): Promise<boolean> => {
    if (multicallAddress === null) return Promise.resolve(false);
    multicall ??= transport
      .batch([{ method: 'eth_getCode', params: [multicallAddress, 'latest'] }])
      .then(
        ([answer]) => answer?.ok === true && typeof answer.result === 'string' && answer.result.length > 2,
      )
      .catch((error: unknown) => {
        multicall = undefined; // ask again next time: the chain was down, not without Multicall3
        throw error;
      });
    return multicall;
  };

  const ethCallAnswer = (answer: JsonRpcAnswer | undefined): string | undefined => {
    if (!answer) throw new ChainUnavailableError(options.chainId, 'missing answer');
    if (answer.ok) {
      if (typeof answer.result !== 'string')
        throw new ChainUnavailableError(options.chainId, 'eth_call answer is no data');
      return answer.result;
    }
    if (isRevert(answer)) return undefined;
    throw new ChainUnavailableError(options.chainId, `eth_call failed: ${answer.code} ${answer.message}`);
  };

  const ethCall = (call: EthCall) => ({
    method: 'eth_call',
    params: [{ to: call.to, data: call.data }, 'latest'],
  });

  const direct = async (calls: readonly EthCall[]): Promise<(string | undefined)[]> =>
    (await transport.batch(calls.map(ethCall))).map(ethCallAnswer);

  const viaMulticall = async (calls: readonly EthCall[]): Promise<(string | undefined)[]> => {
    const groups: EthCall[][] = [];
    for (let start = 0; start < calls.length; start += multicallBatchSize)
      groups.push(calls.slice(start, start + multicallBatchSize));
    const answers = await transport.batch(
      groups.map((group) => ethCall({ to: multicallAddress ?? '', data: encodeAggregate3(group) })),
    );
    return groups.flatMap((group, index) => {
      const data = ethCallAnswer(answers[index]);
      const decoded = data === undefined ? undefined : decodeAggregate3(data, group.length);
      if (!decoded) throw new ChainUnavailableError(options.chainId, 'Multicall3 aggregate3 failed');
      return decoded;
    });
  };

  const keyOf = (entry: EthCall): string => `${entry.to.toLowerCase()}:${entry.data}`;

  const call = async (calls: readonly EthCall[]): Promise<(string | undefined)[]> => {
    const at = now();
    const answers = new Map<string, string | undefined>();
    const missing = new Map<string, EthCall>();
    for (const entry of calls) {
      const cached = cache.get(keyOf(entry));
      if (cached && cached.expires > at) {
        stats.cacheHits += 1;
        answers.set(keyOf(entry), cached.value);
      } else missing.set(keyOf(entry), entry);
    }
    if (missing.size > 0) {
      const pending = [...missing.values()];
      stats.calls += pending.length;
      const results = (await usesMulticall()) ? await viaMulticall(pending) : await direct(pending);
      pending.forEach((entry, index) => answers.set(keyOf(entry), results[index]));
      if (cacheTtlMs > 0) {
        for (const [key, entry] of cache) if (entry.expires <= at) cache.delete(key);
        const expires = now() + cacheTtlMs;
        pending.forEach((entry, index) => cache.set(keyOf(entry), { value: results[index], expires }));
      }
    }
    return calls.map((entry) => answers.get(keyOf(entry)));
  };

  const balances = async (pairs: readonly ContractAccount[]): Promise<bigint[]> => {
    const results = await call(
      pairs.map(({ contract, account }) => ({
        to: contract,
        data: callData(SELECTORS.balanceOf, encodeAddress(account)),
      })),
    );
    return results.map((data) => (data === undefined ? 0n : (decodeUint256(data) ?? 0n)));
  };

  const owners = async (tokens: readonly ContractToken[]): Promise<(string | undefined)[]> => {
    const results = await call(
      tokens.map(({ contract, tokenId }) => ({
        to: contract,
        data: callData(SELECTORS.ownerOf, encodeUint256(BigInt(tokenId))),
      })),
    );
    return results.map((data) => {
      const owner = data === undefined ? undefined : decodeAddress(data);
      return owner === ZERO_ADDRESS ? undefined : owner;
    });
  };

  /** Registry → resolver of the reverse node → name(node). SG ens/verifier.go ReverseResolve (go-ens). */
  const ensNames = async (accounts: readonly string[]): Promise<(string | undefined)[]> => {
    const nodes = accounts.map(reverseNode);
    const resolvers = (
      await call(nodes.map((node) => ({ to: ensRegistry, data: callData(SELECTORS.resolver, node) })))
    ).map((data) => (data === undefined ? undefined : decodeAddress(data)));
    const asked = nodes
      .map((node, index) => ({ node, index, resolver: resolvers[index] }))
      .filter(
        (entry): entry is { node: string; index: number; resolver: string } =>
          entry.resolver !== undefined && entry.resolver !== ZERO_ADDRESS,
      );
    const names = await call(
      asked.map(({ node, resolver }) => ({ to: resolver, data: callData(SELECTORS.name, node) })),
    );
    const out: (string | undefined)[] = accounts.map(() => undefined);
    asked.forEach(({ index }, position) => {
      const data = names[position];
      // No code at the resolver answers "0x": go-ens calls that "not a resolver", no name.
      const name = data === undefined ? undefined : decodeString(data);
      out[index] = name === '' ? undefined : name;
    });
    return out;
  };

  return { chainId: options.chainId, call, balances, owners, ensNames, usesMulticall, stats };
};
