import preset from '../../jest.preset.js';

// Suites create and migrate real PostgreSQL databases.
export default { ...preset, displayName: 'db', rootDir: import.meta.dirname, testTimeout: 30_000 };
