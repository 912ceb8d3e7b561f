/**
 * The editor end to end (issue 2): palette, connect, inspector, undo/redo, templates, save and
 * reopen, drop a file, a broken file, accessible names — all offline (see fixtures.ts).
 */
import { readFileSync } from 'node:fs';
import { test, expect, openApp, openTemplate, canvasNode, dropOnCanvas } from './fixtures';
import type { Page } from '@playwright/test';

const KINDS = ['Client', 'Gateway', 'Load balancer', 'Monolith', 'Service', 'Database', 'Cache', 'Queue', 'Replica group'];

async function dropFile(page: Page, name: string, content: string, mime = 'application/json') {
  await dropOnCanvas(page, name, content, mime);
}

/** The text of the crash-recovery snapshot the web build keeps in IndexedDB, or '' while there is none. */
async function recoveryText(page: Page): Promise<string> {
  return page.evaluate(async () => {
    // Opening a database that does not exist yet would create it empty, without the app's stores.
    if (!(await indexedDB.databases()).some((d) => d.name === 'topology-designer')) return '';
    return new Promise<string>((resolve, reject) => {
      const open = indexedDB.open('topology-designer');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('recovery')) {
          db.close();
          return resolve('');
        }
        const request = db.transaction('recovery', 'readonly').objectStore('recovery').get('current');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          db.close();
          // The record holds the snapshot beside the file's handle (older builds stored the snapshot alone).
          const record = request.result as { text?: string; snapshot?: { text?: string } } | undefined;
          resolve(record?.snapshot?.text ?? record?.text ?? '');
        };
      };
    });
  });
}

test('the palette, regions and nodes carry the accessible names of SPEC §6', async ({ page }) => {
  await openApp(page);
  const palette = page.getByRole('navigation', { name: 'Palette' });
  for (const kind of KINDS) await expect(palette.getByRole('button', { name: kind, exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Classification' })).toBeVisible();
  await openTemplate(page, 'Monolith on one server');
  await expect(canvasNode(page, 'Shop')).toBeVisible();
  await expect(canvasNode(page, 'Shop DB')).toBeVisible();
});

test('adds every kind from the palette by click, by keyboard and by drag', async ({ page }) => {
  await openApp(page);
  const palette = page.getByRole('navigation', { name: 'Palette' });
  for (const kind of ['Client', 'Gateway', 'Load balancer', 'Monolith']) await palette.getByRole('button', { name: kind, exact: true }).click();
  for (const kind of ['Service', 'Database', 'Cache']) {
    await palette.getByRole('button', { name: kind, exact: true }).focus();
    await page.keyboard.press('Enter');
  }
  // Drag and drop onto the canvas.
  await palette.getByRole('button', { name: 'Queue', exact: true }).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 600, y: 500 } });
  await palette.getByRole('button', { name: 'Replica group', exact: true }).click();
  for (const name of ['Client', 'Gateway', 'Load balancer', 'Monolith', 'Service', 'Database', 'Cache', 'Queue']) {
    await expect(canvasNode(page, name)).toHaveCount(1);
  }
  // The replica group is a service with three instances on three hosts: a card in each server.
  const replica = canvasNode(page, 'Service 2');
  await expect(replica).toHaveCount(3);
  for (const server of ['server-1', 'server-2', 'server-3']) await expect(page.getByLabel(`Service 2 on ${server}, instance`, { exact: false })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Host server-3', exact: true })).toBeVisible();
});

test('connects two nodes by dragging from a handle', async ({ page }) => {
  await openApp(page);
  const palette = page.getByRole('navigation', { name: 'Palette' });
  await palette.getByRole('button', { name: 'Gateway', exact: true }).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 200, y: 300 } });
  await palette.getByRole('button', { name: 'Service', exact: true }).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 650, y: 300 } });
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);
  const source = canvasNode(page, 'Gateway').locator('.react-flow__handle.source');
  const target = canvasNode(page, 'Service').locator('.react-flow__handle.target');
  await source.dragTo(target);
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  // The new edge is selected and its inspector is open.
  await expect(page.getByRole('region', { name: 'Edge Gateway to Service' }).or(page.getByLabel('Edge Gateway to Service'))).toBeVisible();
});

test('edits a field with inline validation, then undo and redo', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, 'Monolith on one server');
  await canvasNode(page, 'Shop').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const latency = inspector.getByLabel('Latency', { exact: true });
  await latency.fill('-5');
  await expect(inspector.getByRole('alert')).toContainText('Latency must be ≥ 0');
  await latency.press('Enter');
  await expect(canvasNode(page, 'Shop')).toContainText('20 ms');
  await latency.fill('35');
  await latency.press('Enter');
  await expect(canvasNode(page, 'Shop')).toContainText('35 ms');
  const name = inspector.getByLabel('Name', { exact: true });
  await name.fill('Storefront');
  await name.press('Enter');
  await expect(canvasNode(page, 'Storefront')).toBeVisible();
  // Left of the left inset: open canvas whatever the layout.
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('Control+z');
  await expect(canvasNode(page, 'Shop')).toBeVisible();
  await expect(canvasNode(page, 'Shop')).toContainText('35 ms');
  await page.keyboard.press('Control+z');
  await expect(canvasNode(page, 'Shop')).toContainText('20 ms');
  await page.keyboard.press('Control+Shift+z');
  await expect(canvasNode(page, 'Shop')).toContainText('35 ms');
  await page.keyboard.press('Control+y');
  await expect(canvasNode(page, 'Storefront')).toBeVisible();
});

test('a drag is one undo step; copy, paste, duplicate, select all and delete', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, 'Monolith on one server');
  // The logical view: a drag moves the card (in the deployment view a drop is a placement).
  await page.getByRole('button', { name: 'Logical' }).click();
  await expect(page.locator('.react-flow__node-server')).toHaveCount(0);
  const shop = canvasNode(page, 'Shop');
  const before = await shop.boundingBox();
  await shop.hover();
  await page.mouse.down();
  for (let i = 1; i <= 8; i += 1) await page.mouse.move(before!.x + 40 + i * 15, before!.y + 20 + i * 10);
  await page.mouse.up();
  const moved = await shop.boundingBox();
  expect(Math.abs(moved!.x - before!.x)).toBeGreaterThan(60);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => Math.round((await shop.boundingBox())!.x)).toBe(Math.round(before!.x));
  await shop.click();
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(canvasNode(page, 'Shop 2')).toBeVisible();
  await page.keyboard.press('Control+d');
  await expect(canvasNode(page, 'Shop 3')).toBeVisible();
  await page.keyboard.press('Delete');
  await expect(canvasNode(page, 'Shop 3')).toHaveCount(0);
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__node-topology')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(page.locator('.react-flow__node-topology')).toHaveCount(4);
});

test('hosts can be added, renamed and deleted; deleting one unplaces its instances and says so', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, 'Monolith on one server');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByRole('button', { name: 'Add host' }).click();
  const hostName = inspector.getByLabel('Host name');
  await hostName.fill('server-9');
  await hostName.press('Enter');
  await expect(page.getByRole('button', { name: 'Host server-9', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Host server-1', exact: true }).click();
  await inspector.getByRole('button', { name: 'Delete host' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted host server-1' })).toContainText('Now unplaced: instances of Shop, Shop DB');
  await expect(canvasNode(page, 'Shop').getByText('unplaced')).toBeVisible();
});

test('opens a template, saves it, and reopens the saved file', async ({ page }, info) => {
  await openApp(page);
  await openTemplate(page, 'Services, each on its own server');
  await expect(canvasNode(page, 'Orders service')).toBeVisible();
  const downloadPromise = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('Services, each on its own server.topo');
  const path = info.outputPath('saved.topo');
  await download.saveAs(path);
  const text = readFileSync(path, 'utf8');
  expect(JSON.parse(text).format).toBe('topology-designer');
  expect(text.endsWith('\n')).toBe(true);
  await expect(page.getByLabel('Edited, not saved')).toHaveCount(0);
  await openTemplate(page, 'Monolith on one server');
  await expect(canvasNode(page, 'Orders service')).toHaveCount(0);
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Control+o');
  await (await chooser).setFiles(path);
  await expect(canvasNode(page, 'Orders service')).toBeVisible();
  await expect(canvasNode(page, 'Payments DB')).toBeVisible();
});

test('dropping a .topo file on the window opens it', async ({ page }) => {
  await openApp(page);
  const doc = {
    format: 'topology-designer',
    version: 1,
    name: 'Dropped',
    hosts: [{ id: 'h1', name: 'box-1' }],
    nodes: [
      { id: 'c', kind: 'client', name: 'Visitors' },
      { id: 'api', kind: 'service', name: 'Catalogue', instances: [{ host: 'h1' }] },
    ],
    edges: [{ id: 'e1', from: 'c', to: 'api' }],
  };
  await dropFile(page, 'dropped.topo', JSON.stringify(doc));
  await expect(canvasNode(page, 'Catalogue')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Host box-1', exact: true })).toBeVisible();
});

test('a broken file gives a clear error and keeps the current design', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, 'Monolith on one server');
  const broken = JSON.stringify({ format: 'topology-designer', version: 1, name: 'x', hosts: [], nodes: [{ id: 'a', kind: 'spaceship', name: 'A' }], edges: [{ id: 'e', from: 'a', to: 'zz' }] });
  await dropFile(page, 'broken.topo', broken);
  const alert = page.getByRole('alert').filter({ hasText: 'Cannot open broken.topo' });
  await expect(alert).toContainText('nodes[0].kind: unknown kind "spaceship"');
  await expect(alert).toContainText('Your current design is unchanged.');
  await expect(canvasNode(page, 'Shop')).toBeVisible();
  await dropFile(page, 'newer.topo', JSON.stringify({ format: 'topology-designer', version: 7, name: 'x' }));
  await expect(page.getByRole('alert').filter({ hasText: 'Cannot open newer.topo' })).toContainText('newer than this app understands');
  await dropFile(page, 'syntax.topo', '{"format": "topology-designer",\n  "version": 1,,}');
  await expect(page.getByRole('alert').filter({ hasText: 'Cannot open syntax.topo' })).toContainText('line 2');
  await expect(canvasNode(page, 'Shop')).toBeVisible();
});

test('unsaved work is offered back after a reload', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, 'Layers, each on its own server');
  await expect(canvasNode(page, 'Logic')).toBeVisible();
  // A template alone is not unsaved work: edit it.
  await page.getByRole('navigation', { name: 'Palette' }).getByRole('button', { name: 'Cache', exact: true }).click();
  await expect(page.getByLabel('Edited, not saved')).toBeVisible();
  // Autosave is debounced: wait until the snapshot holds this edited design, then "crash" by reloading.
  await expect.poll(() => recoveryText(page), { timeout: 20_000 }).toContain('"kind": "cache"');
  await page.reload();
  const offer = page.getByRole('alertdialog', { name: 'Restore unsaved work' });
  await expect(offer).toBeVisible();
  await offer.getByRole('button', { name: 'Restore' }).click();
  await expect(canvasNode(page, 'Logic')).toBeVisible();
});

test('auto-layout arranges callers left of callees as one undo step; box-select picks several', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, 'Monolith on one server');
  // The logical view: cards move freely (in the deployment view a drop is a placement).
  await page.getByRole('button', { name: 'Logical' }).click();
  await expect(page.getByRole('group', { name: 'Server server-1', exact: true })).toHaveCount(0);
  // Scramble: put the database left of everything.
  const db = canvasNode(page, 'Shop DB');
  const users = canvasNode(page, 'Users');
  const dbBox = (await db.boundingBox())!;
  const usersBox = (await users.boundingBox())!;
  await db.hover();
  await page.mouse.down();
  await page.mouse.move(dbBox.x - 20, dbBox.y + 10, { steps: 3 });
  await page.mouse.move(usersBox.x - 300, usersBox.y + 200, { steps: 10 });
  await page.mouse.up();
  expect((await db.boundingBox())!.x).toBeLessThan((await users.boundingBox())!.x);
  await page.getByRole('button', { name: 'Layout' }).click();
  await expect.poll(async () => (await db.boundingBox())!.x > (await canvasNode(page, 'Shop').boundingBox())!.x).toBe(true);
  await expect.poll(async () => (await canvasNode(page, 'Shop').boundingBox())!.x > (await users.boundingBox())!.x).toBe(true);
  // The whole layout is one undo step: one Ctrl+Z brings the scrambled drawing back.
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await db.boundingBox())!.x < (await users.boundingBox())!.x).toBe(true);
  // Box-select with Shift+drag over the whole canvas area.
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.keyboard.down('Shift');
  await page.mouse.move(pane.x + 5, pane.y + 5);
  await page.mouse.down();
  await page.mouse.move(pane.x + pane.width - 250, pane.y + pane.height - 5, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toContainText(/[2-9] selected/);
});

test('a design can be wired with the keyboard alone: add nodes with Enter, calls from the inspector', async ({ page }) => {
  await openApp(page);
  const palette = page.getByRole('navigation', { name: 'Palette' });
  await palette.getByRole('button', { name: 'Client', exact: true }).focus();
  await page.keyboard.press('Enter');
  await palette.getByRole('button', { name: 'Service', exact: true }).focus();
  await page.keyboard.press('Enter');
  await palette.getByRole('button', { name: 'Database', exact: true }).focus();
  await page.keyboard.press('Enter');
  // The database is selected after adding it; select the service through the canvas node's focus.
  await canvasNode(page, 'Service').focus();
  await page.keyboard.press('Enter');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByLabel('Add a call from Service').selectOption({ label: 'Database' });
  await inspector.getByRole('button', { name: 'Add call' }).click();
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await expect(inspector.getByRole('group', { name: 'Calls' })).toContainText('Database');
  await canvasNode(page, 'Client').focus();
  await page.keyboard.press('Enter');
  await inspector.getByLabel('Add a call from Client').selectOption({ label: 'Service' });
  await inspector.getByRole('button', { name: 'Add call' }).click();
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await expect(page.getByRole('group', { name: 'Client calls Service' }).or(page.getByLabel('Client calls Service'))).toHaveCount(1);
});

test('Ctrl+S while typing in a field saves what was typed', async ({ page }, info) => {
  await openApp(page);
  await openTemplate(page, 'Monolith on one server');
  await canvasNode(page, 'Shop').click();
  const name = page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Name', { exact: true });
  await name.fill('Bookshop');
  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  const path = info.outputPath('typed.topo');
  await (await download).saveAs(path);
  expect(JSON.parse(readFileSync(path, 'utf8')).nodes.map((n: { name: string }) => n.name)).toContain('Bookshop');
  await expect(canvasNode(page, 'Bookshop')).toBeVisible();
  await expect(page.getByLabel('Edited, not saved')).toHaveCount(0);
});
