/**
 * Replicated data and transactions in the Classification region (SPEC §8): a dropped design with
 * a 3/1/1 quorum, follower reads under async replication and a 2PC coordinator on one server shows
 * each finding with its "Why?", the quorum's worked out on the node's own numbers.
 */
import type { Page } from '@playwright/test';
import { test, expect, openApp, canvasNode, viewportSettled, dropOnCanvas } from './fixtures';

async function dropFile(page: Page, name: string, content: string): Promise<void> {
  await dropOnCanvas(page, name, content);
}

const design = {
  format: 'topology-designer',
  version: 1,
  name: 'Replicated shop',
  hosts: ['h1', 'h2', 'h3', 'd1', 'd2', 'd3', 'q1', 'q2', 'q3'].map((id) => ({ id, name: `server-${id}` })),
  nodes: [
    { id: 'users', kind: 'client', name: 'Users', rate: 100 },
    { id: 'checkout', kind: 'service', name: 'Checkout', fanout: 'all', transaction: '2pc', instances: [{ host: 'h1' }] },
    { id: 'pay', kind: 'service', name: 'Payments', instances: [{ host: 'h2' }] },
    { id: 'stock', kind: 'service', name: 'Stock', instances: [{ host: 'h3' }] },
    { id: 'orders', kind: 'database', name: 'Orders DB', replication: { mode: 'leader-follower', readFrom: 'followers', lagMs: 200 }, instances: [{ host: 'd1' }, { host: 'd2' }, { host: 'd3' }] },
    { id: 'carts', kind: 'database', name: 'Carts', replication: { mode: 'quorum', n: 3, w: 1, r: 1 }, instances: [{ host: 'q1' }, { host: 'q2' }, { host: 'q3' }] },
  ],
  edges: [
    { id: 'e1', from: 'users', to: 'checkout' },
    { id: 'e2', from: 'checkout', to: 'pay' },
    { id: 'e3', from: 'checkout', to: 'stock' },
    { id: 'e4', from: 'pay', to: 'orders', writeRatio: 0.5 },
    { id: 'e5', from: 'stock', to: 'carts' },
  ],
};

test('replication and 2PC findings show with their Why?, the quorum on its own numbers', async ({ page, pageErrors }) => {
  await openApp(page);
  await dropFile(page, 'replicated.topo', JSON.stringify(design));
  await expect(canvasNode(page, 'Carts').first()).toBeVisible();
  const region = page.getByRole('region', { name: 'Classification' });
  for (const title of ['Writes lost at failover', 'Stale reads from followers', 'Quorums that need not overlap', 'Two-phase commit coordinator on one server']) {
    await expect(region.getByRole('button', { name: new RegExp(title) })).toBeVisible();
  }
  // 100 requests/s × 0.5 = 50 writes/s into Orders DB; × 200 ms = 10 writes lost at failover.
  await expect(region.getByRole('button', { name: /Writes lost at failover/ })).toContainText('about 10 writes (50 writes/s × 200 ms)');
  await region.getByRole('button', { name: 'Why? Quorums' }).click();
  const why = region.getByRole('note', { name: 'Why: Quorums' });
  await expect(why).toContainText('Here n = 3, w = 1, r = 1: r + w = 2 ≤ 3');
  await region.getByRole('button', { name: 'Why? 2PC vs saga' }).click();
  await expect(region.getByRole('note', { name: 'Why: 2PC vs saga' })).toContainText('in doubt');
  await why.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/consistency-findings.png' });
  expect(pageErrors).toEqual([]);
});

test('the inspector edits a quorum with r + w against n, and the finding follows', async ({ page }) => {
  await openApp(page);
  await dropFile(page, 'replicated.topo', JSON.stringify(design));
  await expect(canvasNode(page, 'Carts').first()).toBeVisible();
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await viewportSettled(page);
  await canvasNode(page, 'Carts').first().click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.getByLabel('Replication', { exact: true })).toHaveValue('quorum');
  await expect(inspector).toContainText('r + w = 2 ≤ n = 3: reads can be stale');
  const region = page.getByRole('region', { name: 'Classification' });
  await expect(region).toContainText('Quorums that need not overlap');
  const w = inspector.getByLabel('Write acks (w)', { exact: true });
  await w.fill('4');
  await expect(inspector.getByRole('alert')).toContainText('must be ≤ 3');
  await w.fill('3');
  await w.press('Enter');
  await expect(inspector).toContainText('r + w = 4 > n = 3: every read meets the latest write');
  await expect(region).not.toContainText('Quorums that need not overlap');

  await canvasNode(page, 'Orders DB').first().click();
  await expect(region).toContainText('Writes lost at failover');
  await inspector.getByLabel('Sync', { exact: true }).selectOption('sync');
  await expect(region).not.toContainText('Writes lost at failover');
  await expect(region).not.toContainText('Stale reads from followers');
  await canvasNode(page, 'Checkout').first().click();
  await expect(inspector.getByLabel('Transaction', { exact: true })).toHaveValue('2pc');
  await inspector.getByLabel('Transaction', { exact: true }).selectOption('saga');
  await expect(region).not.toContainText('Two-phase commit coordinator on one server');
});

test('a new edge into a replicated database gets a write ratio field', async ({ page, pageErrors }) => {
  await openApp(page);
  const palette = page.getByRole('navigation', { name: 'Palette' });
  await palette.getByRole('button', { name: 'Service', exact: true }).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 200, y: 300 } });
  await palette.getByRole('button', { name: 'Database', exact: true }).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 650, y: 300 } });
  await canvasNode(page, 'Database').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByLabel('Replication', { exact: true }).selectOption('leader-follower');
  await expect(inspector.getByLabel('Read from', { exact: true })).toBeVisible();
  await inspector.getByLabel('Lag', { exact: true }).fill('250');
  await inspector.getByLabel('Lag', { exact: true }).press('Enter');
  await canvasNode(page, 'Service').locator('.react-flow__handle.source').dragTo(canvasNode(page, 'Database').locator('.react-flow__handle.target'));
  await expect(page.getByLabel('Edge Service to Database')).toBeVisible();
  const ratio = inspector.getByLabel('Write ratio', { exact: true });
  await expect(ratio).toHaveAttribute('placeholder', '0.2');
  await ratio.fill('2');
  await expect(inspector.getByRole('alert')).toContainText('must be ≤ 1');
  await ratio.fill('0.5');
  await ratio.press('Enter');
  await expect(ratio).toHaveValue('0.5');
  await page.screenshot({ path: '/tmp/consistency-edge-inspector.png' });
  await canvasNode(page, 'Database').click();
  await expect(inspector.getByLabel('Lag', { exact: true })).toHaveValue('250');
  await inspector.getByLabel('Replication', { exact: true }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/consistency-node-inspector.png' });
  expect(pageErrors).toEqual([]);
});
