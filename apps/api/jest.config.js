import preset from '../../jest.preset.js';

// Integration tests run a real HTTP server over real Redis and PostgreSQL: seconds, not milliseconds.
export default { ...preset, displayName: 'api', rootDir: import.meta.dirname, testTimeout: 60_000 };
