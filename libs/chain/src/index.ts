// Ethereum JSON-RPC reads for token permissions: ERC20/ERC721 balances, ERC721 owners, ENS reverse names.
export {
  SELECTORS,
  decodeAggregate3,
  decodeString,
  encodeAggregate3,
  namehash,
  reverseNode,
  type EthCall,
} from './abi.js';
export {
  ChainUnavailableError,
  createJsonRpcTransport,
  type JsonRpcAnswer,
  type JsonRpcRequest,
  type JsonRpcStats,
  type JsonRpcTransport,
  type JsonRpcTransportOptions,
} from './json-rpc.js';
export {
  ENS_REGISTRY_ADDRESS,
  MULTICALL3_ADDRESS,
  createChainClient,
  type ChainClient,
  type ChainClientOptions,
  type ContractAccount,
  type ContractToken,
} from './chain-client.js';
export { chainVariables, envChainRpcUrls, type ChainConfig } from './chain-config.js';
export { createChainClients, readTokenHoldings, type ChainClients } from './holdings-reader.js';
