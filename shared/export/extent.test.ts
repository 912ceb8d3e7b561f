import { describe, expect, it } from 'vitest';
import { maxOf, minOf } from './extent';
import { unionBoxes } from './layout';

describe('extent of large lists', () => {
  it('finds the least and most of 300,000 values without overflowing the stack', () => {
    const values = Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 300_000);
    expect(minOf(values)).toBe(0);
    expect(maxOf(values)).toBe(299_999);
    expect(minOf([], 5)).toBe(5);
  });
  it('unions 300,000 boxes', () => {
    const boxes = Array.from({ length: 300_000 }, (_, i) => ({ x: i, y: -i, width: 10, height: 10 }));
    expect(unionBoxes(boxes)).toEqual({ x: 0, y: -299_999, width: 300_009, height: 300_009 });
  });
});
