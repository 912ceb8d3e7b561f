/**
 * The desktop app itself, driven through Playwright's Electron support: the window loads over
 * app://, the page is isolated and sandboxed, HostApi is there, navigation is refused and the
 * native menu is in place. Needs the Electron binary (downloaded by electron's install script);
 * where it is missing this spec skips and says why.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
// @ts-expect-error plain ESM script without type declarations
import { findElectronBinary } from '../../scripts/start.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

// The same lookup `npm start` uses: no download fallback.
const binary = findElectronBinary(root, process.env);
const built = existsSync(path.join(root, 'dist/electron/main.cjs')) && existsSync(path.join(root, 'dist/web/index.html'));

test.describe('desktop app (Electron)', () => {
  test.skip(!binary, 'Electron binary not installed (node_modules/electron/dist is missing; run `npx install-electron` with network access)');
  test.skip(!built, 'run `npm run build:web && npm run build:electron` first');

  test('opens a secure window on app:// with HostApi and the native menu', async () => {
    const app = await electron.launch({ executablePath: binary!, args: ['.'], cwd: root });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      expect(page.url()).toBe('app://topology/index.html');

      const isolation = await page.evaluate(() => ({
        kind: (window as unknown as { topologyHost?: { kind: string } }).topologyHost?.kind,
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
      }));
      expect(isolation).toEqual({ kind: 'desktop', require: 'undefined', process: 'undefined' });

      const csp = await page.evaluate(async () => (await fetch('app://topology/index.html')).headers.get('content-security-policy'));
      expect(csp).toContain("script-src 'self'");

      // Navigation is refused in the main process: wait for its verdict on the attempt instead of for time to
      // pass. (A plain http address: https ones would be handed to the system browser.)
      type Verdict = { url: string; refused: boolean };
      await app.evaluate(({ webContents }) => {
        const contents = webContents.getAllWebContents().find((c) => c.getURL().startsWith('app://'))!;
        (globalThis as unknown as { navigationVerdict: Promise<Verdict> }).navigationVerdict = new Promise<Verdict>((resolve) => {
          // Registered after the app's own listener, so this one sees its decision.
          contents.once('will-navigate', (event, url) => resolve({ url, refused: event.defaultPrevented }));
        });
      });
      await page.evaluate(() => {
        window.location.href = 'http://localhost:9/elsewhere';
      });
      const verdict = await app.evaluate(() => (globalThis as unknown as { navigationVerdict: Promise<Verdict> }).navigationVerdict);
      expect(verdict).toEqual({ url: 'http://localhost:9/elsewhere', refused: true });
      expect(page.url()).toBe('app://topology/index.html');

      const menus = await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((item) => item.label.replace('&', '')));
      expect(menus).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Simulation', 'Help']));

      const recent = await page.evaluate(() => (window as unknown as { topologyHost: { recentFiles(): Promise<unknown[]> } }).topologyHost.recentFiles());
      expect(Array.isArray(recent)).toBe(true);
    } finally {
      await app.close();
    }
  });
});
