import preset from '../../jest.preset.js';

export default { ...preset, displayName: 'waku-gateway', rootDir: import.meta.dirname };
