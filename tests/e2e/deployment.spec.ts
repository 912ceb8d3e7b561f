/**
 * The canvas shows the deployment (SPEC §6): every server one named box with its instances inside,
 * placement by a real mouse drag (saved in the file, undone in one step), the Logical view, and
 * "readable by default" — names ≥ 12 px at the first view of every template, calls ≥ 3:1 against
 * the canvas, overlays that never cover a card — at 1280×720, 1440×900 and 1920×1080.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { TEMPLATES } from '../../shared/document/templates';
import { test, expect, openApp, openTemplate, canvasNode, serverBox, viewportSettled, dropOnCanvas } from './fixtures';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
];

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const inside = (inner: Rect, outer: Rect) =>
  inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;
const intersects = (a: Rect, b: Rect) => a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y;

/** A small design with known names: Users → Orders (on app-1) → Orders DB (on app-2). */
const DESIGN = {
  format: 'topology-designer',
  version: 1,
  name: 'Placement',
  hosts: [
    { id: 'h1', name: 'app-1' },
    { id: 'h2', name: 'app-2' },
  ],
  nodes: [
    { id: 'users', kind: 'client', name: 'Users' },
    { id: 'orders', kind: 'service', name: 'Orders', instances: [{ host: 'h1' }] },
    { id: 'db', kind: 'database', name: 'Orders DB', instances: [{ host: 'h2' }] },
  ],
  edges: [
    { id: 'e1', from: 'users', to: 'orders' },
    { id: 'e2', from: 'orders', to: 'db' },
  ],
};

async function openDesign(page: Page, design: unknown, name = 'placement.topo'): Promise<void> {
  await dropOnCanvas(page, name, JSON.stringify(design));
  await expect(page.locator('.react-flow__node-topology').first()).toBeVisible();
  await viewportSettled(page);
}

/** Saves with Ctrl+S (a download in the browser) and returns the saved document. */
async function savedDocument(page: Page, path: string): Promise<{ nodes: { id: string; instances?: { host?: string }[] }[] }> {
  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  await (await download).saveAs(path);
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Every instance card (named "NODE on SERVER…") lies inside the box of the server it names. */
async function expectInstancesInsideServers(page: Page): Promise<number> {
  const cards = page.locator('.react-flow__node-topology[aria-label*=" on "]');
  const count = await cards.count();
  for (let i = 0; i < count; i += 1) {
    const card = cards.nth(i);
    const label = (await card.getAttribute('aria-label'))!;
    const server = label.split(' on ')[1]!.split(', instance')[0]!;
    const cardBox = (await card.boundingBox())!;
    const serverRect = (await serverBox(page, server).boundingBox())!;
    expect(inside(cardBox, serverRect), `${label} inside Server ${server}`).toBe(true);
  }
  return count;
}

/** Screen boxes of the cards that lie (at least partly) inside the canvas, in one round trip. */
async function cardsInView(page: Page): Promise<Rect[]> {
  const canvas = (await page.locator('.canvas').boundingBox())!;
  const boxes = await page.evaluate(() =>
    [...document.querySelectorAll('.react-flow__node-topology')].map((n) => {
      const r = n.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
  return boxes.filter((b) => intersects(b, canvas));
}

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('every server is one named group holding its instances', async ({ page }) => {
      await openApp(page);
      await openTemplate(page, 'Services, each on two servers');
      const template = TEMPLATES.find((t) => t.name === 'Services, each on two servers')!;
      for (const host of template.document.hosts) await expect(serverBox(page, host.name)).toHaveCount(1);
      expect(await expectInstancesInsideServers(page)).toBeGreaterThanOrEqual(template.document.hosts.length);
      await page.screenshot({ path: `test-results/deployment-${size.width}x${size.height}.png` });
    });

    test('a card dragged into a server box is placed there, saved, and undone in one step', async ({ page }, info) => {
      await openApp(page);
      await openDesign(page, DESIGN);
      // The whole design in view: a drop point near the pane's edge would pan the view under the pointer.
      await page.getByRole('button', { name: 'Fit', exact: true }).click();
      await viewportSettled(page);
      const orders = canvasNode(page, 'Orders');
      await expect(orders).toHaveAttribute('aria-label', 'Orders on app-1');
      const from = (await orders.boundingBox())!;
      const target = (await serverBox(page, 'app-2').boundingBox())!;
      // A real drag with the mouse, in steps, to the lower part of app-2's box.
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 3 });
      await page.mouse.move(target.x + target.width / 2, target.y + target.height - 12, { steps: 12 });
      await page.mouse.up();
      await expect(orders).toHaveAttribute('aria-label', 'Orders on app-2');
      expect(inside((await orders.boundingBox())!, (await serverBox(page, 'app-2').boundingBox())!)).toBe(true);
      await expect(serverBox(page, 'app-1')).toBeVisible();
      const saved = await savedDocument(page, info.outputPath('placed.topo'));
      expect(saved.nodes.find((n) => n.id === 'orders')!.instances).toEqual([{ host: 'h2' }]);
      await page.screenshot({ path: `test-results/deployment-drag-${size.width}x${size.height}.png` });
      await page.keyboard.press('Control+z');
      await expect(orders).toHaveAttribute('aria-label', 'Orders on app-1');
      expect(inside((await orders.boundingBox())!, (await serverBox(page, 'app-1').boundingBox())!)).toBe(true);
    });

    test('the Logical view shows one card per node by name, without servers', async ({ page }) => {
      await openApp(page);
      await openTemplate(page, 'Services, each on two servers');
      await expect(canvasNode(page, 'Orders service')).toHaveCount(2);
      await page.getByRole('button', { name: 'Logical' }).click();
      await expect(page.getByRole('button', { name: 'Logical' })).toHaveAttribute('aria-pressed', 'true');
      await expect(page.locator('.react-flow__node-server')).toHaveCount(0);
      await expect(page.locator('.react-flow__node-topology').and(page.getByLabel('Orders service', { exact: true }))).toHaveCount(1);
      await page.screenshot({ path: `test-results/logical-${size.width}x${size.height}.png` });
      await page.getByRole('button', { name: 'Logical' }).click();
      await expect(serverBox(page, 'gateway-1')).toBeVisible();
    });
  });
}

test.describe('readable by default at 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('names are at least 12 px on screen at the first view of every template; after Fit no overlay covers a card', async ({ page }) => {
    test.setTimeout(180_000);
    await openApp(page);
    for (const template of TEMPLATES) {
      await openTemplate(page, template.name);
      const report = await page.evaluate(() => {
        const viewport = document.querySelector('.react-flow__viewport') as HTMLElement;
        const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
        const sizes = [...document.querySelectorAll('.topo-node__line')].map((line) => parseFloat(getComputedStyle(line).fontSize) * zoom);
        return { smallest: Math.min(...sizes), count: sizes.length };
      });
      expect(report.count, template.name).toBeGreaterThan(0);
      expect(report.smallest, `${template.name}: smallest name on screen (px)`).toBeGreaterThanOrEqual(12);
      expect((await cardsInView(page)).length, `${template.name}: cards in view`).toBeGreaterThan(0);
      await page.screenshot({ path: `test-results/first-view-${template.id}.png` });
      // Fit shows the whole design clear of the minimap, the hosts legend and the zoom controls.
      await page.getByRole('button', { name: 'Fit', exact: true }).click();
      await viewportSettled(page);
      const visible = await cardsInView(page);
      for (const overlay of [page.locator('.react-flow__minimap'), page.locator('.host-legend'), page.locator('.react-flow__controls')]) {
        if ((await overlay.count()) === 0) continue;
        const o = (await overlay.boundingBox())!;
        expect(visible.filter((b) => intersects(b, o)), `${template.name}: cards under an overlay after Fit`).toEqual([]);
      }
    }
  });

  test('calls keep at least 3:1 contrast against the canvas in light and dark', async ({ page }) => {
    await openApp(page);
    await openTemplate(page, 'Monolith on one server');
    for (const theme of ['light', 'dark']) {
      const current = await page.evaluate(() => document.documentElement.dataset.theme);
      if (current !== theme) await page.getByRole('button', { name: /Switch to (light|dark) theme/ }).click();
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      const ratio = await page.evaluate(() => {
        const parse = (css: string) => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
        const luminance = ([r, g, b]: number[]) => {
          const channel = (v: number) => {
            const s = v / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          };
          return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
        };
        const stroke = parse(getComputedStyle(document.querySelector('.topo-edge')!).stroke);
        const canvas = parse(getComputedStyle(document.querySelector('.canvas .react-flow')!).backgroundColor);
        const [hi, lo] = [luminance(stroke), luminance(canvas)].sort((a, b) => b - a);
        return (hi! + 0.05) / (lo! + 0.05);
      });
      expect(ratio, `${theme}: call contrast`).toBeGreaterThanOrEqual(3);
    }
  });
});
