import preset from '../../jest.preset.js';

export default { ...preset, displayName: 'devnet', rootDir: import.meta.dirname };
