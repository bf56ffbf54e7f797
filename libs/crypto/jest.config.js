import preset from '../../jest.preset.js';

export default { ...preset, displayName: 'crypto', rootDir: import.meta.dirname };
