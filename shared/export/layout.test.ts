import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../document';
import { diagramLayout, layeredPositions, type Box } from './layout';
import { awkwardDocument, makeDocument, makeEdge, makeNode } from './testDocs';

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function withoutPositions<T extends { view?: unknown }>(doc: T): T {
  const copy = { ...doc };
  delete copy.view;
  return copy;
}

describe('layeredPositions', () => {
  it('puts callers left of callees and clients in the first column', () => {
    for (const template of TEMPLATES) {
      const doc = withoutPositions(template.document);
      const positions = layeredPositions(doc);
      for (const edge of doc.edges) expect(positions[edge.from]!.x).toBeLessThan(positions[edge.to]!.x);
      for (const node of doc.nodes.filter((n) => n.kind === 'client')) expect(positions[node.id]!.x).toBe(0);
    }
  });

  it('never stacks two cards on one another', () => {
    for (const doc of [...TEMPLATES.map((t) => withoutPositions(t.document)), withoutPositions(awkwardDocument())]) {
      const layout = diagramLayout(doc);
      expect(layout.laidOut).toBe(doc.nodes.length);
      for (const a of layout.nodes) for (const b of layout.nodes) if (a !== b) expect(overlaps(a, b)).toBe(false);
    }
  });

  it('survives cycles and is deterministic', () => {
    const doc = makeDocument({
      nodes: [makeNode('a', 'service'), makeNode('b', 'service'), makeNode('c', 'service')],
      edges: [makeEdge('a', 'b'), makeEdge('b', 'c'), makeEdge('c', 'a')],
    });
    const first = layeredPositions(doc);
    expect(new Set(Object.values(first).map((p) => `${p.x},${p.y}`)).size).toBe(3);
    expect(layeredPositions(doc)).toEqual(first);
  });

  it('keeps the nodes of one host next to each other in a column', () => {
    const doc = makeDocument({
      hosts: [{ id: 'x', name: 'x' }, { id: 'y', name: 'y' }],
      nodes: [
        makeNode('gw', 'gateway', ['x']),
        makeNode('a', 'service', ['x']),
        makeNode('b', 'service', ['y']),
        makeNode('c', 'service', ['x']),
      ],
      edges: [makeEdge('gw', 'a'), makeEdge('gw', 'b'), makeEdge('gw', 'c')],
    });
    const p = layeredPositions(doc);
    const order = ['a', 'b', 'c'].sort((m, n) => p[m]!.y - p[n]!.y);
    expect(Math.abs(order.indexOf('a') - order.indexOf('c'))).toBe(1);
  });
});

describe('diagramLayout', () => {
  it('uses saved positions as they are', () => {
    const template = TEMPLATES[4]!.document;
    const layout = diagramLayout(template);
    expect(layout.laidOut).toBe(0);
    for (const node of layout.nodes) expect({ x: node.x, y: node.y }).toEqual(template.view!.positions![node.id]);
  });

  it('lays out nodes without a position below the saved drawing', () => {
    const doc = makeDocument({
      nodes: [makeNode('a', 'service'), makeNode('b', 'database'), makeNode('c', 'cache')],
      edges: [makeEdge('a', 'b'), makeEdge('a', 'c')],
      positions: { a: { x: 500, y: 40 } },
    });
    const layout = diagramLayout(doc);
    expect(layout.laidOut).toBe(2);
    const a = layout.byId.get('a')!;
    for (const id of ['b', 'c']) {
      expect(layout.byId.get(id)!.y).toBeGreaterThan(a.y + a.height);
      expect(layout.byId.get(id)!.x).toBeGreaterThanOrEqual(500);
    }
  });

  it('grows a card when its instance chips wrap, and collapses the rest into "+N"', () => {
    const hosts = Array.from({ length: 12 }, (_, i) => ({ id: `h${i}`, name: `worker-node-${i}` }));
    const doc = makeDocument({ hosts, nodes: [makeNode('one', 'service', ['h0']), makeNode('many', 'service', hosts.map((h) => h.id))] });
    const layout = diagramLayout(doc);
    const one = layout.byId.get('one')!;
    const many = layout.byId.get('many')!;
    expect(many.height).toBeGreaterThan(one.height);
    const chips = many.card.chips;
    expect(chips[chips.length - 1]!.label).toMatch(/^\+\d+$/);
    const shown = chips.length - 1;
    expect(Number(chips[chips.length - 1]!.label.slice(1))).toBe(12 - shown);
    for (const chip of chips) expect(chip.x + chip.width).toBeLessThanOrEqual(many.width - 12);
  });
});
