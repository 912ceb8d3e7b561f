/**
 * Hostile and extreme input in the app: a run the simulator's work budget stops says so in the
 * dock; the largest accepted design opens while the page stays responsive, a larger one and a
 * file that is not UTF-8 are refused with a message.
 */
import type { Page } from '@playwright/test';
import { test, expect, openApp } from './fixtures';
import { zeroLatencyLattice } from '../../shared/simulation/testing/extreme';

/** Drops a file with `content` (text or bytes) on the canvas, as a user dragging it from the desktop. */
async function dropFile(page: Page, name: string, content: string | number[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, content }) => {
      const dt = new DataTransfer();
      const part = typeof content === 'string' ? content : new Uint8Array(content);
      dt.items.add(new File([part], name, { type: 'application/json' }));
      return dt;
    },
    { name, content },
  );
  await page.locator('.canvas').dispatchEvent('drop', { dataTransfer });
}

test('a run the work budget stops says why and when in the dock', async ({ page }) => {
  await openApp(page);
  // 1,000,000 requests per second into a lattice of instant services: simulated time cannot advance.
  await dropFile(page, 'stall.topo', JSON.stringify(zeroLatencyLattice(12, 1e6)));
  await expect(page.locator('.react-flow__node-topology').first()).toBeVisible();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const line = page.getByRole('status', { name: 'Simulation stopped early' });
  await expect(line).toBeVisible({ timeout: 60_000 });
  await expect(line).toContainText(/^Stopped early at 0\.0 s: simulated time stopped advancing for 1,000,000 events: synchronous calls between nodes with latencyMs 0 \(.+\) loop without time passing: give them a latency\. The results so far are partial\.$/);
  await page.screenshot({ path: '/tmp/hostile-budget-stop.png' });
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(line).toHaveCount(0);
});
