// Writes docs/images/example-export.svg (and, with --dark, example-export-dark.svg beside it) from
// the built-in template "Services, each on two servers", exactly as `topo export --format svg` would.
// `npm run screenshots` calls it too, with the README's screenshots.
// Usage: node scripts/export-example.mjs [--dark] [--out DIR]
import { build } from 'esbuild';
import { mkdirSync, writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
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

/**
 * Writes example-export.svg (and example-export-dark.svg when `dark`) into `out`.
 * @param {string} out the folder (made when missing)
 * @param {{ dark?: boolean }} [options]
 * @returns {Promise<string[]>} the files written
 */
export async function writeExampleExport(out, options = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'topo-example-'));
  const bundle = join(scratch, 'example.mjs');
  try {
    await build({ stdin: { contents: entry, resolveDir: root, loader: 'ts' }, bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'warning' });
    const { render } = await import(pathToFileURL(bundle).href);
    mkdirSync(out, { recursive: true });
    const written = [join(out, 'example-export.svg')];
    writeFileSync(written[0], render('light'));
    if (options.dark) {
      written.push(join(out, 'example-export-dark.svg'));
      writeFileSync(written[1], render('dark'));
    }
    return written;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  const out = at > 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]) : join(root, 'docs', 'images');
  for (const file of await writeExampleExport(out, { dark: process.argv.includes('--dark') })) console.log(`wrote ${file}`);
}
