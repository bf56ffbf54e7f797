import preset from '../../jest.preset.js';

// The e2e test starts the platform's services, the console and Chromium: a minute, not seconds.
export default { ...preset, displayName: 'console', rootDir: import.meta.dirname, testTimeout: 240_000 };
