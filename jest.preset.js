// Native-ESM Jest with swc: the only mode where ESM-only (@noble, @waku) and CJS (protobufjs) packages
// both load (see shared/reference/toolchain.md §4).
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } },
    ],
  },
  // NodeNext sources import "./x.js"; jest resolves them to ./x.ts.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // Workspace libs resolve to their TypeScript source in tests.
  testEnvironmentOptions: {
    customExportConditions: ['@status-communities/source', 'node', 'node-addons'],
  },
  testMatch: ['<rootDir>/src/**/*.test.ts'],
  // Integration tests talk to real PostgreSQL, Redis and Waku nodes on a 2-core machine that Nx shares between
  // two projects: Jest's 5 s default fails healthy tests under load. Tests that need more still say so.
  testTimeout: 30_000,
  reporters: ['default', '<rootDir>/../../scripts/jest-results-reporter.js'],
};
