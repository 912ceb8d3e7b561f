/**
 * The Classification region end to end (issue 3): each template shows SPEC §3's labels, a host
 * change in the inspector flips "distributed" live, and a finding highlights its nodes.
 */
import { test, expect, openApp, openTemplate, canvasNode, viewportSettled } from './fixtures';

const TABLE: [string, string[]][] = [
  ['Monolith on one server', ['Monolith']],
  ['Monolith on three servers (cluster)', ['Cluster', 'Monolith']],
  ['Layers, each on its own server', ['Distributed']],
  ['Services on one server', ['Microservices']],
  ['Services, each on its own server', ['Microservices', 'Distributed']],
  ['Services, each on two servers', ['Microservices', 'Distributed', 'Cluster']],
  ['Layers, each on two servers', ['Distributed', 'Cluster']],
];
const ALL = ['Microservices', 'Distributed', 'Cluster', 'Monolith'];

test('each template shows exactly its labels in the Classification region', async ({ page }) => {
  await openApp(page);
  const region = page.getByRole('region', { name: 'Classification' });
  for (const [template, labels] of TABLE) {
    await openTemplate(page, template);
    await expect(region.locator('.classification__summary')).toHaveText(labels.join(' · '));
    for (const label of ALL) {
      const badge = region.getByRole('listitem').filter({ hasText: label }).first();
      await expect(badge).toContainText(labels.includes(label) ? `${label}: yes` : `${label}: no`);
    }
  }
});

test('moving a service onto another host flips distributed live', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, 'Services on one server');
  const region = page.getByRole('region', { name: 'Classification' });
  await expect(region.locator('.classification__summary')).toHaveText('Microservices');
  // Give the design a second server and move Orders service onto it.
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByRole('button', { name: 'Add host' }).click();
  // Fit first: a wide design opens at a readable zoom on its entry points.
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await viewportSettled(page);
  await canvasNode(page, 'Orders service').click();
  await inspector.getByLabel('Instance 1 host').selectOption({ label: 'server-2' });
  await expect(region.locator('.classification__summary')).toHaveText('Microservices · Distributed');
  await expect(region).toContainText('server-2');
  // And back.
  await inspector.getByLabel('Instance 1 host').selectOption({ label: 'server-1' });
  await expect(region.locator('.classification__summary')).toHaveText('Microservices');
});

test('selecting a finding highlights its nodes and hosts on the canvas', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, 'Layers, each on its own server');
  const region = page.getByRole('region', { name: 'Classification' });
  const spof = region.getByRole('button').filter({ hasText: 'Single point of failure' }).filter({ hasText: 'Logic' }).first();
  await spof.click();
  await expect(spof).toHaveAttribute('aria-pressed', 'true');
  await page.mouse.move(5, 5);
  await expect(canvasNode(page, 'Logic').locator('.topo-node')).toHaveClass(/is-highlighted/);
  await expect(canvasNode(page, 'Web').locator('.topo-node')).toHaveClass(/is-dimmed/);
  // The Why? explainer teaches the counter-examples.
  await region.getByRole('button', { name: 'Why? Distributed' }).click();
  await expect(region.getByRole('note')).toContainText('Microservices all on one server are not distributed');
  await spof.click();
  await expect(spof).toHaveAttribute('aria-pressed', 'false');
  await page.mouse.move(5, 5);
  await spof.blur();
  await expect(canvasNode(page, 'Web').locator('.topo-node')).not.toHaveClass(/is-dimmed/);
});
