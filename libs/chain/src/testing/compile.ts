import solc from 'solc';
import { TEST_CONTRACTS_SOURCE } from './contracts.js';
import type { TestContractName } from './contracts.js';

export interface CompiledContract {
  /** `0x` creation code. */
  readonly bytecode: string;
  /** `0x` runtime code (what anvil_setCode installs). */
  readonly deployedBytecode: string;
}

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[];
  contracts?: Record<
    string,
    Record<string, { evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>
  >;
}

let compiled: Record<TestContractName, CompiledContract> | undefined;

/** The test contracts compiled once per process with the npm solc (the wasm compiler takes about a second). */
export const compileTestContracts = (): Record<TestContractName, CompiledContract> => {
  if (compiled) return compiled;
  const input = {
    language: 'Solidity',
    sources: { 'TestContracts.sol': { content: TEST_CONTRACTS_SOURCE } },
    settings: {
      evmVersion: 'cancun',
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { '*': { '*': ['evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)) as string) as SolcOutput;
  const errors = (output.errors ?? []).filter((error) => error.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((error) => error.formattedMessage).join('\n'));
  const contracts = output.contracts?.['TestContracts.sol'] ?? {};
  const pick = (name: TestContractName): CompiledContract => {
    const contract = contracts[name];
    if (!contract) throw new Error(`solc produced no ${name}`);
    return {
      bytecode: '0x' + contract.evm.bytecode.object,
      deployedBytecode: '0x' + contract.evm.deployedBytecode.object,
    };
  };
  compiled = {
    TestERC20: pick('TestERC20'),
    TestERC721: pick('TestERC721'),
    TestENSRegistry: pick('TestENSRegistry'),
    TestNameResolver: pick('TestNameResolver'),
    TestMulticall3: pick('TestMulticall3'),
  };
  return compiled;
};
