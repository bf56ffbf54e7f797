import preset from '../../jest.preset.js';

export default { ...preset, displayName: 'chain', rootDir: import.meta.dirname };
