import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * Import rules of ARCHITECTURE.md: a folder says where code runs and what it
 * may import. The per-layer tsconfigs catch wrong globals; these zones catch
 * wrong imports.
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

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { ecmaVersion: 2023, sourceType: 'module' } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always'],
    },
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
      'no-restricted-imports': [
        'error',
        {
          paths: bareBuiltins,
          patterns: [
            { group: nodeBuiltins, message: 'The renderer has no Node APIs.' },
            {
              group: ['electron', '**/electron/**'],
              message: 'The renderer reaches the main process only through src/platform and window.api.',
            },
          ],
        },
      ],
    },
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
