import { describe, expect, it } from 'vitest';
import { MAX_WIDTH, MIN_WIDTH, ThroughputMeter, lineWidthFor } from './throughput';

describe('lineWidthFor', () => {
  it('is thinnest at or below 1/s and thickest at or above 1,000/s', () => {
    expect(lineWidthFor(0)).toBe(MIN_WIDTH);
    expect(lineWidthFor(1)).toBe(MIN_WIDTH);
    expect(lineWidthFor(Number.NaN)).toBe(MIN_WIDTH);
    expect(lineWidthFor(1000)).toBe(MAX_WIDTH);
    expect(lineWidthFor(50_000)).toBe(MAX_WIDTH);
  });

  it('grows on a log scale: each decade adds the same width', () => {
    const w10 = lineWidthFor(10);
    const w100 = lineWidthFor(100);
    expect(w10).toBeCloseTo(MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) / 3, 6);
    expect(w100 - w10).toBeCloseTo(w10 - MIN_WIDTH, 6);
    expect(lineWidthFor(30)).toBeGreaterThan(w10);
    expect(lineWidthFor(30)).toBeLessThan(w100);
  });
});

describe('ThroughputMeter', () => {
  it('turns counts per edge into calls per simulated second', () => {
    const meter = new ThroughputMeter();
    for (let i = 0; i < 50; i += 1) meter.count('a');
    for (let i = 0; i < 5; i += 1) meter.count('b');
    expect(meter.take(500)).toEqual({ a: 100, b: 10 });
  });

  it('smooths over windows, forgets idle edges and restarts on reset', () => {
    const meter = new ThroughputMeter();
    for (let i = 0; i < 100; i += 1) meter.count('a');
    meter.take(1000);
    // No calls in the next second: half of the previous rate.
    expect(meter.take(2000)).toEqual({ a: 50 });
    let rates = meter.take(3000);
    for (let i = 0; i < 12; i += 1) rates = meter.take(4000 + i * 1000);
    expect(rates).toEqual({});
    meter.count('a');
    meter.reset();
    meter.count('c');
    expect(meter.take(1000)).toEqual({ c: 1 });
  });

  it('keeps the previous rates for a window of no simulated time', () => {
    const meter = new ThroughputMeter();
    meter.count('a');
    const first = meter.take(1000);
    meter.count('a');
    expect(meter.take(1000)).toBe(first);
  });
});
