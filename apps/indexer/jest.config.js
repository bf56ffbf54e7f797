import preset from '../../jest.preset.js';

// Integration tests run a whole indexer (and its decode thread, compiled from source on start).
export default { ...preset, displayName: 'indexer', rootDir: import.meta.dirname, testTimeout: 60_000 };
