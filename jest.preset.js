// Native-ESM Jest with swc: the only mode where ESM-only (@noble, @waku) and CJS (protobufjs) packages
// both load (see shared/reference/toolchain.md §4).
//
// Test tiers, by file name; each project's package scripts run one (`test`, `test-int`, `test-e2e`, through
// TEST_TIER) and `npm test` runs all three:
// - unit `*.test.ts`: pure, no I/O — a socket, a server or a process fails the test (scripts/jest-unit-guard.js);
// - int `*.int.test.ts`: our code in the test's own process on real Redis, PostgreSQL, HTTP servers, Waku nodes,
//   or a throwaway server of its own (redis-server, anvil);
// - e2e `*.e2e.test.ts`: our code as processes: services, the launcher, the CLI;
// - cluster `*.cluster.test.ts` (`test-cluster`): our code on a Redis Cluster and a PostgreSQL streaming
//   replica of the test's own (libs/testing startOwnRedisCluster, startOwnPostgresReplica).
const tiers = {
  unit: {
    testMatch: [
      '<rootDir>/src/**/*.test.ts',
      '!**/*.int.test.ts',
      '!**/*.e2e.test.ts',
      '!**/*.cluster.test.ts',
    ],
    setupFiles: ['<rootDir>/../../scripts/jest-unit-guard.js'],
  },
  int: { testMatch: ['<rootDir>/src/**/*.int.test.ts'] },
  e2e: { testMatch: ['<rootDir>/src/**/*.e2e.test.ts'] },
  cluster: { testMatch: ['<rootDir>/src/**/*.cluster.test.ts'] },
};
const tier = process.env.TEST_TIER ?? 'unit';
// `npm test -- <file or pattern>` names tests: none of this tier among them is an error (an *.int.test.ts file
// runs with `npm run test-int -- <file>`), while a whole project without tests of a tier passes it.
const filtered = process.argv.slice(2).some((arg) => !arg.startsWith('-'));
if (!(tier in tiers)) throw new Error(`TEST_TIER=${tier}: one of ${Object.keys(tiers).join(', ')}`);

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
  ...tiers[tier],
  passWithNoTests: !filtered,
  // Integration tests talk to real PostgreSQL, Redis and Waku nodes on a 2-core machine that Nx shares between
  // two projects: Jest's 5 s default fails healthy tests under load. Tests that need more still say so.
  testTimeout: 30_000,
  // A leaked handle (a socket, a timer) must fail loudly, not hang CI: Jest would otherwise wait for it forever
  // after the last test. Leaks are still defects; `--detectOpenHandles` names them.
  forceExit: true,
  reporters: ['default', '<rootDir>/../../scripts/jest-results-reporter.js'],
};
