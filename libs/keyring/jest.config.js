import preset from '../../jest.preset.js';

export default { ...preset, displayName: 'keyring', rootDir: import.meta.dirname };
