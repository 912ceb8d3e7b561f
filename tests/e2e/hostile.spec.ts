/**
 * Hostile and extreme input in the app: a run the simulator's work budget stops says so in the
 * dock; the largest accepted design opens while the page stays responsive, a larger one and a
 * file that is not UTF-8 are refused with a message.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, openApp, canvasNode, dropOnCanvas } from './fixtures';
import { zeroLatencyLattice } from '../../shared/simulation/testing/extreme';
import { LIMITS } from '../../shared/document/limits';

/** Drops a file with `content` (text, or bytes as numbers) on the canvas. */
function dropFile(page: Page, name: string, content: string | number[]): Promise<void> {
  return dropOnCanvas(page, name, typeof content === 'string' ? content : Uint8Array.from(content));
}

test('a run the work budget stops says why and when in the dock', async ({ page }) => {
  await openApp(page);
  // 1,000,000 requests per second into a lattice of instant services: simulated time cannot advance.
  await dropFile(page, 'stall.topo', JSON.stringify(zeroLatencyLattice(12, 1e6)));
  await expect(page.locator('.react-flow__node-topology').first()).toBeVisible();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const line = page.getByRole('status', { name: 'Simulation stopped early' });
  await expect(line).toBeVisible({ timeout: 60_000 });
  await expect(line).toContainText(/^Stopped early at 0\.0 s: simulated time stopped advancing for 1,000,000 events: synchronous calls between nodes with latencyMs 0 \(.+\) loop without time passing: give them a latency\. The results so far are partial\.$/);
  await page.screenshot({ path: '/tmp/hostile-budget-stop.png' });
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(line).toHaveCount(0);
});

/** A design of `count` services in a temp folder (never a committed fixture). */
function designFile(count: number): string {
  const nodes = Array.from({ length: count }, (_, i) => ({ id: `s${i}`, kind: 'service', name: `Service ${i}` }));
  const edges = Array.from({ length: Math.min(count - 1, 1000) }, (_, i) => ({ id: `e${i}`, from: `s${i}`, to: `s${i + 1}` }));
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'topo-hostile-')), `design-${count}.topo`);
  writeFileSync(file, JSON.stringify({ format: 'topology-designer', version: 1, name: `${count} services`, nodes, edges }));
  return file;
}

async function openWithDialog(page: Page, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Control+o');
  await (await chooser).setFiles(file);
}

test('the largest accepted design loads off the main thread: the page answers a click meanwhile, then it opens', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page);
  const file = designFile(LIMITS.nodes);
  // Records, for each click on the dock's toggle, whether the loading line was still up when the page handled it.
  await page.evaluate(() => {
    const seen: boolean[] = [];
    (window as unknown as { __clicksWhileLoading: boolean[] }).__clicksWhileLoading = seen;
    document.addEventListener('click', (event) => {
      if ((event.target as Element).closest('.dock__toggle')) seen.push(document.querySelector('.loading-status') !== null);
    }, true);
  });
  // The loader worker's script is held until the click below is handled: the file is then surely
  // still loading, whatever the speed of the machine (a wait on a condition, not on time).
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let requested!: () => void;
  const workerRequested = new Promise<void>((resolve) => (requested = resolve));
  await page.route(/document\.worker-[^/]*\.js$/, async (route) => {
    requested();
    await held;
    await route.continue();
  });
  await openWithDialog(page, file);
  const loading = page.getByRole('status', { name: 'Loading' });
  await expect(loading).toContainText(/^Loading design-20000\.topo… \d+ %$/);
  await workerRequested;
  await page.screenshot({ path: '/tmp/hostile-loading.png' });
  const toggle = page.locator('.dock__toggle');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  expect(await page.evaluate(() => (window as unknown as { __clicksWhileLoading: boolean[] }).__clicksWhileLoading)).toEqual([true]);
  release();
  await expect(page.locator('.react-flow__node-topology').first()).toBeVisible({ timeout: 200_000 });
  await expect(loading).toHaveCount(0);
  await expect(page.getByText('20000 services').first()).toBeVisible();
  await page.screenshot({ path: '/tmp/hostile-20000.png' });
});

test('a design past the node limit is refused with the limit named, the open design unchanged', async ({ page }) => {
  await openApp(page);
  await openWithDialog(page, designFile(LIMITS.nodes + 1));
  const notice = page.locator('.notice--error');
  await expect(notice).toContainText('Cannot open design-20001.topo', { timeout: 60_000 });
  await expect(notice).toContainText(/nodes: .*20,000/);
  await expect(notice).toContainText('Your current design is unchanged.');
  await expect(page.getByRole('status', { name: 'Loading' })).toHaveCount(0);
});

test('a file that is not UTF-8 is refused with a message, dropped or opened', async ({ page }) => {
  await openApp(page);
  // "café" in Latin-1: 0xe9 is no UTF-8.
  const bytes = [...Buffer.from('{"format":"topology-designer","version":1,"name":"caf'), 0xe9, ...Buffer.from('","nodes":[],"edges":[]}')];
  await dropFile(page, 'latin1.topo', bytes);
  const notice = page.locator('.notice--error').last();
  await expect(notice).toContainText('latin1.topo is not valid UTF-8 text (decoding fails at byte offset 53).');
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'topo-hostile-')), 'latin1.topo');
  writeFileSync(file, Buffer.from(bytes));
  await page.locator('.notice__close').first().click();
  await openWithDialog(page, file);
  await expect(page.locator('.notice--error').last()).toContainText('latin1.topo is not valid UTF-8 text (decoding fails at byte offset 53).');
  await page.screenshot({ path: '/tmp/hostile-utf8.png' });
});

test('nodes with the ids __proto__, constructor and toString open, render and drag on the canvas', async ({ page, pageErrors }) => {
  await openApp(page);
  const design = {
    format: 'topology-designer',
    version: 1,
    name: 'Prototype names',
    hosts: [{ id: 'h1', name: 'box-1' }],
    nodes: [
      { id: '__proto__', kind: 'service', name: 'Proto', instances: [{ host: 'h1' }] },
      { id: 'constructor', kind: 'service', name: 'Constructor', instances: [{ host: 'h1' }] },
      { id: 'toString', kind: 'client', name: 'ToString' },
    ],
    edges: [{ id: 'toString->__proto__', from: 'toString', to: '__proto__' }, { id: '__proto__->constructor', from: '__proto__', to: 'constructor' }],
  };
  // JSON.stringify writes an own `__proto__` key as an ordinary one; add the card's saved position by text.
  const text = JSON.stringify(design).replace('"edges":', '"view":{"deployment":{"cards":{"__proto__":{"x":0,"y":0},"toString":{"x":-400,"y":40}}}},"edges":');
  await dropFile(page, 'proto.topo', text);
  for (const name of ['Proto', 'Constructor', 'ToString']) await expect(canvasNode(page, name)).toBeVisible();
  const card = canvasNode(page, 'ToString');
  const before = await card.boundingBox();
  await card.hover();
  await page.mouse.down();
  await page.mouse.move(before!.x + before!.width / 2 - 120, before!.y + before!.height / 2 + 80, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => (await card.boundingBox())!.x).toBeLessThan(before!.x - 60);
  await page.screenshot({ path: '/tmp/hostile-proto.png' });
  expect(pageErrors).toEqual([]);
});

test('compare with a file reads it off the main thread: a UTF-16 file compares, invalid UTF-8 is refused', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'New from template' }).click();
  await page.getByRole('menuitem', { name: 'Monolith on one server', exact: true }).click();
  const folder = mkdtempSync(path.join(tmpdir(), 'topo-hostile-'));
  const bad = path.join(folder, 'latin1.topo');
  writeFileSync(bad, Buffer.from([0x7b, 0xe9, 0x7d]));
  const compareWith = async (file: string) => {
    await page.getByRole('button', { name: 'File' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('menuitem', { name: 'Compare with file…' }).click();
    await (await chooser).setFiles(file);
  };
  await compareWith(bad);
  await expect(page.locator('.notice--error').last()).toContainText('latin1.topo is not valid UTF-8 text (decoding fails at byte offset 1).');
  // The same design, other name, as UTF-16LE with its byte-order mark.
  const design = { format: 'topology-designer', version: 1, name: 'Wide', nodes: [{ id: 'solo', kind: 'service', name: 'Solo service' }], edges: [] };
  const wide = path.join(folder, 'wide.topo');
  writeFileSync(wide, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(design), 'utf16le')]));
  await compareWith(wide);
  await expect(page.getByRole('region', { name: 'Changes' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Changes' })).toContainText('Solo service');
});
