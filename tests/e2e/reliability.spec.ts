/**
 * The Availability and Capacity panels end to end: the figures the app shows are the analysis run
 * here on the same document (never hard-coded); hovering a contributor highlights its server; a
 * zone-down scenario draws the zone box as down while the fault lasts; the Capacity view names the
 * bottleneck, simulates the design at another load and runs the whole ramp.
 */
import type { Page } from '@playwright/test';
import { TEMPLATES, instantiateTemplate, type TopologyDocument } from '../../shared/document';
import { analyzeAvailability, analyzeCapacity, runRamp } from '../../shared/reliability';
import { test, expect, openApp, openTemplate, viewportSettled, canvasNode, dropOnCanvas } from './fixtures';

const TEMPLATE = TEMPLATES.find((t) => t.name === 'Services, each on two servers')!;

/** The percentage in a text such as "99.97716 %", or the first one of several. */
function percent(text: string | null): number {
  return Number(/([\d.]+) %/.exec(text ?? '')![1]);
}

async function openDesign(page: Page, design: TopologyDocument, name: string): Promise<void> {
  await dropOnCanvas(page, name, JSON.stringify(design));
  await expect(page.getByRole('group', { name: 'Zone zone-a' })).toBeVisible();
  await viewportSettled(page);
}

/** The template with its hosts in two zones: the first of each pair (and users-db) in zone-a, the rest in zone-b. */
function zonedTemplate(): TopologyDocument {
  const document = instantiateTemplate(TEMPLATE);
  return {
    ...document,
    name: 'Services in two zones',
    settings: { ...document.settings, zoneMtbfHours: 20_000, zoneMttrHours: 4 },
    hosts: document.hosts.map((host) => ({ ...host, zone: host.name.endsWith('-1') || host.name === 'users-db' ? 'zone-a' : 'zone-b' })),
    scenarios: [{ id: 'zone-outage', name: 'Zone A outage', faults: [{ type: 'zone-down', target: 'zone-a', at: 2, until: 6 }] }],
  };
}

/** Checks the Availability panel against the analysis of `document` with the default options. */
async function expectFiguresOf(page: Page, document: TopologyDocument) {
  const report = analyzeAvailability(document, { years: 1000, seed: 1 });
  const users = report.clients.users!;
  const panel = page.getByRole('region', { name: 'Availability' });
  const card = panel.getByRole('article', { name: 'Availability of Users' });
  const contributors = card.getByRole('list', { name: 'Downtime contributors of Users' });
  await expect(contributors).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByRole('status')).toHaveText(`${report.units} failure units`);
  await expect(card.getByLabel('Nines')).toHaveAttribute('data-value', String(users.nines));
  await expect(card.getByLabel('Nines')).toHaveText(`${users.nines!.toFixed(2)} nines`);
  expect(percent(await card.getByLabel('Exact availability').textContent())).toBeCloseTo(users.exact! * 100, 4);
  const value = percent(await card.getByLabel('Monte Carlo estimate').textContent());
  const [low, high] = [...(await card.getByTestId('interval').textContent())!.matchAll(/([\d.]+) %/g)].map((m) => Number(m[1]));
  expect(value).toBeCloseTo(users.monteCarlo.value * 100, 4);
  expect(low).toBeCloseTo(users.monteCarlo.low * 100, 4);
  expect(high).toBeCloseTo(users.monteCarlo.high * 100, 4);
  // The contributors, worst first, with their shares.
  const items = contributors.getByRole('button');
  await expect(items).toHaveCount(users.contributors.length);
  expect(users.contributors.length).toBeGreaterThan(0);
  for (const [i, contributor] of users.contributors.entries()) {
    await expect(items.nth(i)).toHaveAttribute('data-unit', contributor.unit);
    await expect(items.nth(i)).toContainText(`${(contributor.share * 100).toFixed(1)} %`);
  }
  return { report, users, contributors };
}

test('the Availability panel shows the nines, the interval and the contributors of the analysis; a contributor highlights its server', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, TEMPLATE.name);
  await page.getByRole('tab', { name: 'Availability' }).click();
  const { users, contributors } = await expectFiguresOf(page, instantiateTemplate(TEMPLATE));
  await expect(page.getByRole('region', { name: 'Availability' }).getByLabel('Availability objective')).toContainText('none set');
  // Hover the worst contributor: its server is highlighted on the canvas; a click pins it, Esc clears it.
  const worst = users.contributors[0]!.unit;
  expect(worst.startsWith('host:')).toBe(true);
  const hostId = worst.slice('host:'.length);
  const host = TEMPLATE.document.hosts.find((h) => h.id === hostId)!;
  await expect(contributors.getByRole('button').first()).toContainText(host.name);
  await contributors.getByRole('button').first().hover();
  await expect(page.getByTestId(`server-${hostId}`)).toHaveClass(/is-highlighted/);
  await contributors.getByRole('button').first().click();
  await page.mouse.move(5, 5);
  await expect(page.getByTestId(`server-${hostId}`)).toHaveClass(/is-highlighted/);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId(`server-${hostId}`)).not.toHaveClass(/is-highlighted/);

  // Capacity-aware and another seed recompute (in the worker): the figures follow the analysis again.
  await page.getByRole('region', { name: 'Availability' }).getByLabel('Seed').fill('7');
  await page.getByRole('region', { name: 'Availability' }).getByLabel('Seed').press('Enter');
  const reseeded = analyzeAvailability(instantiateTemplate(TEMPLATE), { years: 1000, seed: 7 });
  const card = page.getByRole('article', { name: 'Availability of Users' });
  await expect.poll(async () => percent(await card.getByLabel('Monte Carlo estimate').textContent()), { timeout: 30_000 }).toBeCloseTo(reseeded.clients.users!.monteCarlo.value * 100, 4);
});

test('past 24 failure units the panel says the exact figure is not computed and shows the Monte Carlo estimate', async ({ page }) => {
  await openApp(page);
  // One service on 26 servers behind a gateway on its own: 27 failure units.
  const servers = Array.from({ length: 26 }, (_, i) => ({ id: `s${i + 1}`, name: `app-${i + 1}` }));
  const design: TopologyDocument = {
    format: 'topology-designer',
    version: 1,
    name: 'Wide service',
    settings: { zoneMtbfHours: 1000 },
    hosts: [{ id: 'g', name: 'gateway-host', zone: 'zone-a' }, ...servers.map((s, i) => ({ ...s, zone: i % 2 === 0 ? 'zone-a' : 'zone-b' }))],
    nodes: [
      { id: 'users', kind: 'client', name: 'Users', rate: 10, slo: { availability: 0.9999 } },
      { id: 'gw', kind: 'gateway', name: 'Gateway', instances: [{ host: 'g' }] },
      { id: 'api', kind: 'service', name: 'API', instances: servers.map((s) => ({ host: s.id })) },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'gw' },
      { id: 'e2', from: 'gw', to: 'api' },
    ],
  };
  const report = analyzeAvailability(design, { years: 1000, seed: 1 });
  const users = report.clients.users!;
  expect(users.exact).toBeNull();
  await openDesign(page, design, 'wide.topo');
  await page.getByRole('tab', { name: 'Availability' }).click();
  const card = page.getByRole('article', { name: 'Availability of Users' });
  await expect(card.getByLabel('Exact availability')).toContainText(`not computed: ${report.units} failure units`, { timeout: 30_000 });
  expect(percent(await card.getByLabel('Availability', { exact: true }).textContent())).toBeCloseTo(users.monteCarlo.value * 100, 4);
  await expect(card.getByLabel('Nines')).toHaveAttribute('data-value', String(users.nines));
  await expect(card.getByLabel('Availability objective')).toContainText(users.slo!.met ? '✔ meets 99.99 %' : '✖ misses 99.99 %');
});

test('a design without a client says so in both panels; the keyboard opens them', async ({ page }) => {
  await openApp(page);
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+Shift+Y');
  await expect(page.getByRole('region', { name: 'Availability' })).toContainText('No client in this design');
  await page.keyboard.press('Control+Shift+K');
  await expect(page.getByRole('region', { name: 'Capacity' })).toContainText('No client in this design');
  // The tabs follow the arrow keys.
  await page.getByRole('tab', { name: 'Capacity' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('region', { name: 'Classification' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Classification' })).toBeFocused();
});

test('a zone-down scenario draws its zone box as down while the fault lasts; zones count in the availability', async ({ page }) => {
  await openApp(page);
  const design = zonedTemplate();
  await openDesign(page, design, 'zones.topo');
  const zoneA = page.getByRole('group', { name: 'Zone zone-a' });
  const zoneB = page.getByRole('group', { name: 'Zone zone-b' });
  await expect(zoneA).toHaveAttribute('data-state', 'up');

  // The zones are failure units now (zoneMtbfHours): the panel lists them, as the analysis does.
  await page.getByRole('tab', { name: 'Availability' }).click();
  const { users } = await expectFiguresOf(page, design);
  expect(users.contributors.some((c) => c.unit.startsWith('zone:'))).toBe(true);

  const dock = page.getByRole('region', { name: 'Simulation dock' });
  await dock.getByRole('combobox', { name: 'Scenario', exact: true }).selectOption({ label: 'Zone A outage' });
  // At 0.25× the 4 s fault lasts 16 wall-clock seconds; pausing as soon as it shows freezes it for the checks.
  await page.getByLabel('Speed').selectOption('0.25');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(zoneA).toHaveAttribute('data-state', 'down', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(zoneA).toContainText('✖ down');
  await expect(zoneB).toHaveAttribute('data-state', 'up');
  for (const host of design.hosts.filter((h) => h.zone === 'zone-a')) await expect(page.getByTestId(`server-${host.id}`)).toHaveClass(/is-down/);
  // After the fault the zone is back.
  await page.getByLabel('Speed').selectOption('5');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(zoneA).toHaveAttribute('data-state', 'up', { timeout: 30_000 });
});

test('the Capacity view names the bottleneck, moves utilization with the load slider and simulates that load', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, TEMPLATE.name);
  await page.getByRole('tab', { name: 'Capacity' }).click();
  const report = analyzeCapacity(instantiateTemplate(TEMPLATE));
  const bottleneck = TEMPLATE.document.nodes.find((n) => n.id === report.bottleneck)!;
  const panel = page.getByRole('region', { name: 'Capacity' });
  await expect(panel.getByLabel('Bottleneck', { exact: true })).toContainText(bottleneck.name, { timeout: 30_000 });
  await expect(panel.getByLabel('Bottleneck', { exact: true })).toContainText(`×${report.maxMultiple!.toFixed(2)}`);
  // The bottleneck is highlighted on the canvas while the view is open.
  await expect(canvasNode(page, bottleneck.name).first().locator('.is-highlighted')).toHaveCount(1);
  await expect(canvasNode(page, 'API gateway').first().locator('.is-dimmed')).toHaveCount(1);
  const utilization = panel.getByLabel(`Utilization of ${bottleneck.name}`);
  expect(percent(await utilization.textContent())).toBeCloseTo(report.nodes[bottleneck.id]!.utilization * 100, 0);
  // ×3 by the keyboard: utilization triples at once, and one seeded run at that load reports back.
  const slider = panel.getByRole('slider', { name: 'Load multiple' });
  await slider.focus();
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveValue('3');
  expect(percent(await utilization.textContent())).toBeCloseTo(report.nodes[bottleneck.id]!.utilization * 300, 0);
  const run = panel.getByRole('status', { name: 'Simulated load' });
  await expect(run).toContainText('At ×3.00: served', { timeout: 60_000 });
  await expect(run.locator('[data-knee]')).toHaveAttribute('data-knee', 'below');
  // The user's design is untouched: the client still sends 100 requests/s.
  await page.getByRole('tab', { name: 'Classification' }).click();
  await expect(page.getByRole('region', { name: 'Classification' })).toBeVisible();
  await expect(page.locator('.react-flow__node-topology').filter({ hasText: '100 req/s' })).toHaveCount(1);
});

test('past the bottleneck the simulated load run marks the knee, and serves about the analytic maximum', async ({ page }) => {
  await openApp(page);
  const layers = instantiateTemplate(TEMPLATES.find((t) => t.id === 'layers-distributed')!);
  const design: TopologyDocument = { ...layers, name: 'Busy layers', nodes: layers.nodes.map((n) => (n.kind === 'client' ? { ...n, rate: 200 } : n)) };
  const report = analyzeCapacity(design);
  // The slider's ×4 is past the bottleneck's saturation.
  expect(report.maxMultiple!).toBeLessThan(4);
  await dropOnCanvas(page, 'busy.topo', JSON.stringify(design));
  await expect(page.getByRole('toolbar', { name: 'Toolbar' })).toContainText('Busy layers');
  await page.keyboard.press('Control+Shift+K');
  const panel = page.getByRole('region', { name: 'Capacity' });
  const slider = panel.getByRole('slider', { name: 'Load multiple' });
  await expect(panel.getByLabel('Bottleneck', { exact: true })).toContainText(`×${report.maxMultiple!.toFixed(2)}`, { timeout: 30_000 });
  await slider.focus();
  await page.keyboard.press('End');
  await expect(slider).toHaveValue('4');
  await expect(panel).toContainText('Past the analytic maximum');
  const run = panel.getByRole('status', { name: 'Simulated load' });
  await expect(run.locator('[data-knee]')).toHaveAttribute('data-knee', 'past', { timeout: 90_000 });
  const served = Number(/served ([\d,]+)/.exec((await run.textContent()) ?? '')![1]!.replace(/,/g, ''));
  expect(Math.abs(served - report.maxRate!) / report.maxRate!).toBeLessThan(0.1);
});

test('Run ramp simulates every multiple on the workers, shows progress and the knee beside the analytic maximum, and an edit drops it', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, TEMPLATE.name);
  await page.getByRole('tab', { name: 'Capacity' }).click();
  const design = instantiateTemplate(TEMPLATE);
  const report = analyzeCapacity(design);
  // The same ramp as `topo capacity --ramp --seed 1` (the dock's seed), worked out here.
  const expected = await runRamp(design, { seed: 1 });
  const panel = page.getByRole('region', { name: 'Capacity' });
  const ramp = panel.getByRole('group', { name: 'Capacity ramp' });
  await expect(panel.getByLabel('Bottleneck', { exact: true })).toContainText(`×${report.maxMultiple!.toFixed(2)}`, { timeout: 30_000 });
  // Started and cancelled: back to the button, nothing shown.
  await ramp.getByRole('button', { name: 'Run ramp' }).click();
  await expect(ramp.getByRole('status', { name: 'Ramp progress' })).toContainText(/step \d+ of 10/);
  await ramp.getByRole('button', { name: 'Cancel' }).click();
  await expect(ramp.getByRole('button', { name: 'Run ramp' })).toBeVisible();
  await expect(ramp.getByRole('table')).toHaveCount(0);
  await ramp.getByRole('button', { name: 'Run ramp' }).click();
  const rows = ramp.getByRole('table', { name: 'Ramp by multiple' }).locator('tbody tr');
  await expect(rows).toHaveCount(10, { timeout: 120_000 });
  for (const [i, step] of expected.ramp.entries()) {
    await expect(rows.nth(i)).toHaveAttribute('data-multiple', String(step.multiple));
    await expect(rows.nth(i).locator('td').nth(2)).toHaveText(`${Math.round(step.p99).toLocaleString('en-US')} ms`);
  }
  const verdict = ramp.getByLabel('Ramp knee');
  await expect(verdict).toContainText(`analytic maximum ×${report.maxMultiple!.toFixed(2)}`);
  if (expected.knee === null) {
    await expect(verdict.locator('[data-knee]')).toHaveAttribute('data-knee', 'none');
    await expect(ramp.locator('tr.is-knee')).toHaveCount(0);
  } else {
    await expect(verdict.locator('[data-knee]')).toHaveAttribute('data-knee', String(expected.knee));
    await expect(ramp.locator('tr.is-knee')).toHaveAttribute('data-multiple', String(expected.knee));
    await expect(ramp.locator('tr.is-knee')).toContainText('◀ knee');
  }
  await panel.screenshot({ path: 'test-results/capacity-ramp.png' });
  // An edit (here: another design) makes the ramp stale: it is gone.
  await openTemplate(page, 'Monolith on one server');
  await page.getByRole('tab', { name: 'Capacity' }).click();
  await expect(panel.getByRole('group', { name: 'Capacity ramp' }).getByRole('table')).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Run ramp' })).toBeVisible();
});
