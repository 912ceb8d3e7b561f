/**
 * A network partition on the canvas: while a scenario's partition is in force, each side's servers
 * are ringed in the side's colour and a dashed "partition" cut runs between the sides, clear of
 * every server box; it follows the zoom, and it is gone once the partition heals.
 */
import type { Page } from '@playwright/test';
import { test, expect, openApp, openTemplate, viewportSettled } from './fixtures';

interface Rect {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

interface Drawn {
  servers: Record<string, Rect>;
  rings: { host: string; side: number; rect: Rect }[];
  lines: Rect[];
  labels: string[];
}

/** The server boxes, rings and cut lines on screen, all read in one go. */
async function drawn(page: Page): Promise<Drawn> {
  return page.evaluate(() => {
    const rect = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    };
    const servers: Record<string, Rect> = {};
    for (const el of document.querySelectorAll('[data-testid^="server-"]')) servers[el.getAttribute('data-testid')!.slice('server-'.length)] = rect(el);
    const rings = [...document.querySelectorAll<HTMLElement>('.partition-ring')].map((el) => ({ host: el.dataset.host!, side: Number(el.dataset.side), rect: rect(el) }));
    const lines = [...document.querySelectorAll('.partition-cut__line')].map(rect);
    const labels = [...document.querySelectorAll('.partition-cut__label')].map((el) => el.textContent ?? '');
    return { servers, rings, lines, labels };
  });
}

/** The cut is one vertical line between the database server (h5) and the others, rings on both sides. */
function expectCutBetween(d: Drawn): void {
  const db = d.servers.h5!;
  const rest = ['h1', 'h2', 'h3', 'h4'].map((h) => d.servers[h]!);
  expect(d.lines).toHaveLength(1);
  expect(d.labels).toEqual(['≠ partition']);
  const line = d.lines[0]!;
  expect(line.right - line.left).toBeLessThan(1);
  expect(line.left).toBeGreaterThan(Math.max(...rest.map((r) => r.right)));
  expect(line.right).toBeLessThan(db.left);
  expect(line.top).toBeLessThan(Math.min(db.top, ...rest.map((r) => r.top)));
  expect(line.bottom).toBeGreaterThan(Math.max(db.bottom, ...rest.map((r) => r.bottom)));
  expect(d.rings.map((r) => [r.host, r.side]).sort()).toEqual([
    ['h1', 1],
    ['h2', 1],
    ['h3', 1],
    ['h4', 1],
    ['h5', 0],
  ]);
  for (const ring of d.rings) {
    const server = d.servers[ring.host]!;
    expect(ring.rect.left).toBeLessThan(server.left);
    expect(ring.rect.right).toBeGreaterThan(server.right);
    expect(ring.rect.top).toBeLessThan(server.top);
    expect(ring.rect.bottom).toBeGreaterThan(server.bottom);
  }
}

test('a partition draws its cut between the sides while in force, following the zoom, and not after it heals', async ({ page, pageErrors }) => {
  await openApp(page);
  await openTemplate(page, 'Monolith on three servers (cluster)');
  await expect(page.locator('.partition-layer')).toHaveCount(0);
  const dock = page.getByRole('region', { name: 'Simulation dock' });
  await dock.getByRole('tab', { name: 'Scenario' }).click();
  await dock.getByRole('button', { name: 'New scenario' }).click();
  await dock.getByLabel('Fault type').selectOption('partition');
  await dock.getByRole('checkbox', { name: 'db-1', exact: true }).check();
  await dock.getByLabel('Fault from').fill('1');
  await dock.getByLabel('Fault until').fill('4');
  await dock.getByRole('button', { name: 'Add fault' }).click();
  await expect(dock.getByRole('list', { name: 'Faults' }).getByRole('listitem')).toHaveCount(1);
  // At 0.5× the 3 s partition lasts 6 wall-clock seconds; pausing as soon as it shows freezes it.
  await page.getByLabel('Speed').selectOption('0.5');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const cut = page.getByRole('group', { name: 'Partition: db-1 | lb-1, server-1, server-2, server-3' });
  await expect(cut).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await viewportSettled(page);
  const fitted = await drawn(page);
  expectCutBetween(fitted);
  await page.screenshot({ path: '/tmp/ui-partition-cut.png' });

  // Zoomed in, the cut is drawn at the new scale and still runs between the sides.
  await page.getByRole('button', { name: 'Zoom In' }).click();
  await viewportSettled(page);
  const zoomed = await drawn(page);
  expectCutBetween(zoomed);
  const height = (d: Drawn) => d.lines[0]!.bottom - d.lines[0]!.top;
  expect(height(zoomed)).toBeGreaterThan(height(fitted) * 1.1);

  // The partition heals at 4 s: the cut and the rings go.
  await page.getByLabel('Speed').selectOption('5');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.locator('.partition-layer')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.locator('.partition-ring')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});
