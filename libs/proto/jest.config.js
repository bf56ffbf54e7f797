import preset from '../../jest.preset.js';

export default { ...preset, displayName: 'proto', rootDir: import.meta.dirname };
