/**
 * An animation you can read (issue 10): at 100 req/s the particles along a route leave gaps; a
 * host-down scenario bursts failure glyphs at the instance card and the fault timeline's playhead
 * follows the simulated clock. Waits are on the simulated clock and painted frames, never wall time.
 */
import { test, expect, openApp, openTemplate, canvasNode, animationFrames, simulatedClock as clock } from './fixtures';
import type { Page } from '@playwright/test';

/** Of `samples` points along the first drawn route from Users, how many have particle ink under them. */
async function inkAlongRoute(page: Page, samples: number): Promise<{ inked: number; samples: number }> {
  return page.evaluate((count) => {
    const canvas = document.querySelector('canvas.particle-layer') as HTMLCanvasElement;
    const box = canvas.getBoundingClientRect();
    const ratio = canvas.width / box.width;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const path = document.querySelector('.react-flow__edge path.topo-edge') as SVGPathElement;
    const matrix = path.getScreenCTM()!;
    const length = path.getTotalLength();
    let inked = 0;
    for (let i = 0; i < count; i += 1) {
      const p = path.getPointAtLength(((i + 0.5) / count) * length).matrixTransform(matrix);
      const x = Math.round((p.x - box.left) * ratio);
      const y = Math.round((p.y - box.top) * ratio);
      if (data[(y * canvas.width + x) * 4 + 3]! > 0) inked += 1;
    }
    return { inked, samples: count };
  }, samples);
}

/** Pixels of a failure colour (either theme) within `margin` px of the card's left edge. */
async function failureInkAt(page: Page, card: { x: number; y: number; width: number; height: number }): Promise<number> {
  return page.evaluate((c) => {
    const colors = ['#dc2626', '#f87171', '#ea580c', '#fb923c', '#475569', '#94a3b8', '#be123c', '#fb7185', '#991b1b', '#fca5a5'].map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
    const canvas = document.querySelector('canvas.particle-layer') as HTMLCanvasElement;
    const box = canvas.getBoundingClientRect();
    const ratio = canvas.width / box.width;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let hits = 0;
    const margin = 40;
    for (let y = Math.round((c.y - margin - box.top) * ratio); y < (c.y + c.height - box.top) * ratio; y += 1) {
      for (let x = Math.round((c.x - margin - box.left) * ratio); x < (c.x + margin - box.left) * ratio; x += 1) {
        const at = (y * canvas.width + x) * 4;
        if (data[at + 3]! < 200) continue;
        if (colors.some(([r, g, b]) => Math.abs(data[at]! - r!) + Math.abs(data[at + 1]! - g!) + Math.abs(data[at + 2]! - b!) < 30)) hits += 1;
      }
    }
    return hits;
  }, card);
}

test('at 100 req/s a route shows single dots with gaps, not a solid band', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, 'Layers, each on its own server');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => clock(page), { timeout: 30_000 }).toBeGreaterThan(1.5);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await animationFrames(page, 5);
  await page.screenshot({ path: 'test-results/animation-100rps.png' });
  const { inked, samples } = await inkAlongRoute(page, 200);
  // Dots are there, and most of the route between them is clear.
  expect(inked).toBeGreaterThan(0);
  expect(inked).toBeLessThan(samples * 0.5);
});

test('a host-down scenario bursts failure glyphs at the instance and the fault timeline follows the clock', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, 'Layers, each on its own server');
  const dock = page.getByRole('region', { name: 'Simulation dock' });
  await dock.getByRole('tab', { name: 'Scenario' }).click();
  await dock.getByRole('button', { name: 'New scenario' }).click();
  await dock.getByLabel('Fault type').selectOption('host-down');
  await dock.getByLabel('Fault target').selectOption({ label: 'logic-server' });
  await dock.getByLabel('Fault from').fill('2');
  await dock.getByLabel('Fault until').fill('5');
  await dock.getByRole('button', { name: 'Add fault' }).click();
  const timeline = page.getByRole('group', { name: 'Fault timeline' });
  await expect(timeline.getByRole('img', { name: /^host-down logic-server, 2–5 s$/ })).toBeAttached();
  const playhead = page.getByTestId('fault-timeline-playhead');
  const duration = Number(await page.getByLabel('Duration (s)').inputValue());

  await page.getByLabel('Speed').selectOption('0.5');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => clock(page), { timeout: 30_000 }).toBeGreaterThan(0.5);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await animationFrames(page, 3);
  const early = await clock(page);
  // The clock shows tenths of a second: the playhead sits at the same time, to that precision.
  const playheadS = async () => Number(await playhead.getAttribute('data-at')) * duration;
  expect(Math.abs((await playheadS()) - early)).toBeLessThanOrEqual(0.06);

  // Into the fault: the calls into Logic fail and burst where they failed, at its instance card.
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => clock(page), { timeout: 30_000 }).toBeGreaterThan(2.6);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await animationFrames(page, 3);
  const late = await clock(page);
  expect(late).toBeGreaterThan(early);
  expect(Math.abs((await playheadS()) - late)).toBeLessThanOrEqual(0.06);
  // Calls into Logic wait for the connect timeout, then burst as timeouts at its card.
  const card = (await canvasNode(page, 'Logic').first().boundingBox())!;
  await page.getByLabel('Speed').selectOption('1');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => failureInkAt(page, card), { timeout: 40_000, intervals: [50] }).toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.screenshot({ path: 'test-results/animation-host-down.png' });
  // The legend names what the run has shown (a dead host: timeouts), and nothing it has not.
  await expect(page.getByLabel('Particle legend')).toContainText('timeout');
  await expect(page.getByLabel('Particle legend')).not.toContainText('session lost');
});
