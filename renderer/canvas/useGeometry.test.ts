import { describe, expect, it } from 'vitest';
import { smallDocument } from '../../shared/document/testing/builders';
import { carryRoutes, geometryOf } from './useGeometry';

describe('geometry without routes, and carrying routes over', () => {
  const document = smallDocument();
  const full = geometryOf(document, 'deployment');

  it('lays out the same boxes without routing the calls', () => {
    const boxes = geometryOf(document, 'deployment', { routes: false });
    expect(boxes.edges).toEqual([]);
    expect(boxes.cards).toEqual(full.cards);
    expect(boxes.servers).toEqual(full.servers);
    expect(full.edges.length).toBeGreaterThan(0);
  });

  it('keeps the previous routes of calls whose two cards have not moved, and drops the others', () => {
    const boxes = geometryOf(document, 'deployment', { routes: false });
    expect(carryRoutes(boxes, full, document).edges).toEqual(full.edges);
    expect(carryRoutes(boxes, null, document).edges).toEqual([]);
    // A moved card: its calls lose their stale routes until they are routed again.
    const db = boxes.cards.find((c) => c.key === 'db#0')!;
    const moved = { ...boxes, cards: boxes.cards.map((c) => (c === db ? { ...c, x: c.x + 500 } : c)) };
    const carried = carryRoutes(moved, full, document).edges;
    expect(carried.some((r) => r.toKey === 'db#0' || r.fromKey === 'db#0')).toBe(false);
    expect(carried.length).toBe(full.edges.filter((r) => r.toKey !== 'db#0' && r.fromKey !== 'db#0').length);
    // A deleted call is not carried.
    const fewer = { ...document, edges: document.edges.filter((e) => e.id !== 'e1') };
    expect(carryRoutes(boxes, full, fewer).edges.some((r) => r.edgeId === 'e1')).toBe(false);
  });
});
