/**
 * The orthogonal router: a polyline for each call from a side of the caller's card to a side of
 * the callee's, never through a card that is not one of its ends.
 *
 * Every card is an obstacle grown by `CLEARANCE`. A route leaves its card by a short stub, then
 * tries the obvious shapes (straight, L, Z through the middle); when those cross an obstacle it
 * searches the channels between all obstacles of the design (`channels.ts`: A* with a cost per
 * bend over the sparse grid of obstacle borders), so no route crosses a card on any design. Routes sharing a side of a card get spread
 * ports, ordered by where their other end lies, so they do not cross at the card.
 */
import { textWidth } from '../export/text';
import { ChannelGrid } from './channels';
import { SpatialIndex } from './spatial';
import type { Position } from '../document';
import type { Box } from './types';

/** Distance an obstacle reaches around a card, in px: routes keep at least this far away. */
export const CLEARANCE = 12;
/** Length of the straight piece leaving and entering a card (longer than the clearance). */
const STUB = 18;
const PORT_SPACING = 12;
const SIDEWAYS_GAP = 24;
const BEND_COST = 40;
/** Label text: the sizes the SVG export draws it with. */
export const LABEL_SIZE = 10;
export const LABEL_LINE = 12;

type Side = 'left' | 'right' | 'top' | 'bottom';

export interface RouteRequest {
  readonly edgeId: string;
  readonly from: number;
  readonly to: number;
  readonly labelLines: readonly string[];
}

export interface Route {
  readonly request: RouteRequest;
  readonly points: Position[];
  readonly label: Position;
  /** False only when no clear path was found (the straight shape is drawn instead). */
  readonly clear: boolean;
}

/** The box a label of these lines takes, centred on `at` (the SVG export draws exactly this box). */
export function labelBox(lines: readonly string[], at: Position): Box {
  let width = 0;
  for (const line of lines) width = Math.max(width, textWidth(line, LABEL_SIZE));
  width += 10;
  const height = lines.length * LABEL_LINE + 6;
  return { x: at.x - width / 2, y: at.y - height / 2, width, height };
}

function grow(box: Box, by: number): Box {
  return { x: box.x - by, y: box.y - by, width: box.width + 2 * by, height: box.height + 2 * by };
}

function sides(a: Box, b: Box): [Side, Side] {
  if (b.x >= a.x + a.width + SIDEWAYS_GAP) return ['right', 'left'];
  if (b.x + b.width + SIDEWAYS_GAP <= a.x) return ['left', 'right'];
  return b.y + b.height / 2 >= a.y + a.height / 2 ? ['bottom', 'top'] : ['top', 'bottom'];
}

const OUTWARD: Record<Side, Position> = { left: { x: -1, y: 0 }, right: { x: 1, y: 0 }, top: { x: 0, y: -1 }, bottom: { x: 0, y: 1 } };

/** Routes every request over `cards` (absolute boxes), in request order. */
export function routeCalls(cards: readonly Box[], requests: readonly RouteRequest[]): Route[] {
  const obstacles = cards.map((card) => grow(card, CLEARANCE));
  const channels = new ChannelGrid(obstacles);
  const cardIndex = new SpatialIndex(cards);

  // Sides, then ports spread along each side.
  type End = { request: number; card: number; side: Side; other: number };
  const ends: End[] = [];
  const routed: number[] = [];
  requests.forEach((request, i) => {
    if (request.from === request.to) return;
    const [sa, sb] = sides(cards[request.from]!, cards[request.to]!);
    ends.push({ request: i, card: request.from, side: sa, other: request.to }, { request: i, card: request.to, side: sb, other: request.from });
    routed.push(i);
  });
  const groups = new Map<string, End[]>();
  for (const end of ends) {
    const key = `${end.card}:${end.side}`;
    const group = groups.get(key);
    if (group) group.push(end);
    else groups.set(key, [end]);
  }
  const port = new Map<End, Position>();
  for (const group of groups.values()) {
    const vertical = group[0]!.side === 'left' || group[0]!.side === 'right';
    const centre = (i: number) => (vertical ? cards[i]!.y + cards[i]!.height / 2 : cards[i]!.x + cards[i]!.width / 2);
    group.sort((p, q) => centre(p.other) - centre(q.other) || p.request - q.request);
    const box = cards[group[0]!.card]!;
    const length = vertical ? box.height : box.width;
    const spacing = Math.min(PORT_SPACING, (length * 0.7) / Math.max(1, group.length - 1));
    group.forEach((end, i) => {
      const offset = (i - (group.length - 1) / 2) * spacing;
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      port.set(
        end,
        end.side === 'left'
          ? { x: box.x, y: cy + offset }
          : end.side === 'right'
            ? { x: box.x + box.width, y: cy + offset }
            : end.side === 'top'
              ? { x: cx + offset, y: box.y }
              : { x: cx + offset, y: box.y + box.height },
      );
    });
  }

  const clearPath = (points: readonly Position[]): boolean => {
    for (let i = 1; i < points.length; i++) if (!channels.segmentClear(points[i - 1]!, points[i]!)) return false;
    return true;
  };

  return routed.map((i, k) => {
    const request = requests[i]!;
    const startEnd = ends[2 * k]!;
    const endEnd = ends[2 * k + 1]!;
    const p0 = port.get(startEnd)!;
    const p1 = port.get(endEnd)!;
    const d0 = OUTWARD[startEnd.side];
    const d1 = OUTWARD[endEnd.side];
    const s0 = { x: p0.x + d0.x * STUB, y: p0.y + d0.y * STUB };
    const s1 = { x: p1.x + d1.x * STUB, y: p1.y + d1.y * STUB };
    let middle: Position[] | null = null;
    for (const candidate of simpleShapes(s0, s1, startEnd.side)) {
      if (clearPath(candidate)) {
        middle = candidate;
        break;
      }
    }
    if (!middle) middle = channels.search(s0, s1, BEND_COST);
    const clear = middle !== null;
    const points = simplify([p0, ...(middle ?? simpleShapes(s0, s1, startEnd.side)[0]!), p1]);
    return { request, points, label: placeLabel(points, request.labelLines, cardIndex), clear };
  });
}

/** Straight, Z and L shapes between two stub ends, the natural one for the side first. */
function simpleShapes(s0: Position, s1: Position, side: Side): Position[][] {
  const horizontal = side === 'left' || side === 'right';
  const mx = (s0.x + s1.x) / 2;
  const my = (s0.y + s1.y) / 2;
  const zx = [s0, { x: mx, y: s0.y }, { x: mx, y: s1.y }, s1];
  const zy = [s0, { x: s0.x, y: my }, { x: s1.x, y: my }, s1];
  const lx = [s0, { x: s1.x, y: s0.y }, s1];
  const ly = [s0, { x: s0.x, y: s1.y }, s1];
  return horizontal ? [zx, zy, lx, ly] : [zy, zx, ly, lx];
}

/** Drops repeated and collinear points. */
function simplify(points: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.x - p.x) < 1e-6 && Math.abs(last.y - p.y) < 1e-6) continue;
    if (out.length >= 2) {
      const a = out[out.length - 2]!;
      const b = out[out.length - 1]!;
      const sameX = Math.abs(a.x - b.x) < 1e-6 && Math.abs(b.x - p.x) < 1e-6;
      const sameY = Math.abs(a.y - b.y) < 1e-6 && Math.abs(b.y - p.y) < 1e-6;
      if (sameX || sameY) {
        out[out.length - 1] = p;
        continue;
      }
    }
    out.push(p);
  }
  return out;
}

/**
 * Where the label goes: the middle of the longest inner segment whose label box covers no card,
 * else other points along the route; the route's middle when every spot is covered.
 */
function placeLabel(points: readonly Position[], lines: readonly string[], cards: SpatialIndex): Position {
  const segments: { a: Position; b: Position; length: number; order: number }[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    segments.push({ a, b, length: Math.abs(a.x - b.x) + Math.abs(a.y - b.y), order: i });
  }
  segments.sort((p, q) => q.length - p.length || p.order - q.order);
  const at = (s: (typeof segments)[number], t: number) => ({ x: s.a.x + (s.b.x - s.a.x) * t, y: s.a.y + (s.b.y - s.a.y) * t });
  const longest = segments[0];
  if (!longest) return points[0] ?? { x: 0, y: 0 };
  if (lines.length === 0) return at(longest, 0.5);
  const size = labelBox(lines, { x: 0, y: 0 });
  // On the route first; then beside it (still touching it), for routes squeezed between cards.
  const offsets = [0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6, 8, -8];
  for (const offset of offsets) {
    for (const t of [0.5, 0.3, 0.7, 0.15, 0.85]) {
      for (const segment of segments) {
        const base = at(segment, t);
        const horizontal = segment.a.y === segment.b.y;
        const spot = horizontal ? { x: base.x, y: base.y + (offset * size.height) / 2 } : { x: base.x + (offset * size.width) / 2, y: base.y };
        const box = grow(labelBox(lines, spot), 2);
        if (cards.intersecting(box.x, box.y, box.width, box.height).length === 0) return spot;
      }
    }
  }
  return at(longest, 0.5);
}
