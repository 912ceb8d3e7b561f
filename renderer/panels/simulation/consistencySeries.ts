/**
 * The Consistency chart's lines: stale reads, conflicts, lost writes and no-quorum refusals per
 * simulated second. Only a design with a replicated node has them (its timeline entries carry
 * `consistency`); any other run gets null and no chart. Colours are the canvas's own: the stale-read
 * and write-conflict glyph colours, crash red for writes lost, slate (unavailable) for no quorum.
 */
import type { ChartPoint } from '../../store/simulationStore';
import type { ConsistencySecond } from '../../../shared/simulation/types';
import { OUTCOME_STYLE } from '../../model/outcomeStyle';
import type { ChartSeries } from './Chart';

type Tone = 'light' | 'dark';

const LINES: readonly { readonly key: keyof ConsistencySecond; readonly label: string; readonly color: keyof typeof OUTCOME_STYLE; readonly dash?: number[] }[] = [
  { key: 'staleReads', label: 'stale reads/s', color: 'stale-read' },
  { key: 'conflicts', label: 'conflicts/s', color: 'write-conflict' },
  { key: 'lostWrites', label: 'lost writes/s', color: 'crash' },
  { key: 'noQuorum', label: 'no quorum/s', color: 'unavailable', dash: [5, 3] },
];

/** Whether any point of the run carries consistency counts (a design with replication). */
export function hasConsistency(points: readonly ChartPoint[]): boolean {
  return points.some((p) => p.consistency !== undefined);
}

/**
 * The four series over `points` (a second without counts reads 0), or null when no point has any.
 * The series layout is the same whatever the counts, so the plot is made once per run.
 */
export function consistencySeries(points: readonly ChartPoint[], tone: Tone): ChartSeries[] | null {
  if (!hasConsistency(points)) return null;
  return LINES.map((line) => ({
    label: line.label,
    color: OUTCOME_STYLE[line.color][tone],
    values: points.map((p) => p.consistency?.[line.key] ?? 0),
    ...(line.dash ? { dash: line.dash } : {}),
  }));
}
