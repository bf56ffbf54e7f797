import preset from '../../jest.preset.js';

// The end-to-end test starts the whole platform (every built service, a devnet) on a shared 2-core machine.
export default { ...preset, displayName: 'platform', rootDir: import.meta.dirname, testTimeout: 60_000 };
