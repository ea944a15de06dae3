import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * The import rules of docs/architecture.md: a folder says where code runs and
 * what it may import. The per-layer tsconfigs catch wrong globals; these
 * zones catch wrong imports, and tests/unit/build/import-rules.test.ts proves
 * each zone refuses what it should.
 */
const nodeBuiltins = ['node:*'];
// Bare built-in names go in `paths` (exact module names); as gitignore-style patterns they would also match folders such as shared/crypto.
const bareBuiltins = [
  'fs',
  'fs/promises',
  'path',
  'os',
  'child_process',
  'crypto',
  'stream',
  'http',
  'https',
  'net',
  'url',
  'util',
  'events',
  'buffer',
];

/** The renderer's core: what every screen stands on. It never imports a feature. */
const RENDERER_CORE = [
  'components',
  'db',
  'workers',
  'platform',
  'editor',
  'i18n',
  'session',
  'settings',
  'search',
  'package',
  'evidence-files',
  'sync',
];
/** The only folders that read IndexedDB's tables or seal rows with the data key. */
const STORAGE_OWNERS = ['db', 'workers'];

const rendererBase = [
  { group: nodeBuiltins, message: 'The renderer has no Node APIs.' },
  {
    group: ['electron', '**/electron/**'],
    message: 'The renderer reaches the main process only through src/platform and window.api.',
  },
];
const noFeatures = {
  group: ['**/features/**'],
  message: "The renderer's core never imports a feature: move what both need into the core.",
};
const noStorageLayout = {
  group: [
    '**/db/schema',
    '**/db/file-chunks',
    '**/db/seal-batches',
    '**/db/sealed-meta',
    '@shared/crypto/envelope',
    'dexie',
  ],
  allowTypeImports: true,
  message:
    'Only db/ (and the workers it hands access to) reads tables or seals rows: use the record store, the case repository, SealedMeta or FileStore.',
};
const rendererImports = (...extra) => ['error', { paths: bareBuiltins, patterns: [...rendererBase, ...extra] }];
const under = (folders) => folders.map((f) => `renderer/src/${f}/**/*.{ts,tsx}`);

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        ecmaVersion: 2023,
        sourceType: 'module',
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // A promise nobody awaits loses its failure; one passed where a callback's result is ignored does too.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // A new status, kind or message type must be handled everywhere it is switched on.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Plain JavaScript (this file, the bench runner) has no types to check against.
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: bareBuiltins,
          patterns: [
            { group: nodeBuiltins, message: 'shared/ runs everywhere: no Node built-ins.' },
            {
              group: [
                'electron',
                'react',
                'react-*',
                'dexie',
                'dexie-*',
                '@mantine/*',
                '@tiptap/*',
                'i18next',
                '**/renderer/**',
                '**/electron/**',
              ],
              message: 'shared/ imports only itself and pure libraries.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'localStorage',
        'indexedDB',
        'process',
        'Buffer',
        'require',
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: bareBuiltins,
          patterns: [
            { group: nodeBuiltins, message: 'The sandboxed preload has no Node built-ins.' },
            {
              group: [
                '**/renderer/**',
                '**/electron/main/**',
                '**/shared/*/**',
                '!**/shared/ipc/**',
                '@shared/*/**',
                '!@shared/ipc/**',
                'zod',
              ],
              message: 'The preload imports only shared/ipc and electron.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/renderer/**', 'react', 'react-*', 'dexie', '@mantine/*'],
              message: 'The main process does not import renderer code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/refs': 'off',
      // Athar does not use the React Compiler; this rule only reports what it would skip.
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': rendererImports(noStorageLayout),
    },
  },
  {
    files: under(RENDERER_CORE.filter((f) => !STORAGE_OWNERS.includes(f))),
    rules: { 'no-restricted-imports': rendererImports(noFeatures, noStorageLayout) },
  },
  {
    files: under(STORAGE_OWNERS),
    rules: { 'no-restricted-imports': rendererImports(noFeatures) },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    ignores: ['renderer/src/platform/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='window'][property.name='api']",
          message: 'Only src/platform touches window.api.',
        },
      ],
    },
  },
  {
    files: ['tests/**/*.{ts,tsx,mjs}', '*.config.{ts,mts,js}', 'vite.*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
