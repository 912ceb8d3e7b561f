/**
 * Export and import end to end (issue 6): export from the dialog, reopen the exported SVG and PNG
 * by dropping them, and import a docker-compose file.
 */
import { readFileSync } from 'node:fs';
import { test, expect, openApp, openTemplate, canvasNode, dropOnCanvas } from './fixtures';
import type { Page } from '@playwright/test';

async function dropBytes(page: Page, name: string, bytes: Buffer, mime: string) {
  await dropOnCanvas(page, name, bytes, mime);
}

async function exportAs(page: Page, format: string, path: string) {
  await page.keyboard.press('Control+e');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Format').selectOption(format);
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: /^Save/ }).click();
  await (await download).saveAs(path);
  await dialog.getByRole('button', { name: 'Close' }).click();
}

test('exports an SVG from the dialog and reopens the design by dropping the picture', async ({ page }, info) => {
  await openApp(page);
  await openTemplate(page, 'Services, each on two servers');
  const path = info.outputPath('design.svg');
  await exportAs(page, 'svg', path);
  const svg = readFileSync(path, 'utf8');
  expect(svg).toContain('<svg');
  expect(svg).not.toContain('foreignObject');
  expect(svg).toContain('Orders service');
  await openTemplate(page, 'Monolith on one server');
  await expect(canvasNode(page, 'Orders service')).toHaveCount(0);
  await dropBytes(page, 'design.svg', Buffer.from(svg), 'image/svg+xml');
  await expect(canvasNode(page, 'Orders service').first()).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Design recovered from the picture design.svg' })).toBeVisible();
});

test('exports a PNG that carries the design, and reopens it', async ({ page }, info) => {
  await openApp(page);
  await openTemplate(page, 'Layers, each on two servers');
  const path = info.outputPath('design.png');
  await exportAs(page, 'png', path);
  const png = readFileSync(path);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  await openTemplate(page, 'Monolith on one server');
  await dropBytes(page, 'design.png', png, 'image/png');
  await expect(canvasNode(page, 'Data access').first()).toBeVisible();
});

test('a picture without a design is refused with a clear message', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, 'Monolith on one server');
  await dropBytes(page, 'plain.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'), 'image/svg+xml');
  await expect(page.getByRole('alert').filter({ hasText: 'Cannot open plain.svg' })).toContainText('without a design inside');
  await expect(canvasNode(page, 'Shop').first()).toBeVisible();
});

test('imports a docker-compose file dropped on the window', async ({ page }) => {
  await openApp(page);
  const compose = [
    'services:',
    '  web:',
    '    image: nginx:1.27',
    '    ports: ["80:80"]',
    '    depends_on: [api]',
    '  api:',
    '    build: ./api',
    '    depends_on: [db, cache]',
    '    deploy:',
    '      replicas: 3',
    '  db:',
    '    image: postgres:16',
    '  cache:',
    '    image: redis:7',
  ].join('\n');
  await dropBytes(page, 'docker-compose.yml', Buffer.from(compose), 'application/yaml');
  await expect(canvasNode(page, 'api').first()).toBeVisible();
  await expect(canvasNode(page, 'db').first()).toContainText('Database');
  await expect(canvasNode(page, 'cache').first()).toContainText('Cache');
  await expect(canvasNode(page, 'web').first()).toContainText('Gateway');
  await dropBytes(page, 'broken.yml', Buffer.from('services:\n  web: [unclosed\n'), 'application/yaml');
  await expect(page.getByRole('alert').filter({ hasText: 'Cannot import broken.yml' })).toContainText('line');
  await expect(canvasNode(page, 'api').first()).toBeVisible();
});
