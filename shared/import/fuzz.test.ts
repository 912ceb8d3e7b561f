/**
 * Fuzz of both importers (fast-check, seeded, bounded): random YAML-shaped input never throws;
 * it gives either errors with a path and message or a document the reader accepts.
 * FUZZ_RUNS and FUZZ_SEED widen or vary a run (`npm run fuzz`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateDocument } from '../document';
import { importCompose } from './compose';
import { importKubernetes } from './kubernetes';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_201);

const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom('__proto__', 'constructor', '${X:-y}', '*a', '&a', '1e309'));
const key = fc.oneof(fc.constantFrom('services', 'image', 'ports', 'depends_on', 'deploy', 'replicas', 'environment', 'extends', 'links', 'kind', 'metadata', 'name', 'spec', 'apiVersion', 'containers', '__proto__', 'constructor'), fc.string({ maxLength: 8 }));
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('tree'), { maxLength: 4 }), fc.dictionary(key, tie('tree'), { maxKeys: 5 })),
}));

/** YAML text: JSON is YAML, and a few raw damages of it. */
const yamlText = fc.oneof(
  tree.map((value) => JSON.stringify(value) ?? 'null'),
  fc.dictionary(key, tree, { maxKeys: 4 }).map((services) => JSON.stringify({ services })),
  fc.tuple(tree, fc.string({ maxLength: 10 }), fc.nat()).map(([value, junk, at]) => {
    const text = JSON.stringify(value) ?? '';
    const cut = at % (text.length + 1);
    return text.slice(0, cut) + junk + text.slice(cut);
  }),
);

function expectWellFormed(result: { document: unknown } | { errors: readonly { path: string; message: string }[] }): void {
  if ('errors' in result) {
    expect(result.errors.length).toBeGreaterThan(0);
    for (const error of result.errors) expect(typeof error.path === 'string' && error.message.length > 0).toBe(true);
  } else {
    const again = validateDocument(result.document);
    expect(again.ok ? [] : again.errors).toEqual([]);
  }
}

describe('importers on random input', () => {
  it('Compose: errors or a valid design, never a throw', () => {
    fc.assert(fc.property(yamlText, (text) => expectWellFormed(importCompose(text))), { numRuns: RUNS, seed: SEED });
  });
  it('Kubernetes: errors or a valid design, never a throw', () => {
    fc.assert(fc.property(yamlText, (text) => expectWellFormed(importKubernetes([{ name: 'all.yaml', text }]))), { numRuns: RUNS, seed: SEED });
  });
});
