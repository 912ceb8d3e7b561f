/**
 * "Compare with…": a template against an edited copy of itself (one node renamed, one added, one
 * deleted) marks the canvas with text as well as colour, lists the changes, selects an element
 * from its change, and Esc ends the comparison.
 */
import { test, expect, openApp, openTemplate, canvasNode } from './fixtures';

test('comparing with the last saved version marks, lists and selects the changes', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, 'Monolith on three servers (cluster)');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });

  await canvasNode(page, 'Load balancer').click();
  const name = inspector.getByLabel('Name', { exact: true });
  await name.fill('Gateway');
  await name.press('Enter');
  await expect(canvasNode(page, 'Gateway')).toBeVisible();
  await page.getByRole('navigation', { name: 'Palette' }).getByRole('button', { name: 'Cache', exact: true }).click();
  await expect(canvasNode(page, 'Cache')).toBeVisible();
  await canvasNode(page, 'Shop DB').click();
  await page.keyboard.press('Delete');
  await expect(canvasNode(page, 'Shop DB')).toHaveCount(0);

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
