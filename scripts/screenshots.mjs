// `npm run screenshots`: the README's pictures, docs/images/{editor,simulation,compare,sweep,availability,sessions}.png and
// example-export.svg. Builds the web app when dist/web is missing or older than its sources, serves it on a free
// local port, drives Debian's Chromium (CHROMIUM_PATH elsewhere) with Playwright's library API, offline, at the
// e2e tests' window size, and writes the files. The tests never write them: pictures change only when someone
// runs this on purpose and commits the result.
// Usage: node scripts/screenshots.mjs [--out DIR] [--build] [--only NAME,NAME…] (names: the scenes below, example-export)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { serveStatic } from './serveStatic.mjs';
import { writeExampleExport } from './export-example.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Generous: a sweep on a busy machine takes a while; every wait is on a state, this only bounds it. */
const TIMEOUT_MS = 120_000;

/** The newest modification time (ms) of the files under `paths`. */
function newestChange(paths) {
  let newest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const path of paths) visit(join(root, path));
  return newest;
}

/** Builds dist/web when asked to, when it is missing, or when a source changed since it was built. */
function ensureWebBuild(force) {
  const built = join(root, 'dist/web/index.html');
  const stale = !existsSync(built) || statSync(built).mtimeMs < newestChange(['renderer', 'shared', 'vite.renderer.config.ts', 'package.json']);
  if (!force && !stale) return;
  console.log('building the web app (npm run build:web)…');
  const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build:web'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run build:web exited with ${result.status ?? result.signal}`);
}

/** The simulated clock shown in the toolbar, in seconds, read inside the page. */
function clockAtLeast(seconds) {
  return [
    (min) => {
      const text = document.querySelector('[aria-label="Simulated time"]')?.textContent ?? '';
      const match = /t = ([\d.]+)/.exec(text);
      return match !== null && Number(match[1]) >= min;
    },
    seconds,
  ];
}

/** Waits until the viewport's transform has not changed over 15 painted frames (zoom-to-fit done). */
async function viewportSettled(page) {
  await page.evaluate(
    () =>
      new Promise((done) => {
        const transform = () => document.querySelector('.react-flow__viewport')?.style.transform ?? '';
        let last = transform();
        let steady = 0;
        const check = () => {
          const now = transform();
          steady = now === last ? steady + 1 : 0;
          last = now;
          if (steady >= 15) done();
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
  );
}

async function openTemplate(page, name) {
  await page.getByRole('button', { name: 'New from template' }).click();
  await page.getByRole('menuitem', { name, exact: true }).click();
  await viewportSettled(page);
}

/** A node's card: its name in the logical view, "NAME on SERVER…" for each instance card in the deployment view. */
const canvasNode = (page, name) =>
  page.locator('.react-flow__node').and(page.getByLabel(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( on .+)?$`))).first();

async function addHostDownScenario(page, host, from, until) {
  const dock = page.getByRole('region', { name: 'Simulation dock' });
  await dock.getByRole('tab', { name: 'Scenario' }).click();
  await dock.getByRole('button', { name: 'New scenario' }).click();
  await dock.getByLabel('Fault type').selectOption('host-down');
  await dock.getByLabel('Fault target').selectOption({ label: host });
  await dock.getByLabel('Fault from').fill(from);
  await dock.getByLabel('Fault until').fill(until);
  await dock.getByRole('button', { name: 'Add fault' }).click();
  await dock.getByRole('list', { name: 'Faults' }).getByText(`${host} down from ${from} s to ${until} s`).waitFor();
}

/** Each picture: what to do before the screenshot is taken. */
const SCENES = {
  async editor(page) {
    await openTemplate(page, 'Services, each on two servers');
    // The whole deployment in the picture: a large design opens zoomed on its entry points.
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await canvasNode(page, 'Orders service').click();
    await page.mouse.move(700, 860);
  },
  async simulation(page) {
    await openTemplate(page, 'Layers, each on its own server');
    await addHostDownScenario(page, 'logic-server', '2', '5');
    await page.getByLabel('Speed').selectOption('0.5');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    // Two seconds into the fault (one wall-clock second before it ends at 0.5×), pause: the picture is of a
    // frozen moment, whatever the machine's pace.
    await page.waitForFunction(...clockAtLeast(4), { polling: 'raf', timeout: TIMEOUT_MS });
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByRole('button', { name: 'Host logic-server, down' }).waitFor();
  },
  async compare(page) {
    await openTemplate(page, 'Layers, each on its own server');
    await addHostDownScenario(page, 'data-server', '10', '40');
    const dock = page.getByRole('region', { name: 'Simulation dock' });
    await dock.getByRole('tab', { name: 'Compare' }).click();
    await dock.getByRole('button', { name: 'Compare with baseline' }).click();
    await dock.getByRole('table', { name: 'Comparison with baseline' }).waitFor();
  },
  async sweep(page) {
    await openTemplate(page, 'Layers, each on its own server');
    const dock = page.getByRole('region', { name: 'Simulation dock' });
    await dock.getByRole('tab', { name: 'Sweep' }).click();
    await dock.getByRole('button', { name: 'Run failure sweep' }).click();
    const table = dock.getByRole('table', { name: 'Failure sweep' });
    await table.waitFor();
    await table.getByRole('row').nth(1).getByRole('button').click();
    await page.mouse.move(5, 5);
    await page.locator('.topo-node.is-highlighted').first().waitFor();
  },
  async availability(page) {
    await openTemplate(page, 'Layers, each on two servers');
    await page.getByRole('tab', { name: 'Availability' }).click();
    const contributors = page.getByRole('list', { name: 'Downtime contributors of Users' });
    await contributors.waitFor();
    // Hovering the worst contributor highlights its server on the canvas.
    await contributors.getByRole('button').first().hover();
    await page.locator('.server-box.is-highlighted').first().waitFor();
  },
  async sessions(page) {
    await openTemplate(page, 'Cluster with local sessions');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    // Three simulated seconds in, the session-lost glyphs burst at the instances: pause on them.
    await page.waitForFunction(...clockAtLeast(3), { polling: 'raf', timeout: TIMEOUT_MS });
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const findings = page.getByRole('region', { name: 'Classification' });
    await findings.getByRole('button', { name: 'Why? Sessions in a cluster' }).click();
    await findings.getByRole('button', { name: /^Fix it/ }).scrollIntoViewIfNeeded();
    await page.mouse.move(5, 5);
  },
};

async function main() {
  const at = process.argv.indexOf('--out');
  const out = at > 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]) : join(root, 'docs/images');
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt > 0 && process.argv[onlyAt + 1] ? process.argv[onlyAt + 1].split(',') : null;
  ensureWebBuild(process.argv.includes('--build'));
  mkdirSync(out, { recursive: true });
  const server = await serveStatic(join(root, 'dist/web'), 0);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const baseURL = `http://localhost:${server.address().port}/`;
    for (const [name, scene] of Object.entries(SCENES).filter(([name]) => only === null || only.includes(name))) {
      // A fresh context per picture: no autosaved work offered back, no state from the previous scene.
      const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
      context.setDefaultTimeout(TIMEOUT_MS);
      await context.route('**/*', (route) => {
        const url = new URL(route.request().url());
        return url.protocol === 'data:' || url.protocol === 'blob:' || LOCAL_HOSTS.has(url.hostname) ? route.continue() : route.abort('internetdisconnected');
      });
      const page = await context.newPage();
      page.on('dialog', (dialog) => void dialog.accept());
      await page.goto('./');
      await page.getByRole('navigation', { name: 'Palette' }).waitFor();
      await scene(page);
      // Let hover styles and the last store update paint before the picture is taken.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      const file = join(out, `${name}.png`);
      await page.screenshot({ path: file });
      console.log(`wrote ${file}`);
      await context.close();
    }
    if (only === null || only.includes('example-export')) for (const file of await writeExampleExport(out)) console.log(`wrote ${file}`);
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
