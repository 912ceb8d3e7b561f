/**
 * SLOs in the simulation dock: play a template whose client has an SLO, see its status and error
 * budget live above the charts, and once the run has finished, the bar of where the time goes (and
 * the exported Markdown report with both).
 */
import { readFileSync } from 'node:fs';
import { test, expect, openApp, openTemplate } from './fixtures';

test('plays a design with a client SLO: live SLO status and budget, then the latency breakdown bar', async ({ page }, info) => {
  await openApp(page);
  await openTemplate(page, 'Monolith on three servers (cluster)');
  const dock = page.getByRole('region', { name: 'Simulation dock' });
  // A short run at high speed: it ends in a few wall seconds even on a busy machine.
  await dock.getByLabel('Duration (s)').fill('10');
  await dock.getByLabel('Duration (s)').press('Enter');
  await page.getByLabel('Speed').selectOption('10');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const users = dock.getByTestId('client-slo-users');
  // Live: the client's SLO verdict and its budget burned, beside the charts.
  await expect(dock.getByTestId('slo-status-users')).toHaveText(/^SLO (met|missed)$/, { timeout: 30_000 });
  await expect(users).toContainText('99.90%, p99 ≤ 300 ms');
  await expect(users).toContainText(/budget burned \d+\.\d\d%/);
  // Finished: the report's breakdown as a stacked bar, one segment per node on the path.
  const bar = dock.getByTestId('breakdown-users');
  await expect(bar).toBeVisible({ timeout: 60_000 });
  await expect(bar.locator('.breakdown__segment')).toHaveCount(3);
  await expect(bar).toHaveAttribute('aria-label', /^Where the time of users goes: .*Shop: [\d.]+ ms \(queue [\d.]+ ms, service [\d.]+ ms, network [\d.]+ ms\)/);
  await expect(dock.getByTestId('slo-status-users')).toHaveText('SLO met');
  await page.screenshot({ path: '/tmp/slo-dock.png' });
  // The Markdown report of the export dialog has the finished run: SLOs and where the time goes.
  await page.keyboard.press('Control+e');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByLabel('Format').selectOption('md');
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: /^Save/ }).click();
  const path = info.outputPath('report.md');
  await (await download).saveAs(path);
  const md = readFileSync(path, 'utf8');
  expect(md).toContain('## SLOs');
  expect(md).toContain('| Last run | Users | 99.90 %, p99 ≤ 300 ms |');
  expect(md).toContain('## Capacity');
  expect(md).toContain('## Where the time goes');
});

test('Compare with baseline shows each client SLO and the error budget each run burned', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, 'Monolith on three servers (cluster)');
  const dock = page.getByRole('region', { name: 'Simulation dock' });
  await dock.getByLabel('Duration (s)').fill('10');
  await dock.getByLabel('Duration (s)').press('Enter');
  await dock.getByRole('tab', { name: 'Scenario' }).click();
  await dock.getByRole('button', { name: 'New scenario' }).click();
  await dock.getByLabel('Fault type').selectOption('host-down');
  await dock.getByLabel('Fault target').selectOption({ label: 'db-1' });
  await dock.getByLabel('Fault from').fill('2');
  await dock.getByLabel('Fault until').fill('6');
  await dock.getByRole('button', { name: 'Add fault' }).click();
  await dock.getByRole('tab', { name: 'Compare' }).click();
  await dock.getByRole('button', { name: 'Compare with baseline' }).click();
  const row = dock.getByTestId('compare-slo-users');
  await expect(row).toBeVisible({ timeout: 30_000 });
  const cells = await row.getByRole('cell').allTextContents();
  expect(cells[0]).toBe('met · 0.00% budget');
  // Four seconds without the database: far under 99.9 %, about 4 s of a 43.2 min budget.
  expect(cells[1]).toMatch(/^missed · \d+\.\d\d% budget$/);
  expect(parseFloat(cells[1]!.split('· ')[1]!)).toBeGreaterThan(0.05);
  expect(cells[2]).toMatch(/^\+\d+\.\d\d pt budget$/);
  await page.screenshot({ path: '/tmp/slo-compare.png' });
});
