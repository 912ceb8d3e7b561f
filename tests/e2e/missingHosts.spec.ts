/**
 * A file whose instances name servers it does not declare: the CLI refuses it, the app opens it,
 * names the missing servers and creates them in one undoable step.
 */
import { readFileSync } from 'node:fs';
import { test, expect, openApp, canvasNode, dropOnCanvas } from './fixtures';

const UNDECLARED = readFileSync(new URL('../fixtures/undeclared-hosts.topo', import.meta.url), 'utf8');

test('opens a file with undeclared hosts and offers to create them', async ({ page }) => {
  await openApp(page);
  await dropOnCanvas(page, 'shop.topo', UNDECLARED);
  await expect(canvasNode(page, 'Orders')).toBeVisible();
  const banner = page.getByRole('region', { name: 'Missing servers' });
  await expect(banner).toContainText('3 servers it does not declare: “h2”, “h3”, “h4”');
  await banner.getByRole('button', { name: 'Create them' }).click();
  await expect(banner).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Host h2', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(banner).toBeVisible();
});
