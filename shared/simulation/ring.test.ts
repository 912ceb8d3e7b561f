import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildRing, ringFind, ringStart } from './ring';

describe('consistent-hash rings', () => {
  it('finds by its lookup table the point a binary search finds, for any ring and point', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 300 }), fc.integer(), fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 50 }), (members, points, seed, probes) => {
        const ring = buildRing(members, points, (m) => seed + m * 7919);
        // The ring's own points, their neighbours and the ends of the range are the edge cases.
        const extra = [0, 0xffffffff, ...Array.from(ring.points.slice(0, 20), (p) => [p, p - 1, p + 1]).flat()];
        for (const raw of [...probes, ...extra]) {
          const point = raw >>> 0;
          expect(ringFind(ring, point)).toBe(ringStart(ring.points, point));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps its lookup table small: about two entries a point, within bounds', () => {
    expect(buildRing(2, 64, (m) => m).starts.length).toBe(256);
    expect(buildRing(1, 1, (m) => m).starts.length).toBe(16);
    expect(buildRing(100, 1024, (m) => m).starts.length).toBe(65536);
  });
});
