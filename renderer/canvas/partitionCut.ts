/**
 * Where the canvas draws a network partition: a ring around each side's server boxes and a cut
 * line between every two sides, in canvas units (the layout's own, so it pans and zooms with the
 * rest). Pure: server rectangles and the partitions' sides in, rings and lines out.
 *
 * The line between two sides is axis-aligned, in the middle of the gap between the sides' bounding
 * boxes, along the axis where that gap is widest (servers side by side: a vertical line; stacked:
 * a horizontal one), and spans both boxes plus a margin. Sides whose boxes overlap on both axes
 * (their servers interleave) still get a line at the middle between them, marked `interleaved`.
 */
import type { Box, ServerBox } from '../../shared/layout/types';
import type { PartitionSides } from '../model/replicaView';

/** How far the ring lies outside its server box, px. */
export const RING_GAP = 6;
/** How far a cut line reaches past the two sides' boxes, px. */
export const LINE_OVERHANG = 28;

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
  /** The sides' boxes overlap on both axes: no straight line keeps them apart. */
  readonly interleaved: boolean;
}

export interface PartitionCut {
  readonly rings: readonly SideRing[];
  readonly lines: readonly CutLine[];
  /** The box holding every ring and line (where the layer's drawing goes). */
  readonly bounds: Box;
}

const EMPTY_CUT: PartitionCut = { rings: [], lines: [], bounds: { x: 0, y: 0, width: 0, height: 0 } };

interface Extent {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

function extentOf(rects: readonly HostRect[]): Extent {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const r of rects) {
    left = Math.min(left, r.x);
    top = Math.min(top, r.y);
    right = Math.max(right, r.x + r.width);
    bottom = Math.max(bottom, r.y + r.height);
  }
  return { left, top, right, bottom };
}

/** The gap between a and b along one axis (negative when they overlap on it). */
function gap(aLow: number, aHigh: number, bLow: number, bHigh: number): number {
  return Math.max(bLow - aHigh, aLow - bHigh);
}

/** Where, along one axis, the middle of the gap between a and b is (the middle of their overlap when there is none). */
function middle(aLow: number, aHigh: number, bLow: number, bHigh: number): number {
  return aLow + aHigh <= bLow + bHigh ? (aHigh + bLow) / 2 : (bHigh + aLow) / 2;
}

/** The cut line between two sides' extents. */
export function cutBetween(a: Extent, b: Extent): Omit<CutLine, 'partition' | 'sides'> {
  const gapX = gap(a.left, a.right, b.left, b.right);
  const gapY = gap(a.top, a.bottom, b.top, b.bottom);
  const interleaved = gapX < 0 && gapY < 0;
  if (gapX >= gapY) {
    const x = middle(a.left, a.right, b.left, b.right);
    return { x1: x, y1: Math.min(a.top, b.top) - LINE_OVERHANG, x2: x, y2: Math.max(a.bottom, b.bottom) + LINE_OVERHANG, orientation: 'vertical', interleaved };
  }
  const y = middle(a.top, a.bottom, b.top, b.bottom);
  return { x1: Math.min(a.left, b.left) - LINE_OVERHANG, y1: y, x2: Math.max(a.right, b.right) + LINE_OVERHANG, y2: y, orientation: 'horizontal', interleaved };
}

/** Whether a third side's extent lies across the line's path between a and b (then a and b do not touch). */
function blocks(line: Omit<CutLine, 'partition' | 'sides'>, a: Extent, b: Extent, c: Extent): boolean {
  if (line.orientation === 'vertical') {
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
        if (extents.some((c, k) => c !== null && k !== i && k !== j && blocks(line, a, b, c))) continue;
        lines.push({ partition, sides: [i, j], ...line });
      }
    }
  });
  if (rings.length === 0) return EMPTY_CUT;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const r of rings) {
    left = Math.min(left, r.x);
    top = Math.min(top, r.y);
    right = Math.max(right, r.x + r.width);
    bottom = Math.max(bottom, r.y + r.height);
  }
  for (const l of lines) {
    left = Math.min(left, l.x1, l.x2);
    top = Math.min(top, l.y1, l.y2);
    right = Math.max(right, l.x1, l.x2);
    bottom = Math.max(bottom, l.y1, l.y2);
  }
  return { rings, lines, bounds: { x: left, y: top, width: right - left, height: bottom - top } };
}
