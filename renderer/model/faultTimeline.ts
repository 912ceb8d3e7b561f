/**
 * The fault timeline's bars: each fault of a scenario as a span over the run's duration (a fault
 * without `at` starts at 0, without `until` lasts to the end), laid in rows so overlapping faults
 * do not cover each other.
 */
import type { Fault, TopologyDocument } from '../../shared/document';

export interface FaultBar {
  /** Share of the run at which the fault starts and ends, 0..1. */
  readonly from: number;
  readonly to: number;
  /** Row, 0 first: a bar never overlaps another of its row. */
  readonly row: number;
  /** What and when, in words (the bar's tooltip and accessible name). */
  readonly label: string;
}

function targetName(fault: Fault, document: TopologyDocument): string {
  if (fault.type === 'partition') return fault.groups.map((group) => group.map((id) => document.hosts.find((h) => h.id === id)?.name ?? id).join('+')).join(' | ');
  const id = fault.target;
  const name = document.nodes.find((n) => n.id === id)?.name ?? document.hosts.find((h) => h.id === id)?.name ?? id;
  return fault.type === 'instance-down' ? `${name} #${fault.instance + 1}` : name;
}

/** Bars for `faults` over a run of `durationS` seconds; faults wholly after the run are left out. */
export function faultBars(faults: readonly Fault[], durationS: number, document: TopologyDocument): FaultBar[] {
  const rowEnds: number[] = [];
  const bars: FaultBar[] = [];
  const ordered = faults.map((fault) => ({ fault, at: fault.at ?? 0, until: Math.min(fault.until ?? durationS, durationS) })).filter((f) => f.at < durationS && f.until > f.at);
  ordered.sort((a, b) => a.at - b.at);
  for (const { fault, at, until } of ordered) {
    let row = rowEnds.findIndex((end) => end <= at);
    if (row < 0) row = rowEnds.length;
    rowEnds[row] = until;
    const value = 'value' in fault ? ` ${fault.value}` : '';
    bars.push({ from: at / durationS, to: until / durationS, row, label: `${fault.type}${value} ${targetName(fault, document)}, ${at}–${until} s` });
  }
  return bars;
}
