/**
 * Level of detail: a generated 2,000-node design zoomed out is drawn on one canvas layer (no DOM
 * element per server, card or call); a click on a card's spot selects its node (the inspector shows
 * it), a right click opens its menu, Shift-drag box-selects, and a double click zooms back in to
 * the DOM cards.
 */
import { serializeDocument } from '../../shared/document';
import { deploymentGeometry } from '../../shared/layout';
import type { CardBox } from '../../shared/layout/types';
import { generateDesign } from '../../bench/generateDesign';
import { animationFrames, expect, openApp, test, viewportSettled, dropOnCanvas } from './fixtures';
import type { Page } from '@playwright/test';

const design = generateDesign(2000, 3000, 11, { hostCount: 400 });
const geometry = deploymentGeometry(design);

async function dropDesign(page: Page): Promise<void> {
  await dropOnCanvas(page, 'large.topo', serializeDocument(design));
}

/** The viewport transform React Flow applies (translate x, y, then scale). */
async function viewport(page: Page): Promise<{ x: number; y: number; zoom: number }> {
  const transform = await page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  const m = /translate\(([-\d.e]+)px, ([-\d.e]+)px\) scale\(([-\d.e]+)\)/.exec(transform);
  if (!m) throw new Error(`unexpected transform ${transform}`);
  return { x: Number(m[1]), y: Number(m[2]), zoom: Number(m[3]) };
}

/** Where the centre of `card` is on the page now. */
async function onScreen(page: Page, card: CardBox): Promise<{ x: number; y: number }> {
  const box = (await page.locator('.react-flow').boundingBox())!;
  const v = await viewport(page);
  return { x: box.x + v.x + (card.x + card.width / 2) * v.zoom, y: box.y + v.y + (card.y + card.height / 2) * v.zoom };
}

/** The card whose centre is nearest the centre of the canvas now (clear of the overlays). */
async function cardNearCentre(page: Page): Promise<CardBox> {
  const box = (await page.locator('.react-flow').boundingBox())!;
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  let best: CardBox | null = null;
  let distance = Infinity;
  const v = await viewport(page);
  for (const card of geometry.cards) {
    if (card.hostId === null) continue;
    const x = box.x + v.x + (card.x + card.width / 2) * v.zoom;
    const y = box.y + v.y + (card.y + card.height / 2) * v.zoom;
    const d = Math.hypot(x - centre.x, y - centre.y);
    if (d < distance) {
      distance = d;
      best = card;
    }
  }
  return best!;
}

/** Zooms out with the mouse wheel over the canvas until below `zoom`. */
async function wheelOutBelow(page: Page, zoom: number): Promise<void> {
  const box = (await page.locator('.react-flow').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 30 && (await viewport(page)).zoom >= zoom; i += 1) {
    await page.mouse.wheel(0, 120);
    await viewportSettled(page);
  }
}

test('a large design zoomed out is drawn on one canvas, and stays interactive', async ({ page }) => {
  test.slow();
  await openApp(page);
  await dropDesign(page);
  // The opening view: a readable zoom, DOM cards.
  await expect(page.locator('.react-flow__node-topology').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('lod-layer')).toHaveCount(0);

  // Fitted: far below the threshold — one canvas, no card, server or call in the DOM.
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await viewportSettled(page);
  expect((await viewport(page)).zoom).toBeLessThan(0.45);
  const layer = page.getByTestId('lod-layer');
  await expect(layer).toHaveAttribute('data-cards', String(geometry.cards.length));
  expect(await page.locator('.react-flow__node').count()).toBe(0);
  expect(await page.locator('.react-flow__edge').count()).toBe(0);
  expect(await page.locator('.domain-box').count()).toBe(0);

  // A double click on the canvas opens the spot at a readable zoom: DOM cards again.
  const pane = (await page.locator('.react-flow').boundingBox())!;
  await page.mouse.dblclick(pane.x + pane.width / 2, pane.y + pane.height / 2);
  await viewportSettled(page);
  expect((await viewport(page)).zoom).toBeGreaterThanOrEqual(0.45);
  await expect(layer).toHaveCount(0);
  await expect(page.locator('.react-flow__node-topology').first()).toBeVisible();

  // Zoomed out with the wheel: the layer again.
  await wheelOutBelow(page, 0.4);
  await expect(layer).toHaveAttribute('data-cards', /\d+/);
  expect(await page.locator('.react-flow__node').count()).toBe(0);

  // A click on a card's spot selects its node.
  const card = await cardNearCentre(page);
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  let at = await onScreen(page, card);
  await page.mouse.click(at.x, at.y);
  await expect(inspector.getByLabel('Id', { exact: true })).toHaveValue(card.nodeId);

  // A right click opens that node's menu (with "Fail at…").
  await page.mouse.click(at.x, at.y, { button: 'right' });
  const name = design.nodes.find((n) => n.id === card.nodeId)!.name;
  const menu = page.getByRole('menu', { name: `${name} actions` });
  await expect(menu.getByRole('menuitem', { name: 'Fail at… (node down)' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);

  // Shift-drag around the card's server box-selects the nodes whose cards lie inside.
  const server = geometry.servers.find((s) => s.hostId === card.hostId)!;
  const inServer = new Set(geometry.cards.filter((c) => c.hostId === server.hostId).map((c) => c.nodeId));
  const topLeft = await onScreen(page, { ...card, x: server.x - 10, y: server.y - 10, width: 0, height: 0 });
  const bottomRight = await onScreen(page, { ...card, x: server.x + server.width + 10, y: server.y + server.height + 10, width: 0, height: 0 });
  await page.keyboard.down('Shift');
  await page.mouse.move(topLeft.x, topLeft.y);
  await page.mouse.down();
  await page.mouse.move((topLeft.x + bottomRight.x) / 2, (topLeft.y + bottomRight.y) / 2, { steps: 3 });
  await page.mouse.move(bottomRight.x, bottomRight.y, { steps: 3 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  if (inServer.size > 1) await expect(inspector.getByRole('heading', { name: `${inServer.size} selected` })).toBeVisible();
  else await expect(inspector.getByLabel('Id', { exact: true })).toHaveValue(card.nodeId);

  // A double click opens the spot at a readable zoom: the DOM cards are back, the layer is gone.
  at = await onScreen(page, card);
  await page.mouse.dblclick(at.x, at.y);
  await viewportSettled(page);
  expect((await viewport(page)).zoom).toBeGreaterThanOrEqual(0.45);
  await expect(page.getByTestId('lod-layer')).toHaveCount(0);
  await expect(page.getByTestId(`node-${card.key}`)).toBeVisible();
  await animationFrames(page, 2);
  const domCards = await page.locator('.react-flow__node-topology').count();
  expect(domCards).toBeGreaterThan(0);
  // Only what is in view is in the DOM.
  expect(domCards).toBeLessThan(geometry.cards.length / 4);
});
