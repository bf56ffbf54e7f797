import preset from '../../jest.preset.js';

// Integration tests run on real Redis, PostgreSQL and a Waku devnet: seconds, not milliseconds.
export default {
  ...preset,
  displayName: 'request-handler',
  rootDir: import.meta.dirname,
  testTimeout: 60_000,
};
