/**
 * Animation speed: frames per second with 2,000 particles in flight on the "Services, each on two
 * servers" template, while the view pans (target ≥ 30 fps), in headless Chromium.
 */
import { serializeDocument, findTemplate, instantiateTemplate } from '../shared/document';
import { dropDesign, measureFps, openBenchPage } from './browserBench';

export async function run(): Promise<Record<string, number | string>> {
  const template = findTemplate('services-two-servers')!;
  const { page, close } = await openBenchPage();
  try {
    await dropDesign(page, 'services.topo', serializeDocument(instantiateTemplate(template)));
    await page.locator('.react-flow__node').first().waitFor();
    await page.evaluate(() => (window as unknown as { __topologyDiagnostics: { animateParticles(n: number): void } }).__topologyDiagnostics.animateParticles(2000));
    await page.waitForTimeout(500);
    const inFlight = await page.evaluate(() => (window as unknown as { __topologyDiagnostics: { particleCount(): number } }).__topologyDiagnostics.particleCount());
    const pane = page.locator('.react-flow__pane');
    const box = (await pane.boundingBox())!;
    const particles2000Fps = await measureFps(page, 3000, async () => {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      for (let i = 0; i < 60; i += 1) {
        const angle = (i / 60) * Math.PI * 2;
        await page.mouse.move(box.x + box.width / 2 + Math.cos(angle) * 150, box.y + box.height / 2 + Math.sin(angle) * 100);
        await page.waitForTimeout(30);
      }
      await page.mouse.up();
    });
    await page.screenshot({ path: 'dist/bench/particles.png' });
    return { particles2000Fps, particlesInFlight: inFlight };
  } finally {
    await close();
  }
}
