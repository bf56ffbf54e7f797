// Test tools: an anvil node from npm and our test contracts on it (ERC20, ERC721, ENS, Multicall3).
export { type Anvil, type AnvilOptions, anvilBinary, startAnvil } from './anvil.js';
export { type CompiledContract, compileTestContracts } from './compile.js';
export { TEST_CONTRACTS_SOURCE, type TestContractName } from './contracts.js';
export { type TokenTestChain, startTokenTestChain } from './token-chain.js';
