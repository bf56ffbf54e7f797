import preset from '../../jest.preset.js';

// Integration tests publish through real Redis, PostgreSQL and a Waku devnet: seconds, not milliseconds.
export default { ...preset, displayName: 'publisher', rootDir: import.meta.dirname, testTimeout: 60_000 };
