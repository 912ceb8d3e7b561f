/**
 * "Compare with…": a template against an edited copy of itself (one node renamed, one added, one
 * deleted) marks the canvas with text as well as colour, lists the changes, selects an element
 * from its change, and Esc ends the comparison. And the import report: what an import could not
 * map stays in its own panel, per object, until dismissed.
 */
import type { Page } from '@playwright/test';
import { test, expect, openApp, openTemplate, canvasNode, dropOnCanvas } from './fixtures';

async function dropText(page: Page, name: string, text: string) {
  await dropOnCanvas(page, name, text, 'application/yaml');
}

test('comparing with the last saved version marks, lists and selects the changes', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, 'Monolith on three servers (cluster)');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });

  await canvasNode(page, 'Load balancer').click();
  const name = inspector.getByLabel('Name', { exact: true });
  await name.fill('Gateway');
  await name.press('Enter');
  await expect(canvasNode(page, 'Gateway')).toBeVisible();
  // Delete before adding: a card added from the palette lands mid-view and may cover Shop DB.
  await canvasNode(page, 'Shop DB').click();
  await expect(inspector.getByLabel('Name', { exact: true })).toHaveValue('Shop DB');
  await page.keyboard.press('Delete');
  await expect(canvasNode(page, 'Shop DB')).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Palette' }).getByRole('button', { name: 'Cache', exact: true }).click();
  await expect(canvasNode(page, 'Cache')).toBeVisible();

  await page.getByRole('button', { name: 'File' }).click();
  await page.getByRole('menuitem', { name: 'Compare with last saved version' }).click();

  const changes = page.getByRole('region', { name: 'Changes' });
  await expect(changes).toBeVisible();
  await expect(canvasNode(page, 'Gateway').locator('.compare-badge')).toHaveText('~ changed');
  await expect(canvasNode(page, 'Cache').locator('.compare-badge')).toHaveText('+ added');
  // The deleted database is a ghost where it was (inside its old server, which still exists).
  const ghost = page.locator('.react-flow__node-topology').and(page.getByLabel('Removed: Shop DB'));
  await expect(ghost.locator('.compare-badge')).toHaveText('− removed');
  await expect(ghost).toHaveAttribute('data-id', /^ghost:/);

  const list = changes.getByRole('list', { name: 'List of changes' });
  await expect(list).toContainText('changed node Gateway');
  await expect(list).toContainText('name: "Load balancer" → "Gateway"');
  await expect(list).toContainText('added node Cache');
  await expect(list).toContainText('removed node Shop DB');
  await expect(changes).toContainText('Classification:');

  await changes.getByRole('button', { name: /added node Cache/ }).click();
  await expect(canvasNode(page, 'Cache').locator('.topo-node')).toHaveClass(/is-selected/);
  await expect(inspector.getByLabel('Name', { exact: true })).toHaveValue('Cache');

  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('Escape');
  await expect(changes).toHaveCount(0);
  await expect(page.locator('.compare-badge')).toHaveCount(0);
  await expect(ghost).toHaveCount(0);
});

test('an import report lists what could not be mapped, per object, until dismissed', async ({ page }) => {
  await openApp(page);
  const compose = ['services:', '  web:', '    image: nginx:1.27', '    ports: ["80:80"]', '    depends_on: [api, ghost]', '  api:', '    image: example/api', 'volumes:', '  data: {}'].join('\n');
  await dropText(page, 'shop.yml', compose);
  await expect(canvasNode(page, 'api')).toBeVisible();
  const report = page.getByRole('region', { name: 'Import report' });
  await expect(report).toContainText('Import report: shop.yml');
  await expect(report.locator('.import-report__group').filter({ hasText: 'top-level volumes' })).toContainText('not imported');
  await expect(report.locator('.import-report__group').filter({ hasText: /^web/ })).toContainText('"ghost"');
  await report.getByRole('button', { name: 'Dismiss' }).click();
  await expect(report).toHaveCount(0);
});
