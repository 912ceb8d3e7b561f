/**
 * Fuzz of the stages after the reader (fast-check, seeded, bounded): for random valid designs with
 * hostile names, the classifier, a short simulation and every exporter finish without throwing,
 * and no export holds a non-finite number or a name that escaped its quoting. FUZZ_RUNS and
 * FUZZ_SEED widen or vary a run (`npm run fuzz`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateDocument, type TopologyDocument } from '../document';
import { validDocument } from '../document/testing/mutations';
import { classifyDesign } from '../classification';
import { simulate } from '../simulation/simulation';
import { exportDrawio, exportMarkdown, exportMermaid, exportSvg } from './index';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_201);

const hostileName = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('%%{init: {"theme":"dark","themeCSS":"x"}}%%', 'x" onload="alert(1)', '</svg><script>1</script>', ']]>', '__proto__', 'constructor', 'a|b;c[d]{e}(f)#g\nh', '\u202e\u0000\ud800'),
);

/** A valid design with its names replaced by hostile ones. */
const hostileDocument: fc.Arbitrary<TopologyDocument> = fc
  .tuple(validDocument, fc.array(hostileName, { minLength: 1, maxLength: 20 }))
  .map(([doc, names]) => ({
    ...doc,
    name: names[0]!,
    nodes: doc.nodes.map((node, i) => ({ ...node, name: names[i % names.length]! })),
    hosts: doc.hosts.map((host, i) => ({ ...host, name: names[(i + 1) % names.length]! })),
  }))
  .filter((doc) => validateDocument(doc).ok);

const NON_FINITE = /NaN|Infinity|\de\+\d/;

describe('stages after the reader, on random designs with hostile names', () => {
  it('classify and a short simulation finish', () => {
    fc.assert(
      fc.property(hostileDocument, (doc) => {
        const classification = classifyDesign(doc);
        expect(typeof classification.summary).toBe('string');
        const report = simulate(doc, { durationS: 2, seed: 7 });
        expect(JSON.stringify(report)).not.toContain('NaN');
      }),
      { numRuns: Math.max(1, Math.floor(RUNS / 3)), seed: SEED },
    );
  });

  it('every exporter finishes with finite numbers and names kept inside their quoting', () => {
    fc.assert(
      fc.property(hostileDocument, fc.constantFrom('light', 'dark') as fc.Arbitrary<'light' | 'dark'>, (doc, theme) => {
        const classification = classifyDesign(doc);
        for (const mode of ['logical', 'deployment'] as const) {
          const svg = exportSvg(doc, { theme, classification, mode });
          expect(svg).not.toMatch(NON_FINITE);
          expect(svg).not.toContain('<script');
        }
        const drawio = exportDrawio(doc);
        expect(drawio).not.toMatch(/="[^"]*(NaN|Infinity)[^"]*"/);
        expect(drawio).not.toContain('<script');
        for (const flavour of ['flowchart', 'architecture'] as const) expect(exportMermaid(doc, { flavour })).not.toContain('%%{');
        const markdown = exportMarkdown(doc, { svgFileName: 'design.svg', classification });
        const image = markdown.split('\n').find((line) => line.startsWith('!['))!;
        expect(image).not.toContain('"');
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
