// Bundles the `topo` CLI (and its worker threads) into dist/cli with esbuild: one CommonJS file per
// entry, so `npx topo` starts fast and needs nothing but Node.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entries = {
  topo: 'cli/bin.ts',
  'sweep-worker': 'cli/sweepWorker.ts',
  'capacity-worker': 'cli/capacityWorker.ts',
};

const entryPoints = Object.fromEntries(
  Object.entries(entries)
    .filter(([, file]) => existsSync(join(root, file)))
    .map(([name, file]) => [name, join(root, file)]),
);

await build({
  entryPoints,
  outdir: join(root, 'dist', 'cli'),
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Native rasterizer: loaded from node_modules at run time.
  external: ['@resvg/resvg-js'],
});
