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
  /** The callee instance whose card the path ends at; -1 at a card for the whole node. */
  readonly instance: number;
}

function pathOf(points: readonly Position[], instance: number): ParticlePath {
  const lengths = new Float64Array(points.length);
  for (let i = 1; i < points.length; i += 1) {
    lengths[i] = lengths[i - 1]! + Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y);
  }
  return { points, lengths, instance };
}

/** An instance card's key is `nodeId#index`; any other card stands for the whole node. */
function calleeInstance(toKey: string, nodeId: string): number {
  if (!toKey.startsWith(`${nodeId}#`)) return -1;
  const index = Number(toKey.slice(nodeId.length + 1));
  return Number.isInteger(index) ? index : -1;
}

/**
 * Which of a route's paths a particle rides: the one ending at `instance`'s card when the engine
 * named the instance and it has a card; otherwise one picked by `start` (stable per particle, so
 * the calls of a route spread over the instance cards in rotation).
 */
export function pathIndexFor(choices: readonly ParticlePath[], instance: number, start: number): number {
  if (instance >= 0) for (let i = 0; i < choices.length; i += 1) if (choices[i]!.instance === instance) return i;
  return Math.floor(start) % choices.length;
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
    list.push(pathOf(data.route.points, calleeInstance(data.route.toKey, data.edge.to)));
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
