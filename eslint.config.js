import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// Read from apps/, so a new app is inside the boundaries from its first commit (the console was not, as a list).
const APPS = readdirSync(new URL('./apps', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const LIBS_IMPORT_NO_APPS = {
  regex: `^@status-communities/(${APPS.join('|')})(/|$)|/apps/`,
  message: 'libs never import apps',
};

const APP_PATTERNS = [
  {
    regex: `^@status-communities/(${APPS.join('|')})(/|$)`,
    message:
      'an app never imports another app (nor its testing export): share it through a lib, or test across apps in tests/stories',
  },
  { regex: '^(\\.\\./)+(apps/)?[a-z-]+/src/', message: "an app never imports another app's src" },
];

const NO_IO_MODULES = [
  ...[
    'fs',
    'fs/promises',
    'net',
    'http',
    'https',
    'http2',
    'dgram',
    'dns',
    'child_process',
    'worker_threads',
  ].flatMap((module) => [module, `node:${module}`]),
  ...['ioredis', 'bullmq', 'pg', '@prisma/client', '@waku/sdk', 'libp2p'],
  ...['db', 'queue', 'waku', 'keyring', 'observability', 'testing', 'devnet'].map(
    (lib) => `@status-communities/${lib}`,
  ),
].map((name) => ({ name, message: 'libs/crypto and libs/protocol are pure: no I/O' }));

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/src/gen/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // One order of imports everywhere: node, packages, the workspace's libs, then relative; alphabetical within.
    plugins: { 'import-x': importX },
    settings: { 'import-x/internal-regex': '^@status-communities/' },
    rules: {
      'import-x/order': [
        'error',
        {
          groups: ['builtin', 'external', 'internal', ['parent', 'sibling', 'index']],
          alphabetize: { order: 'asc', caseInsensitive: true },
        },
      ],
    },
  },
  {
    // Type-checked: a promise nobody awaits loses its error (an unhandled rejection ends the process). Each
    // project's lint runs from its folder (`eslint src`) with the tsconfig that covers its tests too.
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { project: ['./tsconfig.spec.json'], tsconfigRootDir: process.cwd() } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  // Boundaries of shared/reference/architecture.md, held by lint rather than by review.
  {
    files: ['libs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [LIBS_IMPORT_NO_APPS] }] },
  },
  {
    // The rules of the protocol are pure: no network, disk, database or queue (test fixtures may read vectors).
    files: ['libs/crypto/src/**/*.ts', 'libs/protocol/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/testing/**'],
    rules: { 'no-restricted-imports': ['error', { paths: NO_IO_MODULES, patterns: [LIBS_IMPORT_NO_APPS] }] },
  },
  {
    // Services talk through queues, the event stream and the database; their tests and test tools (chaos) too:
    // a test across services lives in tests/stories.
    files: ['apps/*/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: APP_PATTERNS,
        },
      ],
    },
  },
  {
    // What a service, the launcher or the CLI runs never takes the test kit (the devnet is libs/devnet).
    files: ['apps/*/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/testing/**', 'apps/chaos/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@status-communities/testing', message: 'the test kit is for tests and chaos' }],
          patterns: APP_PATTERNS,
        },
      ],
    },
  },
  {
    // Bugs are named and failures typed (libs/errors README): what a service, the launcher or the CLI runs
    // throws a StatusError, a job outcome or bug(…), never an anonymous Error.
    files: ['apps/*/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/testing/**', 'apps/chaos/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ThrowStatement > NewExpression[callee.name='Error']",
          message:
            'throw a StatusError (expected failure), PermanentJobError / RetryLaterError (job outcome) or bug(…) from @status-communities/errors (a bug)',
        },
      ],
    },
  },
  {
    // Stories run apps through their testing exports (or as processes), not through their insides.
    files: ['tests/*/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^@status-communities/(${APPS.join('|')})(/(?!testing$)|$)`,
              message:
                'a story imports an app only through its testing export (@status-communities/<app>/testing)',
            },
            { regex: '(^|/)apps/', message: "a story never imports an app's src" },
          ],
        },
      ],
    },
  },
);
