import { expect } from 'vitest';

/** Relative distance between a measured and an expected value (0.03 = 3% off). */
export function relativeError(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}

/** Asserts that `actual` is within `tolerance` (relative, 0.03 = 3%) of `expected`. */
export function expectNear(actual: number, expected: number, tolerance: number): void {
  expect(relativeError(actual, expected), `${actual} should be within ${tolerance * 100}% of ${expected}`).toBeLessThanOrEqual(tolerance);
}
