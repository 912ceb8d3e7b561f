/**
 * The app while a live simulation of a large design plays: frames per second with the generated
 * 1,000-node, 1,500-edge design running at 1× (worker frames, particles, node numbers, charts
 * all live). No SPEC target; 30 fps is what the animation needs.
 */
import { serializeDocument } from '../shared/document';
import { generateDesign } from './generateDesign';
import { dropDesign, measureFps, openBenchPage } from './browserBench';

export async function run(): Promise<Record<string, number | string>> {
  const design = generateDesign(1000, 1500, 7);
  const { page, close } = await openBenchPage();
  try {
    await dropDesign(page, 'large.topo', serializeDocument(design));
    await page.waitForFunction((count) => document.querySelectorAll('.react-flow__node').length >= count, design.nodes.length, { timeout: 60_000 });
    await page.waitForTimeout(500);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForTimeout(1000);
    const live1000Fps = await measureFps(page, 3000, () => page.waitForTimeout(3000));
    const clock = Number(/([\d.]+)/.exec((await page.getByLabel('Simulated time').textContent()) ?? '')?.[1] ?? 0);
    return { live1000Fps, live1000SimSeconds: clock };
  } finally {
    await close();
  }
}
