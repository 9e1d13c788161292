// SPDX-License-Identifier: UNLICENSED
// Lint, and the layering rule that keeps the architecture honest (VS Code style):
// shared/ imports only shared/; renderer/ imports only shared/; electron/ never imports renderer/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['assert', 'buffer', 'child_process', 'crypto', 'events', 'fs', 'fs/promises', 'http', 'https', 'net', 'os', 'path', 'process', 'stream', 'url', 'util', 'worker_threads', 'zlib'];

const restrict = (groups, message) => ({
  'no-restricted-imports': ['error', { paths: NODE_BUILTINS.map((name) => ({ name, message })), patterns: [{ group: groups, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The few plain .js files are Node scripts (the CLI launcher, the test runner, this file).
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      ...restrict(['node:*', 'electron', 'electron/*', 'react', 'react-dom', 'better-sqlite3', '**/electron/**', '**/renderer/**', '**/test/**'], 'shared/ is browser-safe: it may import only shared/ and pure-JS libraries (no node:*, electron, React or DOM-specific code).'),
      'no-restricted-globals': ['error', { name: 'Buffer', message: 'shared/ is browser-safe: use Uint8Array.' }, { name: 'process', message: 'shared/ is browser-safe.' }, { name: 'require', message: 'shared/ is ESM.' }, { name: 'window', message: 'shared/ must not touch the DOM.' }, { name: 'document', message: 'shared/ must not touch the DOM.' }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: restrict(['node:*', 'electron', 'electron/*', 'better-sqlite3', '**/electron/**', '**/test/**'], 'renderer/ reaches the services only through window.vault; it may import shared/ and browser libraries.'),
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**', '**/test/**'], message: 'electron/ may import shared/ but never renderer/ or test code.' }] }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "MemberExpression[property.name='only']", message: 'Focused tests (.only) skip the rest of the suite.' }, { selector: "Property[key.name='only'][value.value=true]", message: 'Focused tests ({ only: true }) skip the rest of the suite.' }],
    },
  },
);
