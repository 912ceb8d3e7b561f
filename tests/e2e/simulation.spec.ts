/**
 * Live simulation end to end (issue 7): play a host-down scenario and watch it fail and recover,
 * pause and reset; compare with the baseline; the failure sweep on two templates.
 */
import { readFileSync } from 'node:fs';
import { test, expect, openApp, openTemplate, canvasNode, serverBox, animationFrames, simulatedClock as clock, liveChart, dropOnCanvas } from './fixtures';
import type { Page } from '@playwright/test';

const chart = liveChart;

/** How much the particle layer has painted: the sum of its pixels' alpha. */
async function particleInk(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector('canvas.particle-layer') as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let alpha = 0;
    for (let i = 3; i < data.length; i += 4) alpha += data[i]!;
    return alpha;
  });
}

async function addHostDownScenario(page: Page, host: string, from: string, until: string) {
  const dock = page.getByRole('region', { name: 'Simulation dock' });
  await dock.getByRole('tab', { name: 'Scenario' }).click();
  await dock.getByRole('button', { name: 'New scenario' }).click();
  await dock.getByLabel('Fault type').selectOption('host-down');
  await dock.getByLabel('Fault target').selectOption({ label: host });
  await dock.getByLabel('Fault from').fill(from);
  await dock.getByLabel('Fault until').fill(until);
  await dock.getByRole('button', { name: 'Add fault' }).click();
  await expect(dock.getByRole('list', { name: 'Faults' })).toContainText(`${host} down from ${from} s to ${until} s`);
}

test('plays a host-down scenario: failures rise, the host shows down, the chart dips; pause and reset', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, 'Layers, each on its own server');
  await addHostDownScenario(page, 'logic-server', '2', '5');
  // At 0.25× the 3 s fault lasts 12 wall-clock seconds; pausing as soon as it shows freezes the
  // state for the checks below however slowly a busy machine runs them.
  await page.getByLabel('Speed').selectOption('0.25');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  // The host is marked down on the canvas while the fault lasts.
  await expect(page.getByRole('button', { name: 'Host logic-server, down' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(serverBox(page, 'logic-server')).toContainText('✖ down');
  await expect(canvasNode(page, 'Logic')).toContainText('Down');
  await expect(page.getByRole('button', { name: 'Host logic-server, down' })).toBeVisible();
  const down = await clock(page);
  expect(down).toBeGreaterThanOrEqual(2);
  expect(down).toBeLessThan(5);
  // Space resumes, faster now: failures rise; after the fault the host is back and requests succeed again.
  await page.getByLabel('Speed').selectOption('5');
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Space');
  await expect.poll(async () => (await chart(page)).reduce((sum, p) => sum + p.failed, 0), { timeout: 15_000 }).toBeGreaterThan(10);
  await expect(page.getByRole('button', { name: 'Host logic-server', exact: true })).toBeVisible({ timeout: 20_000 });
  await expect.poll(async () => (await chart(page)).filter((p) => p.t >= 7).some((p) => p.ok > 50 && p.failed === 0), { timeout: 20_000 }).toBe(true);
  const points = await chart(page);
  const before = points.find((p) => p.t === 1)!;
  const during = points.filter((p) => p.t >= 3 && p.t <= 4);
  expect(before.ok).toBeGreaterThan(50);
  for (const p of during) expect(p.ok).toBeLessThan(before.ok / 2);
  // Pause stops the clock. The worker's last frame may still move it once after the click: wait until it holds
  // over 10 painted frames (at 5×, a running clock moves by more than 0.1 s in that time), then hold it longer.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(async () => {
    const shown = await clock(page);
    await animationFrames(page, 10);
    expect(await clock(page)).toBe(shown);
  }).toPass();
  const paused = await clock(page);
  await animationFrames(page, 30);
  expect(await clock(page)).toBe(paused);
  // Space resumes; Reset clears everything.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Space');
  await expect.poll(() => clock(page)).toBeGreaterThan(paused);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  expect(await clock(page)).toBe(0);
  expect(await chart(page)).toEqual([]);
  await expect(canvasNode(page, 'Logic').getByRole('status')).toHaveCount(0);
});

test('compare with baseline shows a lower availability for the fault scenario', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, 'Layers, each on its own server');
  await addHostDownScenario(page, 'data-server', '10', '40');
  const dock = page.getByRole('region', { name: 'Simulation dock' });
  await dock.getByRole('tab', { name: 'Compare' }).click();
  await dock.getByRole('button', { name: 'Compare with baseline' }).click();
  const table = dock.getByRole('table', { name: 'Comparison with baseline' });
  await expect(table).toBeVisible({ timeout: 30_000 });
  const row = table.getByRole('row').filter({ hasText: 'Availability' });
  const cells = await row.getByRole('cell').allTextContents();
  const baseline = parseFloat(cells[0]!);
  const scenario = parseFloat(cells[1]!);
  expect(baseline).toBeGreaterThan(99);
  expect(scenario).toBeLessThan(baseline - 20);
});

test('the sweep lists a single-instance node or its host first for layers on their own servers', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, 'Layers, each on its own server');
  const dock = page.getByRole('region', { name: 'Simulation dock' });
  await dock.getByRole('tab', { name: 'Sweep' }).click();
  await dock.getByRole('button', { name: 'Run failure sweep' }).click();
  const table = dock.getByRole('table', { name: 'Failure sweep' });
  await expect(table).toBeVisible({ timeout: 60_000 });
  const first = table.getByRole('row').nth(1);
  await expect(first).toContainText(/Host (web-server|logic-server|data-server|db-server)|Node (Web|Logic|Data access|Database)/);
  await expect(first).toContainText('single point of failure');
  // Selecting the row highlights its target on the canvas.
  await first.getByRole('button').click();
  await page.mouse.move(5, 5);
  await expect(page.locator('.topo-node.is-highlighted')).not.toHaveCount(0);
});

test('no single lost host that runs a service drops the services-on-two-servers template below 95%', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, 'Services, each on two servers');
  const dock = page.getByRole('region', { name: 'Simulation dock' });
  await dock.getByRole('tab', { name: 'Sweep' }).click();
  await dock.getByRole('button', { name: 'Run failure sweep' }).click();
  const table = dock.getByRole('table', { name: 'Failure sweep' });
  await expect(table).toBeVisible({ timeout: 90_000 });
  const rows = await table.getByRole('row').allTextContents();
  const serviceHosts = ['users-1', 'users-2', 'orders-1', 'orders-2', 'payments-1', 'payments-2'];
  for (const host of serviceHosts) {
    const row = rows.find((r) => r.startsWith(`Host ${host}`));
    expect(row, `a sweep row for ${host}`).toBeDefined();
    const availability = parseFloat(/([\d.]+)%/.exec(row!)![1]!);
    expect(availability, `availability without ${host}`).toBeGreaterThanOrEqual(95);
  }
});

test('"Fail at…" on a host adds a host-down fault to a new scenario', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, 'Monolith on three servers (cluster)');
  await page.getByRole('button', { name: 'Host server-2', exact: true }).click({ button: 'right' });
  await page.getByRole('menuitem', { name: /Fail at/ }).click();
  const dock = page.getByRole('region', { name: 'Simulation dock' });
  await expect(dock.getByRole('combobox', { name: 'Scenario', exact: true })).toHaveValue(/s\d+/);
  await expect(dock.getByRole('list', { name: 'Faults' })).toContainText('server-2 down from 10 s to 30 s');
  // And on a node, into the same scenario.
  await canvasNode(page, 'Shop DB').click({ button: 'right' });
  await page.getByRole('menuitem', { name: /Fail at/ }).click();
  await expect(dock.getByRole('list', { name: 'Faults' }).getByRole('listitem')).toHaveCount(2);
});

test('an open circuit breaker is marked on its edge and its failures are counted by cause', async ({ page }) => {
  await openApp(page);
  const text = readFileSync('tests/fixtures/breaker-demo.topo', 'utf8');
  await dropOnCanvas(page, 'breaker-demo.topo', text);
  await expect(canvasNode(page, 'Payments')).toBeVisible();
  await page.getByRole('combobox', { name: 'Scenario', exact: true }).selectOption({ label: 'Payments errors' });
  // Payments fail from 2 s to 20 s and the breaker stays open for most of it: at 0.5× that is half a minute of
  // wall-clock time to see it, however busy the machine.
  await page.getByLabel('Speed').selectOption('0.5');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.locator('.topo-edge-label.is-open')).toHaveText('⊘ circuit open', { timeout: 30_000 });
  await expect.poll(async () => (await chart(page)).some((p) => (p.causes['circuit-open'] ?? 0) > 0), { timeout: 30_000 }).toBe(true);
  await expect(page.getByRole('region', { name: 'Simulation dock' })).toContainText('circuit-open');
});

test('with prefers-reduced-motion there are no particles; numbers and colours carry the state', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openApp(page);
  await openTemplate(page, 'Monolith on three servers (cluster)');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(canvasNode(page, 'Shop').first().getByRole('status')).toContainText('Healthy', { timeout: 10_000 });
  // Two simulated seconds of traffic, answered requests among them: particles would have been painted by now.
  await expect.poll(async () => (await chart(page)).filter((p) => p.ok > 0).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  expect(await particleInk(page)).toBe(0);
  // Without reduced motion the same run paints particles.
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await expect.poll(() => particleInk(page)).toBeGreaterThan(0);
});
