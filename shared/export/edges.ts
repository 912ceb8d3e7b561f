/**
 * Edge geometry for the diagrams: which sides of the two cards an edge leaves and enters, where
 * on those sides (several edges on one side are spread out, ordered by where they go, so they do
 * not cross at the port), the cubic curve between them and the label's anchor.
 */
import { resolveEdge, type TopologyDocument } from '../document';
import type { DiagramLayout, NodeBox } from './layout';
import { plural } from './text';

type Side = 'left' | 'right' | 'top' | 'bottom';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface EdgeShape {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly start: Point;
  readonly end: Point;
  /** Cubic Bézier control points. */
  readonly control1: Point;
  readonly control2: Point;
  /** The point halfway along the curve, where the label is centred. */
  readonly middle: Point;
  readonly async: boolean;
  readonly optional: boolean;
  /** Label lines such as "timeout 500 ms", "2 retries"; empty when nothing is set. */
  readonly label: readonly string[];
}

/** Horizontal room a side-by-side pair needs before edges run sideways rather than down, in px. */
const SIDEWAYS_GAP = 24;
/** Distance between neighbouring ports on one side, in px. */
const PORT_SPACING = 14;

/** "500 ms", "1.5 s" — durations as people write them. */
export function formatDuration(ms: number): string {
  return ms >= 1000 && ms % 100 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** The label lines of an edge: what is set beyond the defaults worth seeing on a diagram. */
export function edgeLabel(edge: TopologyDocument['edges'][number]): string[] {
  const lines: string[] = [];
  if (edge.optional) lines.push('optional');
  if (edge.timeoutMs !== undefined) lines.push(`timeout ${formatDuration(edge.timeoutMs)}`);
  if (edge.retries !== undefined && edge.retries > 0) lines.push(plural(edge.retries, 'retry', 'retries'));
  if (edge.circuitBreaker) lines.push('circuit breaker');
  return lines;
}

function sides(a: NodeBox, b: NodeBox): [Side, Side] {
  if (b.x >= a.x + a.width + SIDEWAYS_GAP) return ['right', 'left'];
  if (b.x + b.width + SIDEWAYS_GAP <= a.x) return ['left', 'right'];
  return b.y + b.height / 2 >= a.y + a.height / 2 ? ['bottom', 'top'] : ['top', 'bottom'];
}

function centre(box: NodeBox): Point {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

function direction(side: Side): Point {
  switch (side) {
    case 'left':
      return { x: -1, y: 0 };
    case 'right':
      return { x: 1, y: 0 };
    case 'top':
      return { x: 0, y: -1 };
    default:
      return { x: 0, y: 1 };
  }
}

/** The curves of every edge whose two ends are on the diagram, in document order. */
export function edgeShapes(doc: TopologyDocument, layout: DiagramLayout): EdgeShape[] {
  const kinds = new Map(doc.nodes.map((n) => [n.id, n.kind]));
  type End = { edge: number; node: NodeBox; side: Side; other: NodeBox };
  const ends: End[] = [];
  const drawn: number[] = [];
  doc.edges.forEach((edge, i) => {
    const a = layout.byId.get(edge.from);
    const b = layout.byId.get(edge.to);
    if (!a || !b || a === b) return;
    const [sideA, sideB] = sides(a, b);
    ends.push({ edge: i, node: a, side: sideA, other: b }, { edge: i, node: b, side: sideB, other: a });
    drawn.push(i);
  });

  // Spread the ends that share a side, ordered along the side by where their other end is.
  const groups = new Map<string, End[]>();
  for (const end of ends) {
    const key = `${end.node.id}\u0000${end.side}`;
    groups.set(key, [...(groups.get(key) ?? []), end]);
  }
  const port = new Map<End, Point>();
  for (const group of groups.values()) {
    const vertical = group[0]!.side === 'left' || group[0]!.side === 'right';
    group.sort((p, q) => (vertical ? centre(p.other).y - centre(q.other).y : centre(p.other).x - centre(q.other).x) || p.edge - q.edge);
    const box = group[0]!.node;
    const length = vertical ? box.height : box.width;
    const spacing = Math.min(PORT_SPACING, (length * 0.7) / Math.max(1, group.length - 1));
    group.forEach((end, i) => {
      const offset = (i - (group.length - 1) / 2) * spacing;
      const c = centre(box);
      const point =
        end.side === 'left'
          ? { x: box.x, y: c.y + offset }
          : end.side === 'right'
            ? { x: box.x + box.width, y: c.y + offset }
            : end.side === 'top'
              ? { x: c.x + offset, y: box.y }
              : { x: c.x + offset, y: box.y + box.height };
      port.set(end, point);
    });
  }

  return drawn.map((i, k) => {
    const edge = doc.edges[i]!;
    const startEnd = ends[2 * k]!;
    const endEnd = ends[2 * k + 1]!;
    const start = port.get(startEnd)!;
    const end = port.get(endEnd)!;
    const d0 = direction(startEnd.side);
    const d1 = direction(endEnd.side);
    const along = d0.x !== 0 ? Math.abs(end.x - start.x) : Math.abs(end.y - start.y);
    const pull = Math.max(36, along / 2);
    const control1 = { x: start.x + d0.x * pull, y: start.y + d0.y * pull };
    const control2 = { x: end.x + d1.x * pull, y: end.y + d1.y * pull };
    const middle = {
      x: (start.x + 3 * control1.x + 3 * control2.x + end.x) / 8,
      y: (start.y + 3 * control1.y + 3 * control2.y + end.y) / 8,
    };
    const resolved = resolveEdge(edge, kinds.get(edge.to));
    return {
      id: edge.id,
      from: edge.from,
      to: edge.to,
      start,
      end,
      control1,
      control2,
      middle,
      async: resolved.async,
      optional: resolved.optional,
      label: edgeLabel(edge),
    };
  });
}
