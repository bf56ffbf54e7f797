import { bytesToHex, keccak256, utf8ToBytes } from '@status-communities/crypto';
import { encodeAddress, encodeUint256, reverseNode } from '../abi.js';
import { ENS_REGISTRY_ADDRESS, MULTICALL3_ADDRESS } from '../chain-client.js';
import { startAnvil } from './anvil.js';
import type { Anvil } from './anvil.js';
import { compileTestContracts } from './compile.js';

type Argument = bigint | { readonly address: string } | { readonly bytes32: string } | string;

const selector = (signature: string): string => bytesToHex(keccak256(utf8ToBytes(signature))).slice(0, 8);

/** ABI encoding of static (uint, address, bytes32) and string arguments. */
const encodeArguments = (args: readonly Argument[]): string => {
  const heads: string[] = [];
  const tails: string[] = [];
  let tailOffset = args.length * 32;
  for (const arg of args) {
    if (typeof arg === 'bigint') heads.push(encodeUint256(arg));
    else if (typeof arg === 'string') {
      const bytes = bytesToHex(utf8ToBytes(arg));
      const padded = bytes.padEnd(Math.ceil(bytes.length / 64) * 64, '0');
      heads.push(encodeUint256(BigInt(tailOffset)));
      const tail = encodeUint256(BigInt(bytes.length / 2)) + padded;
      tails.push(tail);
      tailOffset += tail.length / 2;
    } else if ('address' in arg) heads.push(encodeAddress(arg.address));
    else heads.push(arg.bytes32.replace(/^0x/, ''));
  }
  return heads.join('') + tails.join('');
};

/** A test chain: anvil with our contracts, and the transactions tests make on it. */
export interface TokenTestChain {
  readonly anvil: Anvil;
  readonly chainId: string;
  readonly url: string;
  rpc<T = unknown>(method: string, params: readonly unknown[]): Promise<T>;
  deployErc20(name: string, symbol: string, decimals: number): Promise<string>;
  deployErc721(name: string, symbol: string): Promise<string>;
  mintErc20(token: string, to: string, amount: bigint): Promise<void>;
  transferErc20(token: string, from: string, to: string, amount: bigint): Promise<void>;
  mintErc721(token: string, to: string, tokenId: bigint): Promise<void>;
  transferErc721(token: string, from: string, to: string, tokenId: bigint): Promise<void>;
  /** Multicall3's runtime code at its canonical address, as on mainnet. */
  installMulticall3(): Promise<void>;
  /** The ENS registry at its mainnet address and a name resolver; then setEnsName works. */
  installEns(): Promise<void>;
  /** Points the account's reverse record at a resolver that answers `name`. */
  setEnsName(account: string, name: string): Promise<void>;
  close(): Promise<void>;
}

export const startTokenTestChain = async ({ chainId }: { chainId: string }): Promise<TokenTestChain> => {
  const anvil = await startAnvil({ chainId });
  const contracts = compileTestContracts();
  const rpc = async <T = unknown>(method: string, params: readonly unknown[]): Promise<T> => {
    const response = await fetch(anvil.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    });
    const body = (await response.json()) as { result?: T; error?: { message: string } };
    if (body.error) throw new Error(`${method}: ${body.error.message}`);
    return body.result as T;
  };
  const [deployer] = await rpc<string[]>('eth_accounts', []);
  if (!deployer) throw new Error('anvil has no unlocked account');

  /** Sends a transaction (anvil mines it at once) and returns its receipt; throws when it reverted. */
  const send = async (from: string, to: string | undefined, data: string) => {
    const hash = await rpc<string>('eth_sendTransaction', [{ from, ...(to ? { to } : {}), data }]);
    // Anvil mines each transaction at once, but a loaded machine may answer before the block is written.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const receipt = await rpc<{ status: string; contractAddress: string | null } | null>(
        'eth_getTransactionReceipt',
        [hash],
      );
      if (receipt) {
        if (receipt.status !== '0x1') throw new Error(`transaction ${hash} reverted`);
        return receipt;
      }
      if (Date.now() > deadline) throw new Error(`transaction ${hash} was not mined`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const deploy = async (bytecode: string, args: readonly Argument[]): Promise<string> => {
    const receipt = await send(deployer, undefined, bytecode + encodeArguments(args));
    if (!receipt.contractAddress) throw new Error('no contract deployed');
    return receipt.contractAddress.toLowerCase();
  };
  const invoke = (from: string, to: string, signature: string, args: readonly Argument[]) =>
    send(from, to, '0x' + selector(signature) + encodeArguments(args));
  /** A holder's own transaction: anvil signs for any impersonated account, given gas money. */
  const asHolder = async (holder: string) => {
    await rpc('anvil_impersonateAccount', [holder]);
    await rpc('anvil_setBalance', [holder, '0x' + (10n ** 18n).toString(16)]);
  };
  let nameResolver: string | undefined;

  return {
    anvil,
    chainId,
    url: anvil.url,
    rpc,
    deployErc20: (name, symbol, decimals) =>
      deploy(contracts.TestERC20.bytecode, [name, symbol, BigInt(decimals)]),
    deployErc721: (name, symbol) => deploy(contracts.TestERC721.bytecode, [name, symbol]),
    mintErc20: async (token, to, amount) => {
      await invoke(deployer, token, 'mint(address,uint256)', [{ address: to }, amount]);
    },
    transferErc20: async (token, from, to, amount) => {
      await asHolder(from);
      await invoke(from, token, 'transfer(address,uint256)', [{ address: to }, amount]);
    },
    mintErc721: async (token, to, tokenId) => {
      await invoke(deployer, token, 'mint(address,uint256)', [{ address: to }, tokenId]);
    },
    transferErc721: async (token, from, to, tokenId) => {
      await asHolder(from);
      await invoke(from, token, 'transferFrom(address,address,uint256)', [
        { address: from },
        { address: to },
        tokenId,
      ]);
    },
    installMulticall3: async () => {
      await rpc('anvil_setCode', [MULTICALL3_ADDRESS, contracts.TestMulticall3.deployedBytecode]);
    },
    installEns: async () => {
      await rpc('anvil_setCode', [ENS_REGISTRY_ADDRESS, contracts.TestENSRegistry.deployedBytecode]);
      nameResolver = await deploy(contracts.TestNameResolver.bytecode, []);
    },
    setEnsName: async (account, name) => {
      if (!nameResolver) throw new Error('installEns first');
      const node = reverseNode(account);
      await invoke(deployer, ENS_REGISTRY_ADDRESS, 'setResolver(bytes32,address)', [
        { bytes32: node },
        { address: nameResolver },
      ]);
      await invoke(deployer, nameResolver, 'setName(bytes32,string)', [{ bytes32: node }, name]);
    },
    close: () => anvil.close(),
  };
};
