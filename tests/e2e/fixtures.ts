/**
 * The e2e test base: every test runs offline. Any request to a non-local address fails the test
 * (the app must work with no network), and page errors fail it too.
 */
import { test as base, expect, type Page } from '@playwright/test';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export const test = base.extend<{ offlineGuard: void; pageErrors: string[] }>({
  pageErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await use(errors);
    expect(errors, 'uncaught page errors').toEqual([]);
  },
  offlineGuard: [
    async ({ context }, use) => {
      const blocked: string[] = [];
      await context.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.protocol === 'data:' || url.protocol === 'blob:' || LOCAL_HOSTS.has(url.hostname)) return route.continue();
        blocked.push(url.href);
        return route.abort('internetdisconnected');
      });
      await use();
      expect(blocked, 'requests to non-local addresses').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Opens the app and waits until the editor is ready; accepts confirm() prompts. */
export async function openApp(page: Page): Promise<void> {
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto('./');
  await expect(page.getByRole('navigation', { name: 'Palette' })).toBeVisible();
}

/** Opens a built-in template from the toolbar. */
export async function openTemplate(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'New from template' }).click();
  await page.getByRole('menuitem', { name, exact: true }).click();
  await viewportSettled(page);
}

/**
 * Waits until the page has painted `count` more frames: a wait on the page's own progress, not on
 * wall time (a busy machine paints fewer frames per second, and the wait grows with it).
 */
export async function animationFrames(page: Page, count: number): Promise<void> {
  await page.evaluate(
    (n) =>
      new Promise<void>((resolve) => {
        let left = n;
        const next = () => (left-- <= 0 ? resolve() : requestAnimationFrame(next));
        requestAnimationFrame(next);
      }),
    count,
  );
}

/**
 * Waits until the zoom-to-fit animation that follows opening a design has finished: the viewport's
 * transform unchanged over 15 painted frames in a row (the fit starts two frames after opening and
 * changes the transform on every frame while it runs).
 */
export async function viewportSettled(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const transform = () => (document.querySelector('.react-flow__viewport') as HTMLElement | null)?.style.transform ?? '';
        let last = transform();
        let steady = 0;
        const check = () => {
          const now = transform();
          steady = now === last ? steady + 1 : 0;
          last = now;
          if (steady >= 15) resolve();
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
  );
}

/** The simulated clock shown in the toolbar, in seconds. */
export async function simulatedClock(page: Page): Promise<number> {
  const text = await page.getByLabel('Simulated time').textContent();
  return Number(/t = ([\d.]+)/.exec(text ?? '')![1]);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A node's cards on the canvas by the node's `name`: its one card in the logical view or on the open
 * canvas, its instance cards ("Shop on server-1", "Orders on app-2, instance 2 of 3") in the
 * deployment view. A replicated node matches one card per instance.
 */
export function canvasNode(page: Page, name: string) {
  return page.locator('.react-flow__node-topology').and(page.getByLabel(new RegExp(`^${escapeRegExp(name)}( on .+)?$`)));
}

/** A server box on the canvas (deployment view), by the server's name. */
export function serverBox(page: Page, name: string) {
  return page.getByRole('group', { name: `Server ${name}`, exact: true });
}

/** Drops a file on the canvas, as a user dragging it from the desktop: `content` is text or bytes. */
export async function dropOnCanvas(page: Page, name: string, content: string | Uint8Array, mime = 'application/json'): Promise<void> {
  const bytes = typeof content === 'string' ? null : Buffer.from(content).toString('base64');
  const dataTransfer = await page.evaluateHandle(
    ({ name, text, bytes, mime }) => {
      const dt = new DataTransfer();
      const part = bytes === null ? text : Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0));
      dt.items.add(new File([part], name, { type: mime }));
      return dt;
    },
    { name, text: typeof content === 'string' ? content : '', bytes, mime },
  );
  await page.locator('.canvas').dispatchEvent('drop', { dataTransfer });
}

/** One second of the live charts, as the app's diagnostics give it. */
export interface ChartPoint {
  t: number;
  ok: number;
  failed: number;
  causes: Record<string, number>;
  /** Designs with a replicated node: the second's stale reads, conflicts, lost writes, no-quorum refusals. */
  consistency?: { staleReads: number; conflicts: number; lostWrites: number; noQuorum: number };
}

/** The live charts' points so far. */
export async function liveChart(page: Page): Promise<ChartPoint[]> {
  return page.evaluate(() => (window as unknown as { __topologyDiagnostics: { chart(): ChartPoint[] } }).__topologyDiagnostics.chart());
}

/** Pixels of the particle layer in one of `hexes` (an outcome's colours, both themes) within 40 px of a card. */
export async function inkNear(page: Page, card: { x: number; y: number; width: number; height: number }, hexes: readonly string[]): Promise<number> {
  return page.evaluate(([c, palette]) => {
    const colors = palette.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
    const canvas = document.querySelector('canvas.particle-layer') as HTMLCanvasElement;
    const box = canvas.getBoundingClientRect();
    const ratio = canvas.width / box.width;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let hits = 0;
    const margin = 40;
    for (let y = Math.max(0, Math.round((c.y - margin - box.top) * ratio)); y < (c.y + c.height + margin - box.top) * ratio; y += 1) {
      for (let x = Math.max(0, Math.round((c.x - margin - box.left) * ratio)); x < (c.x + c.width + margin - box.left) * ratio; x += 1) {
        const at = (y * canvas.width + x) * 4;
        if (data[at + 3]! < 200) continue;
        if (colors.some(([r, g, b]) => Math.abs(data[at]! - r!) + Math.abs(data[at + 1]! - g!) + Math.abs(data[at + 2]! - b!) < 30)) hits += 1;
      }
    }
    return hits;
  }, [card, hexes] as const);
}
