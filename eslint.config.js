// Lint rules, including the layering of STYLE.md: shared imports nothing of ours and nothing of a
// platform; renderer and electron never import each other; the worker imports only shared.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const restrict = (patterns, message) => ['error', { patterns: [{ group: patterns, message }] }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'docs/**', 'assets/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['**/renderer/**', '**/electron/**', '**/cli/**', 'electron', 'react', 'react-dom', '@xyflow/*', 'zustand*', 'node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads'],
        'shared/ is pure TypeScript: it imports nothing of the renderer, electron, the CLI or a platform.',
      ),
      'no-restricted-globals': ['error', { name: 'window', message: 'no DOM in shared/' }, { name: 'document', message: 'no DOM in shared/' }, { name: 'process', message: 'no Node in shared/' }],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'shared/ is deterministic: take a seeded random generator.' },
        { object: 'Date', property: 'now', message: 'shared/ is deterministic: take the time as a parameter.' },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/worker/**'],
    rules: { 'no-restricted-imports': restrict(['**/electron/**', '**/cli/**', 'electron', 'node:*'], 'renderer/ runs in a browser: it never imports electron/, cli/ or Node.') },
  },
  {
    files: ['renderer/worker/**/*.ts'],
    ignores: ['renderer/worker/**/*.test.ts', 'renderer/worker/client.ts'],
    rules: {
      'no-restricted-imports': restrict(['**/electron/**', '**/cli/**', '**/store/**', '**/canvas/**', '**/panels/**', '**/app/**', '**/host/**', 'react', 'react-dom', 'electron', 'node:*'], 'the worker imports only shared/.'),
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(['**/renderer/**', '**/cli/**'], 'electron/ never imports the renderer or the CLI; share through shared/.') },
  },
  {
    files: ['cli/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(['**/renderer/**', '**/electron/**', 'electron'], 'the CLI imports shared/ only.') },
  },
  {
    files: ['bin/**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
