/**
 * What counts as an edit: opening a template is not one (no edited mark, no prompt before the
 * next open), and undoing back to the opened state clears the edited mark again. Esc clears a
 * pinned highlight.
 */
import { test, expect, openApp, openTemplate, canvasNode } from './fixtures';

test('a template opens unedited; undo back to it clears "edited"', async ({ page }) => {
  const prompts: string[] = [];
  page.on('dialog', (dialog) => prompts.push(dialog.message()));
  await openApp(page);
  const edited = page.getByLabel('Edited, not saved');

  await openTemplate(page, 'Monolith on one server');
  await expect(canvasNode(page, 'Shop')).toBeVisible();
  await expect(edited).toHaveCount(0);
  // Nothing to lose: opening another template asks nothing.
  await openTemplate(page, 'Services on one server');
  await expect(edited).toHaveCount(0);
  expect(prompts).toEqual([]);

  const palette = page.getByRole('navigation', { name: 'Palette' });
  await palette.getByRole('button', { name: 'Cache', exact: true }).click();
  await palette.getByRole('button', { name: 'Queue', exact: true }).click();
  await expect(edited).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(edited).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(edited).toHaveCount(0);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(edited).toBeVisible();
});

test('Esc clears a highlight pinned by a finding', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, 'Layers, each on its own server');
  const region = page.getByRole('region', { name: 'Classification' });
  const spof = region.getByRole('button').filter({ hasText: 'Single point of failure' }).filter({ hasText: 'Logic' }).first();
  await spof.click();
  await page.mouse.move(5, 5);
  await expect(canvasNode(page, 'Logic').locator('.topo-node')).toHaveClass(/is-highlighted/);
  await page.keyboard.press('Escape');
  await expect(spof).toHaveAttribute('aria-pressed', 'false');
  await expect(canvasNode(page, 'Logic').locator('.topo-node')).not.toHaveClass(/is-highlighted/);
});
