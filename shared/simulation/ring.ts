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
  /**
   * A lookup table over the top bits of a point: entry b is the index of the first point at or
   * after b's range. `ringFind` starts there and steps over the few points left before its own
   * (two entries per point: most ranges hold none), instead of a binary search whose every step
   * is a branch the processor cannot predict.
   */
  readonly starts: Int32Array;
  /** 32 minus the table's bits: a point's entry is `point >>> shift`. */
  readonly shift: number;
}

/** A ring of members 0 … count − 1 (owners `ownerBase + member`), `memberSeed` their hash seed. */
export function buildRing(count: number, pointsPerMember: number, memberSeed: (member: number) => number, ownerBase = 0): Ring {
  const points: [number, number][] = [];
  for (let member = 0; member < count; member++) {
    const seed = mix32(memberSeed(member));
    for (let v = 0; v < pointsPerMember; v++) points.push([mix32(seed ^ v), ownerBase + member]);
  }
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const sorted = Uint32Array.from(points, (p) => p[0]);
  const bits = Math.min(16, Math.max(4, Math.ceil(Math.log2(Math.max(1, sorted.length))) + 1));
  const shift = 32 - bits;
  const starts = new Int32Array(2 ** bits);
  for (let entry = 0, at = 0; entry < starts.length; entry++) {
    while (at < sorted.length && sorted[at]! >>> shift < entry) at++;
    starts[entry] = at;
  }
  return { points: sorted, owners: Int32Array.from(points, (p) => p[1]), starts, shift };
}

/** `ringStart` of the ring's points, by its lookup table. */
export function ringFind(ring: Ring, point: number): number {
  const points = ring.points;
  let at = ring.starts[point >>> ring.shift]!;
  while (at < points.length && points[at]! < point) at++;
  return at;
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
