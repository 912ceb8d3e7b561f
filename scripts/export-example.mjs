// Writes docs/images/example-export.svg (and, with --dark, example-export-dark.svg beside it) from
// the built-in template "Services, each on two servers", exactly as `topo export --format svg` would.
// Usage: node scripts/export-example.mjs [--dark]
import { build } from 'esbuild';
import { mkdirSync, writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = `
  import { TEMPLATES } from './shared/document';
  import { classifyDesign } from './shared/classification';
  import { exportSvg } from './shared/export';
  export function render(theme) {
    const doc = TEMPLATES.find((t) => t.id === 'services-two-servers').document;
    return exportSvg(doc, { theme, classification: classifyDesign(doc) });
  }
`;
const scratch = mkdtempSync(join(tmpdir(), 'topo-example-'));
const bundle = join(scratch, 'example.mjs');
try {
  await build({ stdin: { contents: entry, resolveDir: root, loader: 'ts' }, bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'warning' });
  const { render } = await import(pathToFileURL(bundle).href);
  const out = join(root, 'docs', 'images');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'example-export.svg'), render('light'));
  console.log('wrote docs/images/example-export.svg');
  if (process.argv.includes('--dark')) {
    writeFileSync(join(out, 'example-export-dark.svg'), render('dark'));
    console.log('wrote docs/images/example-export-dark.svg');
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
