import preset from '../../jest.preset.js';

// The short fault cases run the whole platform as processes on a devnet: tens of seconds each.
export default { ...preset, displayName: 'chaos', rootDir: import.meta.dirname, testTimeout: 120_000 };
