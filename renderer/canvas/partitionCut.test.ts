import { describe, expect, it } from 'vitest';
import { smallDocument } from '../../shared/document/testing/builders';
import { LINE_OVERHANG, LOOP_GAP, RING_GAP, partitionCut, strokeScale, type HostRect } from './partitionCut';
import { geometryOf } from './useGeometry';

const box = (hostId: string, x: number, y: number, width = 200, height = 100): HostRect => ({ hostId, x, y, width, height });

describe('partitionCut', () => {
  it('draws nothing without a partition or without servers', () => {
    expect(partitionCut([box('a', 0, 0)], [])).toEqual({ rings: [], lines: [], loops: [], bounds: { x: 0, y: 0, width: 0, height: 0 } });
    expect(partitionCut([], [[['a'], ['b']]]).lines).toEqual([]);
    // Sides whose hosts are not drawn (the logical view): nothing either.
    expect(partitionCut([box('x', 0, 0)], [[['a'], ['b']]]).rings).toEqual([]);
  });

  it('puts a vertical line in the middle of the gap between side-by-side sides, spanning both', () => {
    const servers = [box('a1', 0, 0), box('a2', 0, 150), box('b1', 400, 50)];
    const cut = partitionCut(servers, [[['a1', 'a2'], ['b1']]]);
    expect(cut.lines).toEqual([{ partition: 0, sides: [0, 1], orientation: 'vertical', x1: 300, x2: 300, y1: -LINE_OVERHANG, y2: 250 + LINE_OVERHANG }]);
    // The line keeps clear of every server box.
    for (const s of servers) expect(300 < s.x || 300 > s.x + s.width).toBe(true);
  });

  it('is the same line whichever side comes first', () => {
    const servers = [box('a', 0, 0), box('b', 500, 0)];
    const [ab] = partitionCut(servers, [[['a'], ['b']]]).lines;
    const [ba] = partitionCut(servers, [[['b'], ['a']]]).lines;
    expect(ab!.x1).toBe(350);
    expect(ba!.x1).toBe(350);
  });

  it('cuts stacked sides with a horizontal line', () => {
    const cut = partitionCut([box('top', 0, 0), box('bottom', 40, 300)], [[['top'], ['bottom']]]);
    expect(cut.lines[0]).toMatchObject({ orientation: 'horizontal', y1: 200, y2: 200, x1: -LINE_OVERHANG, x2: 240 + LINE_OVERHANG });
  });

  it('takes the axis with the wider gap when the sides lie diagonally', () => {
    const cut = partitionCut([box('a', 0, 0), box('b', 260, 400)], [[['a'], ['b']]]);
    // Gap 60 across, 300 down: the horizontal line goes through the wide gap.
    expect(cut.lines[0]).toMatchObject({ orientation: 'horizontal', y1: 250 });
  });

  it('loops around the smaller side when it sits among the other side, clear of every other server', () => {
    // b between a1 and a2: no straight line parts them.
    const cut = partitionCut([box('a1', 0, 0), box('a2', 600, 0), box('b', 300, 20)], [[['a1', 'a2'], ['b']]]);
    expect(cut.lines).toEqual([]);
    expect(cut.loops).toEqual([{ partition: 0, sides: [0, 1], inside: 1, x: 300 - LOOP_GAP, y: 20 - LOOP_GAP, width: 200 + 2 * LOOP_GAP, height: 100 + 2 * LOOP_GAP }]);
  });

  it('keeps a loop half-way to a close neighbour on the other side', () => {
    // Two servers of side b stacked between side a's: 10 px from the servers above and below.
    const servers = [box('a1', 0, 0), box('b1', 0, 110), box('b2', 0, 220), box('a2', 0, 330)];
    const cut = partitionCut(servers, [[['a1', 'a2'], ['b1', 'b2']]]);
    expect(cut.loops).toEqual([{ partition: 0, sides: [0, 1], inside: 1, x: -5, y: 105, width: 210, height: 220 }]);
  });

  it('loops around each server of the smaller side when its box holds a server of the other side', () => {
    // b1 and b2 at two corners, a1 and a2 at the other two: every box overlaps.
    const servers = [box('b1', 0, 0), box('a1', 300, 0), box('a2', 0, 200), box('b2', 300, 200)];
    const cut = partitionCut(servers, [[['a1', 'a2'], ['b1', 'b2']]]);
    expect(cut.lines).toEqual([]);
    expect(cut.loops.map((l) => [l.inside, l.x, l.y])).toEqual([
      [0, 300 - LOOP_GAP, -LOOP_GAP],
      [0, -LOOP_GAP, 200 - LOOP_GAP],
    ]);
    for (const loop of cut.loops) {
      for (const s of servers.filter((r) => r.hostId.startsWith('b'))) {
        const apart = loop.x + loop.width <= s.x || s.x + s.width <= loop.x || loop.y + loop.height <= s.y || s.y + s.height <= loop.y;
        expect(apart).toBe(true);
      }
    }
  });

  it('rings every server of a side, a little outside its box, with its side', () => {
    const cut = partitionCut([box('a', 0, 0), box('b', 400, 0), box('c', 800, 0)], [[['a', 'b'], ['c']]]);
    expect(cut.rings).toEqual([
      { hostId: 'a', partition: 0, side: 0, x: -RING_GAP, y: -RING_GAP, width: 200 + 2 * RING_GAP, height: 100 + 2 * RING_GAP },
      { hostId: 'b', partition: 0, side: 0, x: 400 - RING_GAP, y: -RING_GAP, width: 200 + 2 * RING_GAP, height: 100 + 2 * RING_GAP },
      { hostId: 'c', partition: 0, side: 1, x: 800 - RING_GAP, y: -RING_GAP, width: 200 + 2 * RING_GAP, height: 100 + 2 * RING_GAP },
    ]);
    // The bounds hold every ring and line.
    expect(cut.bounds).toEqual({ x: -RING_GAP, y: -LINE_OVERHANG, width: 1000 + 2 * RING_GAP, height: 100 + 2 * LINE_OVERHANG });
  });

  it('joins three sides in a row by their neighbours only', () => {
    const cut = partitionCut([box('a', 0, 0), box('b', 400, 0), box('c', 800, 0)], [[['a'], ['b'], ['c']]]);
    expect(cut.lines.map((l) => l.sides)).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(cut.lines.map((l) => l.x1)).toEqual([300, 700]);
  });

  it('draws each partition in force with its own index', () => {
    const cut = partitionCut([box('a', 0, 0), box('b', 400, 0), box('c', 0, 300)], [[['a'], ['b']], [['a'], ['c']]]);
    expect(cut.lines.map((l) => [l.partition, l.orientation])).toEqual([
      [0, 'vertical'],
      [1, 'horizontal'],
    ]);
  });

  it("works on the layout's own server boxes: the line runs clear of them", () => {
    const geometry = geometryOf(smallDocument(), 'deployment');
    const hosts = geometry.servers.map((s) => s.hostId);
    expect(hosts.length).toBeGreaterThanOrEqual(2);
    const cut = partitionCut(geometry.servers, [[[hosts[0]!], hosts.slice(1)]]);
    expect(cut.rings).toHaveLength(hosts.length);
    expect(cut.lines).toHaveLength(1);
    const line = cut.lines[0]!;
    for (const s of geometry.servers) {
      if (line.orientation === 'vertical') expect(line.x1 <= s.x || line.x1 >= s.x + s.width).toBe(true);
      else expect(line.y1 <= s.y || line.y1 >= s.y + s.height).toBe(true);
    }
  });
});

describe('strokeScale', () => {
  it('is 1 at readable zooms and grows as 0.8 / zoom below, in quarter steps', () => {
    expect(strokeScale(2.5)).toBe(1);
    expect(strokeScale(0.8)).toBe(1);
    expect(strokeScale(0.4)).toBe(2);
    expect(strokeScale(0.1)).toBe(8);
    expect(strokeScale(0.3)).toBe(2.75);
    // A few screen pixels at any zoom: 3 canvas px × scale × zoom ≥ 2.4.
    for (const zoom of [0.05, 0.13, 0.27, 0.5, 0.79]) expect(3 * strokeScale(zoom) * zoom).toBeGreaterThan(2.2);
    expect(strokeScale(0)).toBe(1);
    expect(strokeScale(Number.NaN)).toBe(1);
  });
});
