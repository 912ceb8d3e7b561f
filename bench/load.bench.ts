/**
 * Reading the largest design the app accepts: a generated 20,000-node, 30,000-edge file run
 * through the loader the app's worker runs (decode, parse, validate), median of 5 after a
 * warm-up, and the peak memory of the process. In the app this happens off the page's thread.
 */
import { serializeDocument } from '../shared/document';
import { loadDesign } from '../renderer/worker/documentLoader';
import { generateDesign } from './generateDesign';

export async function run(): Promise<Record<string, number | string>> {
  const text = serializeDocument(generateDesign(20_000, 30_000, 1));
  const bytes = new TextEncoder().encode(text);
  const once = () => {
    const outcome = loadDesign({ name: 'large.topo', bytes: bytes.slice() });
    if (!outcome.ok) throw new Error(`generated design refused: ${outcome.lines[0]}`);
  };
  once();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    once();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    load20000Ms: Math.round(times[2]!),
    load20000FileMB: Math.round((bytes.byteLength / 1048576) * 10) / 10,
    load20000PeakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}
