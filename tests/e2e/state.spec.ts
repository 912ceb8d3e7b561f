/**
 * State in a cluster (SPEC §8): the local-sessions template plays and its instances burst
 * session-lost glyphs; "Fix it" on the finding adds a session store and the failures stop.
 * Waits are on the simulated clock and the chart, never on wall time.
 */
import { test, expect, openApp, openTemplate, canvasNode, animationFrames, viewportSettled, simulatedClock as clock, liveChart, inkNear } from './fixtures';
import type { Page } from '@playwright/test';

const chart = liveChart;

const sessionLost = async (page: Page) => (await chart(page)).reduce((sum, p) => sum + (p.causes['session-lost'] ?? 0), 0);

/** Pixels of the session-lost colour (either theme) near a card. */
const sessionInkAt = (page: Page, card: { x: number; y: number; width: number; height: number }, hexes = ['#a16207', '#facc15']) => inkNear(page, card, hexes);

test('local sessions lose users at the instances; "Fix it" adds a shared store and the losses stop', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, 'Cluster with local sessions');
  const findings = page.getByRole('region', { name: 'Classification' });
  await expect(findings).toContainText('Sessions kept in one instance');
  await expect(page.getByTestId(/^state-/).first()).toContainText('local');

  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => sessionLost(page), { timeout: 30_000 }).toBeGreaterThan(20);
  // The glyphs burst where the sessions were lost: at Shop's instance cards.
  const cards = canvasNode(page, 'Shop');
  const boxes = await Promise.all((await cards.all()).map((card) => card.boundingBox()));
  await expect
    .poll(async () => {
      let ink = 0;
      for (const box of boxes) if (box) ink += await sessionInkAt(page, box);
      return ink;
    }, { timeout: 30_000, intervals: [50] })
    .toBeGreaterThan(10);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await animationFrames(page, 2);
  await page.screenshot({ path: 'test-results/state-local-sessions.png' });

  // Why? explains, Fix it repairs in one step.
  await findings.getByRole('button', { name: 'Why? Sessions in a cluster' }).click();
  await expect(findings.getByRole('note', { name: 'Why: Sessions in a cluster' })).toContainText('Sticky sessions');
  await findings.getByRole('button', { name: /^Fix it/ }).click();
  await expect(findings).not.toContainText('Sessions kept in one instance');
  await expect(canvasNode(page, 'Shop sessions')).toHaveCount(1);

  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => clock(page), { timeout: 30_000 }).toBeGreaterThan(4);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const points = await chart(page);
  expect(points.reduce((sum, p) => sum + p.ok, 0)).toBeGreaterThan(100);
  expect(await sessionLost(page)).toBe(0);
  await page.screenshot({ path: 'test-results/state-fixed.png' });
});

test('an in-process lock on two servers bursts exclusion violations at the booking instances', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, 'Booking service with an in-process lock');
  await expect(page.getByRole('region', { name: 'Classification' })).toContainText('A lock that excludes only one instance');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => clock(page), { timeout: 30_000 }).toBeGreaterThan(0.5);
  const boxes = await Promise.all((await canvasNode(page, 'Booking service').all()).map((card) => card.boundingBox()));
  // Violations are rare (a few a second) and each burst is short: the ink is summed over the polls,
  // so that the count does not hang on catching one burst at its brightest.
  let ink = 0;
  await expect
    .poll(async () => {
      for (const box of boxes) if (box) ink += await sessionInkAt(page, box, ['#b91c1c', '#fda4af']);
      return ink;
    }, { timeout: 60_000, intervals: [50] })
    .toBeGreaterThan(10);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.screenshot({ path: 'test-results/state-lock.png' });
});

test('the inspector edits sessions, locks and shards with inline validation', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, 'Sharded database');
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await viewportSettled(page);
  await canvasNode(page, 'Orders DB').nth(2).click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const shards = inspector.getByLabel('Shards', { exact: true });
  await expect(shards).toHaveValue('3');
  await shards.fill('7');
  await expect(inspector.getByRole('alert')).toContainText('must be ≤ 6');
  await shards.fill('6');
  await shards.press('Enter');
  await expect(page.getByRole('region', { name: 'Classification' })).toContainText('Shard without a replica');
  await expect(page.getByTestId(/^state-/).filter({ hasText: 'shard 6' })).toHaveCount(1);

  await canvasNode(page, 'Orders service').first().click();
  await inspector.getByLabel('Lock', { exact: true }).selectOption('local');
  await expect(page.getByRole('region', { name: 'Classification' })).toContainText('A lock that excludes only one instance');
  await inspector.getByLabel('Sessions', { exact: true }).selectOption('sticky');
  await expect(page.getByTestId(/^state-/).filter({ hasText: 'sticky' }).first()).toContainText('⊓ local');
  await page.screenshot({ path: 'test-results/state-inspector.png' });
});
