import preset from '../../jest.preset.js';

// Stories run several services, in the test's process or as processes of their own, on a shared 2-core machine.
export default { ...preset, displayName: 'stories', rootDir: import.meta.dirname, testTimeout: 120_000 };
