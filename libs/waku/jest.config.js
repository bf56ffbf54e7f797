import preset from '../../jest.preset.js';

export default { ...preset, displayName: 'waku', rootDir: import.meta.dirname };
