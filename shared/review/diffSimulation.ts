/** The simulation side of `topo diff --simulate`: one seeded run and one sweep per design. */
import type { TopologyDocument } from '../document';
import { simulate, sweep } from '../simulation';
import { SINGLE_POINT_AVAILABILITY, simulationDiff, type SimulationDiff, type SimulationSide } from './diff';

export function simulationSide(doc: TopologyDocument, options: { durationS: number; seed: number }): SimulationSide {
  const report = simulate(doc, options);
  const runs = sweep(doc, options).runs;
  const worst = runs[0];
  return {
    availability: report.availability,
    p99: report.latencyMs.p99,
    worst: worst ? { type: worst.type, target: worst.target, name: worst.name, availability: worst.availability } : null,
    singlePoints: runs.filter((run) => run.availability === null || run.availability < SINGLE_POINT_AVAILABILITY).map((run) => run.target),
  };
}

export function simulateDiff(old: TopologyDocument, next: TopologyDocument, options: { durationS: number; seed: number }): SimulationDiff {
  return simulationDiff(simulationSide(old, options), simulationSide(next, options));
}
