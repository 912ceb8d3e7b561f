import { describe, expect, it } from 'vitest';
import { validateDocument, type TopologyDocument } from '../document';
import { LIMITS } from '../document/limits';
import { classifyDesign } from '../classification';
import { exportDrawio, exportMermaid, exportSvg } from './index';

/** The largest design the reader accepts, as a chain (deepest layering) with positions at the edges. */
function largestChain(): TopologyDocument {
  const count = LIMITS.nodes;
  const nodes = Array.from({ length: count }, (_, i) => ({ id: `n${i}`, kind: i === 0 ? ('client' as const) : ('service' as const), name: `Node ${i}`, ...(i === 0 ? { rate: 1 } : {}) }));
  const edges = Array.from({ length: count - 1 }, (_, i) => ({ id: `e${i}`, from: `n${i}`, to: `n${i + 1}` }));
  const positions = { n1: { x: LIMITS.position, y: -LIMITS.position }, n2: { x: -LIMITS.position, y: LIMITS.position } };
  return { format: 'topology-designer', version: 1, name: 'chain', hosts: [], nodes, edges, view: { positions } };
}

describe('the largest accepted design', () => {
  const doc = largestChain();
  it('is accepted by the reader', () => {
    expect(validateDocument(doc).ok).toBe(true);
  });
  it('classifies and exports without overflowing the stack, with finite sizes', () => {
    expect(typeof classifyDesign(doc).summary).toBe('string');
    const svg = exportSvg(doc, { mode: 'logical' });
    expect(svg.slice(0, 400)).not.toMatch(/NaN|Infinity|e\+/);
    expect(exportMermaid(doc)).toContain('n_n19999');
    expect(exportDrawio(doc)).not.toContain('NaN');
    // A generous bound only against hangs: the run is near-linear (a quadratic layering took minutes).
  }, 120_000);
});

describe('ids named like Object.prototype members', () => {
  it('get a place in the SVG with finite sizes', () => {
    const nodes = ['__proto__', 'constructor', 'toString'].map((id) => ({ id, kind: 'service' as const, name: id }));
    const doc: TopologyDocument = { format: 'topology-designer', version: 1, name: 'odd', hosts: [], nodes, edges: [{ id: 'e', from: '__proto__', to: 'constructor' }], view: { positions: { toString: { x: 5, y: 5 } } } };
    const svg = exportSvg(doc, { mode: 'logical' });
    expect(svg).not.toMatch(/NaN|Infinity/);
    for (const id of ['__proto__', 'constructor', 'toString']) expect(svg).toContain(`>${id}<`);
  });
});
