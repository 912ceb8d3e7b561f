/**
 * The polylines particles ride on: every drawn route of a call, grouped by caller and callee node,
 * with cumulative lengths so a point at a fraction of the way is found without allocating.
 */
import type { Edge } from '@xyflow/react';
import type { Position } from '../../shared/document';
import type { TopologyEdgeData } from './toFlow';

export interface ParticlePath {
  readonly points: readonly Position[];
  /** Length from the first point to point i, in canvas pixels. */
  readonly lengths: Float64Array;
}

function pathOf(points: readonly Position[]): ParticlePath {
  const lengths = new Float64Array(points.length);
  for (let i = 1; i < points.length; i += 1) {
    lengths[i] = lengths[i - 1]! + Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y);
  }
  return { points, lengths };
}

/** Routes by "caller node id \0 callee node id": one path per instance card the call reaches. */
export function pathsBetween(edges: readonly Edge[]): Map<string, ParticlePath[]> {
  const out = new Map<string, ParticlePath[]>();
  for (const edge of edges) {
    const data = edge.data as TopologyEdgeData | undefined;
    if (!data?.route || data.route.points.length < 2) continue;
    const key = `${data.edge.from}\u0000${data.edge.to}`;
    let list = out.get(key);
    if (!list) {
      list = [];
      out.set(key, list);
    }
    list.push(pathOf(data.route.points));
  }
  return out;
}

/** The point at fraction `t` (0..1) of the way along `path`, written into `out`. */
export function pointOnPath(path: ParticlePath, t: number, out: { x: number; y: number }): void {
  const { points, lengths } = path;
  const total = lengths[lengths.length - 1]!;
  const wanted = Math.min(Math.max(t, 0), 1) * total;
  let i = 1;
  while (i < points.length - 1 && lengths[i]! < wanted) i += 1;
  const a = points[i - 1]!;
  const b = points[i]!;
  const span = lengths[i]! - lengths[i - 1]!;
  const f = span > 0 ? (wanted - lengths[i - 1]!) / span : 0;
  out.x = a.x + (b.x - a.x) * f;
  out.y = a.y + (b.y - a.y) * f;
}
