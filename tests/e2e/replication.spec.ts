/**
 * Replicated data on screen (SPEC §8): the CP vs AP template plays its network split both ways —
 * under consistency the far side is refused (no-quorum), under availability nobody is, but writes
 * conflict and the Consistency chart shows it; the async failover template elects a new leader.
 * Waits are on the simulated clock and the chart, never on wall time.
 */
import type { Page } from '@playwright/test';
import { test, expect, openApp, openTemplate, canvasNode, liveChart, simulatedClock as clock, viewportSettled, animationFrames, inkNear } from './fixtures';

const total = async (page: Page, pick: (p: Awaited<ReturnType<typeof liveChart>>[number]) => number) => (await liveChart(page)).reduce((sum, p) => sum + pick(p), 0);

async function playSplit(page: Page): Promise<void> {
  const dock = page.getByRole('region', { name: 'Simulation dock' });
  await dock.getByRole('combobox', { name: 'Scenario', exact: true }).selectOption({ label: 'Network split' });
  await page.getByLabel('Speed').selectOption('25');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  // To the end of the run (60 s): the split and its heal are in the chart.
  await expect.poll(() => clock(page), { timeout: 120_000 }).toBeGreaterThanOrEqual(60);
  await animationFrames(page, 2);
}

test('the quorum store refuses the minority side under consistency, and accepts conflicting writes under availability', async ({ page, pageErrors }) => {
  await openApp(page);
  await openTemplate(page, 'Quorum store under a partition (CP vs AP)');
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await viewportSettled(page);

  await playSplit(page);
  const dock = page.getByRole('region', { name: 'Simulation dock' });
  await expect(dock.getByText('Consistency', { exact: true }).first()).toBeVisible();
  expect(await total(page, (p) => p.causes['no-quorum'] ?? 0)).toBeGreaterThan(100);
  expect(await total(page, (p) => p.consistency?.noQuorum ?? 0)).toBeGreaterThan(100);
  expect(await total(page, (p) => p.consistency?.conflicts ?? 0)).toBe(0);
  // The refusals fall inside the split (20–40 s).
  const refusedSeconds = (await liveChart(page)).filter((p) => (p.causes['no-quorum'] ?? 0) > 0).map((p) => p.t);
  expect(Math.min(...refusedSeconds)).toBeGreaterThanOrEqual(20);
  expect(Math.max(...refusedSeconds)).toBeLessThan(41);
  expect(await total(page, (p) => p.ok)).toBeGreaterThan(5000);
  await page.screenshot({ path: 'test-results/replication-cp.png' });

  // Availability: select the store and change what it does on a partition.
  await canvasNode(page, 'KV store').first().click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByLabel('On partition').selectOption('availability');
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await playSplit(page);
  expect(await total(page, (p) => p.causes['no-quorum'] ?? 0)).toBe(0);
  expect(await total(page, (p) => p.failed)).toBe(0);
  expect(await total(page, (p) => p.consistency?.conflicts ?? 0)).toBeGreaterThan(100);
  expect(await total(page, (p) => p.consistency?.lostWrites ?? 0)).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/replication-ap.png' });
  expect(pageErrors).toEqual([]);
});

test('the async failover template shows its leader, elects another when it dies, and counts the lost writes', async ({ page, pageErrors }) => {
  await openApp(page);
  await openTemplate(page, 'Async replica failover');
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await viewportSettled(page);
  const dock = page.getByRole('region', { name: 'Simulation dock' });
  await dock.getByRole('combobox', { name: 'Scenario', exact: true }).selectOption({ label: 'Leader dies' });
  await page.getByLabel('Speed').selectOption('2');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  // Stale reads from the followers while it plays normally, bursting (◌, indigo) at the followers' cards.
  await expect.poll(() => total(page, (p) => p.consistency?.staleReads ?? 0), { timeout: 60_000 }).toBeGreaterThan(20);
  const followers = await Promise.all((await canvasNode(page, 'Orders DB').all()).slice(1).map((card) => card.boundingBox()));
  let ink = 0;
  await expect
    .poll(async () => {
      for (const box of followers) if (box) ink += await inkNear(page, box, ['#4338ca', '#a5b4fc']);
      return ink;
    }, { timeout: 60_000, intervals: [50] })
    .toBeGreaterThan(10);
  // Down at 20 s, out of rotation at 23 s, a new leader 2 s later: the election shows on the card.
  await expect(page.getByText('electing leader…').first()).toBeVisible({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.screenshot({ path: 'test-results/replication-election.png' });
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => clock(page), { timeout: 120_000 }).toBeGreaterThan(27);
  await expect(page.getByText('electing leader…')).toHaveCount(0);
  expect(await total(page, (p) => p.consistency?.lostWrites ?? 0)).toBeGreaterThan(5);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  expect(pageErrors).toEqual([]);
});

test('a 2PC coordinator whose server dies shows its participants in doubt until it is back', async ({ page, pageErrors }) => {
  await openApp(page);
  await openTemplate(page, 'Checkout as a saga vs 2PC');
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await viewportSettled(page);
  const dock = page.getByRole('region', { name: 'Simulation dock' });
  await dock.getByRole('combobox', { name: 'Scenario', exact: true }).selectOption({ label: 'Checkout server down' });
  await page.getByLabel('Speed').selectOption('5');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  // Down from 20 s to 35 s: the prepared participants wait on it.
  const checkout = canvasNode(page, 'Checkout service').first();
  await expect(checkout).toContainText(/\d+ in doubt/, { timeout: 120_000 });
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.screenshot({ path: 'test-results/replication-in-doubt.png' });
  expect(await clock(page)).toBeGreaterThanOrEqual(20);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => clock(page), { timeout: 120_000 }).toBeGreaterThan(37);
  await expect(checkout).not.toContainText('in doubt');
  expect(pageErrors).toEqual([]);
});
