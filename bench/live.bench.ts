/**
 * The app while a live simulation of a large design plays: frames per second with the generated
 * 1,000-node, 1,500-edge design on 200 servers running at 1× in the deployment view, fitted so that
 * every server and card is drawn (`live1000FitFps`; that far out, on the level-of-detail canvas layer), and at the opening view, a readable zoom on the
 * entry points where only the cards in view are in the DOM (`live1000Fps`). Worker frames, particles,
 * node numbers and charts are all live. 30 fps is what the animation needs.
 */
import { serializeDocument } from '../shared/document';
import { generateDesign } from './generateDesign';
import { dropDesign, measureFps, openBenchPage } from './browserBench';

export async function run(): Promise<Record<string, number | string>> {
  const design = generateDesign(1000, 1500, 7);
  const { page, close } = await openBenchPage();
  try {
    await dropDesign(page, 'large.topo', serializeDocument(design));
    await page.waitForFunction(() => document.querySelectorAll('.react-flow__node-topology').length > 0, undefined, { timeout: 60_000 });
    await page.waitForTimeout(500);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForTimeout(1000);
    const live1000Fps = await measureFps(page, 3000, () => page.waitForTimeout(3000));
    // The whole design in view: every server box and (nearly) every card in the DOM.
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await page.waitForFunction(
      (servers) => document.querySelector('[data-testid="lod-layer"]')?.hasAttribute('data-cards') || document.querySelectorAll('.react-flow__node-server').length >= servers,
      design.hosts.length,
      { timeout: 60_000, polling: 'raf' },
    );
    await page.waitForTimeout(500);
    const live1000FitFps = await measureFps(page, 3000, () => page.waitForTimeout(3000));
    const clock = Number(/([\d.]+)/.exec((await page.getByLabel('Simulated time').textContent()) ?? '')?.[1] ?? 0);
    return { live1000Fps, live1000FitFps, live1000SimSeconds: clock };
  } finally {
    await close();
  }
}
