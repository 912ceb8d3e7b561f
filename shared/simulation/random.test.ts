import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Random } from './random';

/** Draws `count` exponentials of mean 1 from seed `seed`, sorted. */
function sortedDraws(seed: number, count: number): Float64Array {
  const random = new Random(seed);
  const draws = new Float64Array(count);
  for (let i = 0; i < count; i++) draws[i] = random.exponential(1);
  return draws.sort();
}

describe('Random.exponential', () => {
  const COUNT = 400_000;
  const draws = sortedDraws(7, COUNT);

  it('has the exponential distribution: Kolmogorov–Smirnov distance within the 1 % critical value', () => {
    let distance = 0;
    for (let i = 0; i < COUNT; i++) {
      const cdf = 1 - Math.exp(-draws[i]!);
      distance = Math.max(distance, Math.abs(cdf - i / COUNT), Math.abs(cdf - (i + 1) / COUNT));
    }
    expect(distance).toBeLessThan(1.63 / Math.sqrt(COUNT));
  });

  it('has mean 1 and second moment 2 (within their standard errors × 4)', () => {
    let sum = 0;
    let squares = 0;
    for (const x of draws) {
      sum += x;
      squares += x * x;
    }
    // Var(X) = 1, Var(X²) = E[X⁴] − E[X²]² = 24 − 4 = 20.
    expect(Math.abs(sum / COUNT - 1)).toBeLessThan(4 / Math.sqrt(COUNT));
    expect(Math.abs(squares / COUNT - 2)).toBeLessThan(4 * Math.sqrt(20 / COUNT));
  });

  it('reaches into the far tail as often as e^-x says', () => {
    // P(X > 7) = e^-7 ≈ 9.1e-4 and P(X > 9) = e^-9 ≈ 1.2e-4.
    const random = new Random(11);
    const n = 2_000_000;
    let over7 = 0;
    let over9 = 0;
    for (let i = 0; i < n; i++) {
      const x = random.exponential(1);
      if (x > 7) over7++;
      if (x > 9) over9++;
    }
    const expect7 = n * Math.exp(-7);
    const expect9 = n * Math.exp(-9);
    expect(Math.abs(over7 - expect7)).toBeLessThan(4 * Math.sqrt(expect7));
    expect(Math.abs(over9 - expect9)).toBeLessThan(4 * Math.sqrt(expect9));
  });

  it('scales with its mean, stays finite and non-negative, and repeats per seed', () => {
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: 0.001, max: 1e6, noNaN: true }), (seed, mean) => {
        const a = new Random(seed);
        const b = new Random(seed);
        for (let i = 0; i < 200; i++) {
          const x = a.exponential(mean);
          const y = b.exponential(1);
          expect(Number.isFinite(x) && x >= 0).toBe(true);
          expect(x).toBeCloseTo(mean * y, 6);
        }
      }),
      { numRuns: 100 },
    );
  });
});
