import { describe, expect, it } from 'vitest';
import type { ChartPoint } from '../../store/simulationStore';
import { OUTCOME_STYLE } from '../../model/outcomeStyle';
import { consistencySeries, hasConsistency } from './consistencySeries';

const point = (t: number, consistency?: ChartPoint['consistency']): ChartPoint => ({ t, ok: 10, failed: 0, p50: 5, p99: 9, causes: {}, ...(consistency ? { consistency } : {}) });

describe('consistencySeries', () => {
  it('is null for a run without replication (no point has counts), and for no points', () => {
    expect(consistencySeries([], 'light')).toBeNull();
    expect(consistencySeries([point(1), point(2)], 'dark')).toBeNull();
    expect(hasConsistency([point(1)])).toBe(false);
  });

  it('maps each second to stale reads, conflicts, lost writes and no-quorum, in that order', () => {
    const series = consistencySeries(
      [point(1, { staleReads: 4, conflicts: 0, lostWrites: 0, noQuorum: 0 }), point(2, { staleReads: 7, conflicts: 2, lostWrites: 1, noQuorum: 12 })],
      'light',
    )!;
    expect(series.map((s) => s.label)).toEqual(['stale reads/s', 'conflicts/s', 'lost writes/s', 'no quorum/s']);
    expect(series.map((s) => s.values)).toEqual([
      [4, 7],
      [0, 2],
      [0, 1],
      [0, 12],
    ]);
  });

  it('reads a second without counts as zero, so every series is as long as the time axis', () => {
    const series = consistencySeries([point(1), point(2, { staleReads: 3, conflicts: 1, lostWrites: 0, noQuorum: 0 }), point(3)], 'dark')!;
    for (const s of series) expect(s.values).toHaveLength(3);
    expect(series[0]!.values).toEqual([0, 3, 0]);
  });

  it("takes the canvas's glyph colours for stale reads and conflicts, per theme", () => {
    const c = { staleReads: 1, conflicts: 1, lostWrites: 1, noQuorum: 1 };
    const light = consistencySeries([point(1, c)], 'light')!;
    const dark = consistencySeries([point(1, c)], 'dark')!;
    expect(light[0]!.color).toBe(OUTCOME_STYLE['stale-read'].light);
    expect(light[1]!.color).toBe(OUTCOME_STYLE['write-conflict'].light);
    expect(dark[0]!.color).toBe(OUTCOME_STYLE['stale-read'].dark);
    expect(dark[1]!.color).toBe(OUTCOME_STYLE['write-conflict'].dark);
    // Four distinct colours: the lines tell apart without the legend's order.
    expect(new Set(light.map((s) => s.color)).size).toBe(4);
    expect(light[3]!.dash).toEqual([5, 3]);
  });
});
