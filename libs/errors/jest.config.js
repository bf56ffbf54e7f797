import preset from '../../jest.preset.js';

export default { ...preset, displayName: 'errors', rootDir: import.meta.dirname };
