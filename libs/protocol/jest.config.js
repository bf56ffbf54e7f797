import preset from '../../jest.preset.js';

export default { ...preset, displayName: 'protocol', rootDir: import.meta.dirname };
