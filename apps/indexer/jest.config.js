import preset from '../../jest.preset.js';

export default { ...preset, displayName: 'indexer', rootDir: import.meta.dirname };
