/**
 * Shared set-up of the browser benchmarks: the built web app served locally and opened in
 * headless Debian Chromium, plus helpers to open a design by dropping it and to count frames.
 */
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import type { Server } from 'node:http';
import { chromium, type Browser, type Page } from '@playwright/test';
// @ts-expect-error plain ESM helper without type declarations
import { serveStatic } from '../scripts/serveStatic.mjs';

export interface BenchPage {
  readonly page: Page;
  close(): Promise<void>;
}

export async function openBenchPage(): Promise<BenchPage> {
  if (!existsSync('dist/web/index.html')) execFileSync('npm', ['run', '--silent', 'build:web'], { stdio: 'inherit' });
  const server: Server = await serveStatic('dist/web', 0);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic', '--disable-renderer-backgrounding'],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('dialog', (d) => void d.accept());
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.getByRole('navigation', { name: 'Palette' }).waitFor();
  return {
    page,
    async close() {
      await browser.close();
      server.close();
    },
  };
}

/** Drops `text` as a file onto the canvas (how a user opens a design by drag and drop). */
export async function dropDesign(page: Page, name: string, text: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, text }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'application/json' }));
      return dt;
    },
    { name, text },
  );
  await page.locator('.canvas').dispatchEvent('drop', { dataTransfer });
}

/** Frames per second over `ms` while `drive` runs (counted with requestAnimationFrame in the page). */
export async function measureFps(page: Page, ms: number, drive: () => Promise<void>): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number; __counting: boolean };
    w.__frames = 0;
    w.__counting = true;
    const tick = () => {
      if (!w.__counting) return;
      w.__frames += 1;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const start = Date.now();
  await drive();
  const elapsed = Math.max(ms, Date.now() - start);
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number; __counting: boolean };
    w.__counting = false;
    return w.__frames;
  });
  return Math.round((frames / elapsed) * 1000 * 10) / 10;
}
