/**
 * Where the canvas draws a network partition: a ring around each side's server boxes and a cut
 * line between every two sides, in canvas units (the layout's own, so it pans and zooms with the
 * rest). Pure: server rectangles and the partitions' sides in, rings and lines out.
 *
 * The line between two sides is axis-aligned, in the middle of the gap between the sides' bounding
 * boxes, along the axis where that gap is widest (servers side by side: a vertical line; stacked:
 * a horizontal one), and spans both boxes plus a margin. Sides whose boxes overlap on both axes
 * (one side's servers sit among the other's) cannot be cut by a straight line: the cut is then a
 * loop around the side with the smaller box, when that box holds no server of the other side, else a
 * loop around each of that side's servers.
 */
import type { Box, ServerBox } from '../../shared/layout/types';
import { unionOf } from '../../shared/layout/spatial';
import type { PartitionSides } from '../model/replicaView';

/** How far the ring lies outside its server box, px. */
export const RING_GAP = 6;
/** How far a cut line reaches past the two sides' boxes, px. */
export const LINE_OVERHANG = 28;
/** How far a cut loop lies outside the servers it encloses, px (less where another server is nearer). */
export const LOOP_GAP = 16;

export type HostRect = Pick<ServerBox, 'hostId' | 'x' | 'y' | 'width' | 'height'>;

/** A server's ring: its box grown by RING_GAP, and its side (index into the partition's groups). */
export interface SideRing extends Box {
  readonly hostId: string;
  readonly partition: number;
  readonly side: number;
}

export interface CutLine {
  readonly partition: number;
  /** The two sides it runs between. */
  readonly sides: readonly [number, number];
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly orientation: 'vertical' | 'horizontal';
}

/** A cut drawn as a closed loop around servers of the side `inside` (sides that no straight line parts). */
export interface CutLoop extends Box {
  readonly partition: number;
  readonly sides: readonly [number, number];
  readonly inside: number;
}

export interface PartitionCut {
  readonly rings: readonly SideRing[];
  readonly lines: readonly CutLine[];
  readonly loops: readonly CutLoop[];
  /** The box holding every ring and line (where the layer's drawing goes). */
  readonly bounds: Box;
}

const EMPTY_CUT: PartitionCut = { rings: [], lines: [], loops: [], bounds: { x: 0, y: 0, width: 0, height: 0 } };

interface Extent {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The extent of a non-empty list of boxes (the layout's `unionOf`, as edges). */
function extentOf(rects: readonly Box[]): Extent {
  const union = unionOf(rects);
  return { left: union.x, top: union.y, right: union.x + union.width, bottom: union.y + union.height };
}

/** The gap between a and b along one axis (negative when they overlap on it). */
function gap(aLow: number, aHigh: number, bLow: number, bHigh: number): number {
  return Math.max(bLow - aHigh, aLow - bHigh);
}

/** Where, along one axis, the middle of the gap between a and b is (the middle of their overlap when there is none). */
function middle(aLow: number, aHigh: number, bLow: number, bHigh: number): number {
  return aLow + aHigh <= bLow + bHigh ? (aHigh + bLow) / 2 : (bHigh + aLow) / 2;
}

/** The cut line between two sides' extents, or null when they overlap on both axes. */
export function cutBetween(a: Extent, b: Extent): Omit<CutLine, 'partition' | 'sides'> | null {
  const gapX = gap(a.left, a.right, b.left, b.right);
  const gapY = gap(a.top, a.bottom, b.top, b.bottom);
  if (gapX < 0 && gapY < 0) return null;
  if (gapX >= gapY) {
    const x = middle(a.left, a.right, b.left, b.right);
    return { x1: x, y1: Math.min(a.top, b.top) - LINE_OVERHANG, x2: x, y2: Math.max(a.bottom, b.bottom) + LINE_OVERHANG, orientation: 'vertical' };
  }
  const y = middle(a.top, a.bottom, b.top, b.bottom);
  return { x1: Math.min(a.left, b.left) - LINE_OVERHANG, y1: y, x2: Math.max(a.right, b.right) + LINE_OVERHANG, y2: y, orientation: 'horizontal' };
}

/** How far apart an extent and a rectangle are (the larger axis gap; ≤ 0 when they overlap). */
function separation(e: Extent, r: HostRect): number {
  return Math.max(gap(e.left, e.right, r.x, r.x + r.width), gap(e.top, e.bottom, r.y, r.y + r.height));
}

/** A loop around `e`, LOOP_GAP outside it, or half-way to the nearest of `others` when that is closer; null when one overlaps it. */
function loopAround(e: Extent, others: readonly HostRect[]): Box | null {
  let margin = LOOP_GAP;
  for (const r of others) {
    const apart = separation(e, r);
    if (apart <= 0) return null;
    margin = Math.min(margin, apart / 2);
  }
  return { x: e.left - margin, y: e.top - margin, width: e.right - e.left + 2 * margin, height: e.bottom - e.top + 2 * margin };
}

/** The loops that part sides `inner` (the one with the smaller box) and `outer` when no straight line can. */
function loopsBetween(inner: readonly HostRect[], innerExtent: Extent, outer: readonly HostRect[]): Box[] {
  const whole = loopAround(innerExtent, outer);
  if (whole) return [whole];
  return inner.map((r) => loopAround({ left: r.x, top: r.y, right: r.x + r.width, bottom: r.y + r.height }, outer) ?? { x: r.x, y: r.y, width: r.width, height: r.height });
}

const area = (e: Extent) => (e.right - e.left) * (e.bottom - e.top);

/** Whether a third side's extent lies across the line's path between a and b (then a and b do not touch). */
function blocks(orientation: CutLine['orientation'], a: Extent, b: Extent, c: Extent): boolean {
  if (orientation === 'vertical') {
    const low = Math.min(a.right, b.right);
    const high = Math.max(a.left, b.left);
    const centre = (c.left + c.right) / 2;
    return centre > low && centre < high && c.bottom > Math.max(a.top, b.top) && c.top < Math.min(a.bottom, b.bottom);
  }
  const low = Math.min(a.bottom, b.bottom);
  const high = Math.max(a.top, b.top);
  const centre = (c.top + c.bottom) / 2;
  return centre > low && centre < high && c.right > Math.max(a.left, b.left) && c.left < Math.min(a.right, b.right);
}

/**
 * The rings and cut lines of `partitions` over the drawn `servers`. Hosts not drawn (the logical
 * view has no servers) are left out; a side with no server drawn has no ring and no line. With three
 * or more sides, a line joins two sides only when no other side lies between them.
 */
export function partitionCut(servers: readonly HostRect[], partitions: readonly PartitionSides[]): PartitionCut {
  if (partitions.length === 0 || servers.length === 0) return EMPTY_CUT;
  const byHost = new Map(servers.map((s) => [s.hostId, s]));
  const rings: SideRing[] = [];
  const lines: CutLine[] = [];
  const loops: CutLoop[] = [];
  partitions.forEach((sides, partition) => {
    const drawn = sides.map((hosts) => hosts.map((h) => byHost.get(h)).filter((r): r is HostRect => r !== undefined));
    drawn.forEach((rects, side) => {
      for (const r of rects) rings.push({ hostId: r.hostId, partition, side, x: r.x - RING_GAP, y: r.y - RING_GAP, width: r.width + 2 * RING_GAP, height: r.height + 2 * RING_GAP });
    });
    const extents = drawn.map((rects) => (rects.length > 0 ? extentOf(rects) : null));
    for (let i = 0; i < extents.length; i++) {
      for (let j = i + 1; j < extents.length; j++) {
        const a = extents[i];
        const b = extents[j];
        if (!a || !b) continue;
        const line = cutBetween(a, b);
        if (!line) {
          const inside = area(a) <= area(b) ? i : j;
          const outside = inside === i ? j : i;
          for (const loop of loopsBetween(drawn[inside]!, extents[inside]!, drawn[outside]!)) loops.push({ partition, sides: [i, j], inside, ...loop });
          continue;
        }
        if (extents.some((c, k) => c !== null && k !== i && k !== j && blocks(line.orientation, a, b, c))) continue;
        lines.push({ partition, sides: [i, j], ...line });
      }
    }
  });
  if (rings.length === 0) return EMPTY_CUT;
  // Rings and loops are rectangles: their extent, then the cut lines' ends.
  let { left, top, right, bottom } = extentOf([...rings, ...loops]);
  for (const l of lines) {
    left = Math.min(left, l.x1, l.x2);
    top = Math.min(top, l.y1, l.y2);
    right = Math.max(right, l.x1, l.x2);
    bottom = Math.max(bottom, l.y1, l.y2);
  }
  return { rings, lines, loops, bounds: { x: left, y: top, width: right - left, height: bottom - top } };
}

/**
 * How much thicker than in canvas units the cut's strokes and labels are drawn, so that zoomed far
 * out (where 3 canvas px are a fraction of a screen pixel) the cut still reads: 1 down to 80 % zoom,
 * then 0.8 / zoom in quarter steps (a wheel zoom re-renders the layer only when the step changes).
 */
export function strokeScale(zoom: number): number {
  if (!(zoom > 0) || zoom >= 0.8) return 1;
  return Math.round((0.8 / zoom) * 4) / 4;
}
