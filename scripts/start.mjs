#!/usr/bin/env node
// `npm start [-- FILE.topo]`: builds the web app and the Electron bundles, then launches the
// desktop app. Where the Electron binary is not installed (it is downloaded separately, and some
// machines have no network), says so in one line and serves the same app for a browser instead,
// at http://localhost:$PORT/ (default 5173) until Ctrl+C.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from './serveStatic.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The Electron executable if it is installed, else null — found the way node_modules/electron
 * finds it, but without its fallback of downloading the binary.
 */
export function findElectronBinary(projectRoot = root, environment = process.env) {
  const packageDir = path.join(projectRoot, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (environment.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = path.join(environment.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  if (!relative) return null;
  const candidate = path.join(packageDir, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}

function run(script) {
  const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', script], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`npm run ${script} failed; not starting.`);
    process.exit(result.status ?? 1);
  }
}

/** Listens on PORT, or when PORT is not set on the first free port from 5173 up. */
async function listen(directory) {
  const fixed = process.env.PORT !== undefined && process.env.PORT !== '';
  const first = fixed ? Number(process.env.PORT) : 5173;
  if (!Number.isInteger(first) || first < 0 || first > 65535) throw new Error(`PORT must be a port number, not "${process.env.PORT}"`);
  for (let port = first; port < first + (fixed ? 1 : 20); port++) {
    try {
      return await serveStatic(directory, port);
    } catch (error) {
      if (error?.code !== 'EADDRINUSE') throw error;
      if (fixed) throw new Error(`port ${port} is in use; choose another with PORT=…`, { cause: error });
    }
  }
  throw new Error(`ports ${first}–${first + 19} are all in use; choose one with PORT=…`);
}

/**
 * Electron ≥ 45 downloads its binary on first use rather than at install. Try that once, quietly
 * (a machine without network fails fast); ELECTRON_SKIP_BINARY_DOWNLOAD=1 skips the attempt.
 */
function tryDownloadElectron(environment = process.env) {
  if (environment.ELECTRON_SKIP_BINARY_DOWNLOAD) return false;
  const installer = path.join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return false;
  console.log('Fetching the Electron binary (first start)…');
  const result = spawnSync(process.execPath, [installer], { cwd: path.dirname(installer), stdio: 'pipe', timeout: 180_000 });
  return result.status === 0;
}

async function main() {
  run('build:web');
  let binary = findElectronBinary();
  let downloadFailed = false;
  if (!binary) {
    downloadFailed = !tryDownloadElectron();
    binary = findElectronBinary();
  }
  if (binary) {
    run('build:electron');
    const child = spawn(binary, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
    return;
  }
  const server = await listen(path.join(root, 'dist', 'web'));
  const { port } = server.address();
  const why = downloadFailed && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD ? 'no binary, and it could not be downloaded' : 'no binary';
  console.log(`Electron is not installed here (${why}); serving the app for your browser at http://localhost:${port}/ (Ctrl+C to stop)`);
  process.on('SIGINT', () => server.close(() => process.exit(0)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`npm start: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
