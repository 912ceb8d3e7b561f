/**
 * Consistent-hash rings, shared by the consistent-hash balancer (instances) and shards (data keys):
 * each member owns `pointsPerMember` points, hashed from its own seed; a key's point belongs to the
 * first member clockwise from it.
 */
import { mix32 } from './random';

export interface Ring {
  /** Points, ascending. */
  readonly points: Uint32Array;
  /** The member owning each point. */
  readonly owners: Int32Array;
}

/** A ring of members 0 … count − 1 (owners `ownerBase + member`), `memberSeed` their hash seed. */
export function buildRing(count: number, pointsPerMember: number, memberSeed: (member: number) => number, ownerBase = 0): Ring {
  const points: [number, number][] = [];
  for (let member = 0; member < count; member++) {
    const seed = mix32(memberSeed(member));
    for (let v = 0; v < pointsPerMember; v++) points.push([mix32(seed ^ v), ownerBase + member]);
  }
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { points: Uint32Array.from(points, (p) => p[0]), owners: Int32Array.from(points, (p) => p[1]) };
}

/** The index of the first point at or after `point` (ring.length when past the last: wrap with `%`). */
export function ringStart(points: Uint32Array, point: number): number {
  let low = 0;
  let high = points.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (points[middle]! < point) low = middle + 1;
    else high = middle;
  }
  return low;
}
