import { describe, expect, it } from 'vitest';
import type { CardBox, DiagramGeometry } from '../../shared/layout/types';
import { smallDocument } from '../../shared/document/testing/builders';
import { entryBox, freeSpot, viewportFor } from './viewport';

const insets = { top: 20, right: 200, bottom: 20, left: 60 };

function card(nodeId: string, x: number, y: number): CardBox {
  return { key: nodeId, nodeId, instance: null, hostId: null, x, y, width: 200, height: 60, nameLines: [nodeId], replicas: 1, collapsed: 0 };
}

describe('viewportFor', () => {
  it('fits a box inside the area minus the insets, centred, never above maxZoom', () => {
    const v = viewportFor({ x: 100, y: 50, width: 1000, height: 400 }, { width: 760, height: 440 }, insets, { maxZoom: 1.25 });
    expect(v.zoom).toBeCloseTo(0.5);
    // The box's left edge lands at the left inset, its right edge clear of the right inset.
    expect(v.x + 100 * v.zoom).toBeCloseTo(60);
    expect(v.x + 1100 * v.zoom).toBeCloseTo(560);
    expect(viewportFor({ x: 0, y: 0, width: 10, height: 10 }, { width: 760, height: 440 }, insets, { maxZoom: 1.25 }).zoom).toBe(1.25);
  });

  it('at a fixed zoom shows the focus at the left inset without empty space above the design', () => {
    const bounds = { x: 0, y: 0, width: 3000, height: 2000 };
    const v = viewportFor(bounds, { width: 760, height: 440 }, insets, { zoom: 0.8, focus: { x: 0, y: 900, width: 200, height: 200 } });
    expect(v.zoom).toBe(0.8);
    expect(v.x).toBe(60);
    // The focus's middle sits at the middle of the free height.
    expect(v.y + 1000 * 0.8).toBeCloseTo(20 + 200);
    const top = viewportFor(bounds, { width: 760, height: 440 }, insets, { zoom: 0.8, focus: { x: 0, y: 0, width: 200, height: 60 } });
    expect(top.y).toBe(20);
    const tall = viewportFor(bounds, { width: 760, height: 440 }, insets, { zoom: 0.8, focus: { x: 0, y: 500, width: 200, height: 1500 } });
    expect(tall.y + 500 * 0.8).toBeCloseTo(20);
  });
});

describe('entryBox and freeSpot', () => {
  const geometry: DiagramGeometry = {
    mode: 'logical',
    domains: [],
    servers: [],
    cards: [card('users', 0, 0), card('gw', 300, 0), card('orders', 600, 0)],
    edges: [],
    bounds: { x: 0, y: 0, width: 800, height: 60 },
  };

  it('entry points are the clients', () => {
    expect(entryBox(geometry, smallDocument())).toEqual({ x: 0, y: 0, width: 200, height: 60 });
  });

  it('a new card lands in free space near where it was wanted, never on a card', () => {
    const spot = freeSpot(geometry, { x: 290, y: 10 }, { width: 220, height: 100 });
    const overlapsCard = geometry.cards.some((c) => spot.x < c.x + c.width && spot.x + 220 > c.x && spot.y < c.y + c.height && spot.y + 100 > c.y);
    expect(overlapsCard).toBe(false);
    expect(Math.abs(spot.y - 10)).toBeLessThanOrEqual(200);
    expect(freeSpot(geometry, { x: 0, y: 400 }, { width: 220, height: 100 })).toEqual({ x: 0, y: 400 });
  });
});
