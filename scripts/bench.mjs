// `npm run bench [-- --json] [-- --only NAME] [-- --vs-simpy]`: runs every bench/*.bench.ts module and
// prints its measurements; `--vs-simpy` runs only the side by side with SimPy (bench/simpy.bench.ts),
// which the other runs leave out (it takes a minute of Python). Each module exports `run(): Promise<Record<string, number | string>>`; modules are
// bundled with esbuild into dist/bench first so they run under plain Node.
import { build } from 'esbuild';
import { readdirSync, mkdirSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';
import { spawnSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const onlyIndex = args.indexOf('--only');
const vsSimpy = args.includes('--vs-simpy');
const only = vsSimpy ? 'simpy' : onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;

const files = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => (!only || f.startsWith(only)) && (f.startsWith('simpy') === (only?.startsWith('simpy') ?? false)))
  .sort();
// The sweep and capacity benches run the CLI's worker bundles (dist/cli): built afresh, so that a
// stale worker from an older build never answers a newer pool.
const cliBuild = spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });
if (cliBuild.status !== 0) {
  process.stderr.write('bench: building the CLI (scripts/build-cli.mjs) failed\n');
  process.exit(1);
}
const outdir = join(root, 'dist', 'bench');
mkdirSync(outdir, { recursive: true });
await build({
  entryPoints: files.map((f) => join(root, 'bench', f)),
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});

// Each module runs in a Node process of its own, so memory figures (peak RSS) and JIT state of
// one benchmark do not leak into the next.
const results = {};
for (const file of files) {
  const name = basename(file, '.ts');
  if (!json) process.stderr.write(`running ${name}…\n`);
  const url = pathToFileURL(join(outdir, `${name}.mjs`)).href;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(url)}); process.stdout.write('\\u0000' + JSON.stringify(await m.run()));`], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const marker = child.stdout.lastIndexOf('\u0000');
  if (child.status !== 0 || marker < 0) {
    process.stderr.write(`${name} failed (exit ${child.status})\n${child.stdout}\n`);
    process.exitCode = 1;
    continue;
  }
  Object.assign(results, JSON.parse(child.stdout.slice(marker + 1)));
}
const machine = {
  date: new Date().toISOString().slice(0, 10),
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
};
if (json) {
  process.stdout.write(JSON.stringify({ machine, ...results }, null, 2) + '\n');
} else {
  const width = Math.max(...Object.keys(results).map((k) => k.length));
  process.stdout.write(`${machine.date} · ${machine.cpu} · ${machine.cores} cores · ${machine.memoryGiB} GiB · Node ${machine.node}\n`);
  for (const [key, value] of Object.entries(results)) process.stdout.write(`${key.padEnd(width)}  ${value}\n`);
}
