// Lint rules, including the layering of the architecture: shared imports nothing of ours and
// nothing of a platform; renderer and electron never import each other; inside the renderer each
// layer imports only the layers below it; the worker imports only shared; the preload only the
// IPC contract and the HostApi types.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const restrict = (patterns, message) => ['error', { patterns: [{ group: patterns, message }] }];

const ROOT = path.dirname(fileURLToPath(import.meta.url));

/** The renderer's layers, lowest first: each may import the ones before it, never the ones after. */
const RENDERER_ORDER = ['renderer/store', 'renderer/ui', 'renderer/canvas', 'renderer/panels', 'renderer/app'];
/** Below every renderer layer: pure modules, the browser host and the worker import only shared/. */
const RENDERER_BASE = ['shared', 'renderer/model', 'renderer/host', 'renderer/worker'];
const rendererLayers = Object.fromEntries(
  RENDERER_ORDER.map((folder, index) => [
    folder,
    { may: [...RENDERER_BASE, ...RENDERER_ORDER.slice(0, index)], why: 'inside the renderer a layer imports only those below it (store < ui < canvas < panels < app)' },
  ]),
);

/**
 * Which folders a folder's files may import by relative path (its own folder always). Folders in
 * no entry may be imported freely, except by a `closed` layer; packages are no-restricted-imports'.
 */
const LAYERS = {
  'renderer/model': { may: ['shared'], why: 'pure renderer modules import only shared/' },
  'renderer/host': { may: ['shared'], why: 'the web host implements HostApi on shared/ alone' },
  'renderer/worker': { may: ['shared'], why: 'the worker imports only shared/' },
  ...rendererLayers,
  'electron/common': { may: ['shared/host'], closed: true, why: 'the IPC contract is bundled into the sandboxed preload: HostApi types only' },
  'electron/preload': { may: ['electron/common', 'shared/host'], closed: true, why: 'the preload is one small bridge: it imports only electron/common and shared/host' },
  'electron/main': { may: ['shared', 'electron/common'], why: 'main talks to the preload through electron/common, never by importing it' },
};
const AREAS = [...new Set([...Object.keys(LAYERS), ...Object.values(LAYERS).flatMap((layer) => layer.may)])].sort((a, b) => b.length - a.length);

/** The most specific area a root-relative path lies in, or undefined. */
function areaOf(relativePath) {
  return AREAS.find((area) => relativePath === area || relativePath.startsWith(`${area}/`));
}

/** `layering/imports`: reports a relative import that reaches a folder its layer may not import. */
const layering = {
  rules: {
    imports: {
      meta: {
        type: 'problem',
        docs: { description: 'Enforces the folder layering of the architecture for relative imports.' },
        schema: [],
        messages: { forbidden: '{{from}} may not import {{to}}: {{why}}.' },
      },
      create(context) {
        const file = path.relative(ROOT, context.filename).split(path.sep).join('/');
        const from = areaOf(file);
        const layer = from && LAYERS[from];
        if (!layer) return {};
        const check = (source) => {
          if (!source || source.type !== 'Literal' || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
          const target = path.relative(ROOT, path.resolve(path.dirname(context.filename), source.value)).split(path.sep).join('/');
          const to = areaOf(target);
          if (!to) {
            if (layer.closed && !target.startsWith(`${from}/`)) context.report({ node: source, messageId: 'forbidden', data: { from, to: target, why: layer.why } });
            return;
          }
          if (to === from || to.startsWith(`${from}/`)) return;
          if (layer.may.some((allowed) => to === allowed || to.startsWith(`${allowed}/`))) return;
          context.report({ node: source, messageId: 'forbidden', data: { from, to, why: layer.why } });
        };
        return {
          ImportDeclaration: (node) => check(node.source),
          ExportNamedDeclaration: (node) => check(node.source),
          ExportAllDeclaration: (node) => check(node.source),
          ImportExpression: (node) => check(node.source),
        };
      },
    },
  },
};

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
  {
    files: ['renderer/**/*.{ts,tsx}', 'electron/**/*.ts'],
    plugins: { layering },
    rules: { 'layering/imports': 'error' },
  },
  {
    // The preload ships as one sandboxed file: `electron` is the only package it may load.
    files: ['electron/preload/**/*.ts', 'electron/common/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!electron$|\\.)', message: 'the preload loads no package but electron.' }] }] },
  },
);
