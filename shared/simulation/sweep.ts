/**
 * The sweep (SPEC §4): every host down, then every deployable node down, each for the whole run,
 * worst availability first — the single points of failure at a glance. Runs are independent, so
 * callers with several cores split `sweepTargets` between workers and merge with `sortSweepRuns`.
 */
import { FAILURE_CAUSES, isDeployable, type FailureCause, type Scenario, type TopologyDocument } from '../document';
import { DEFAULT_DURATION_S, DEFAULT_SEED, simulate } from './simulation';
import type { SweepReport, SweepRun, SweepTarget } from './types';

export interface SweepOptions {
  readonly durationS?: number;
  readonly seed?: number;
}

/**
 * Every run of the sweep: hosts, then zones and regions (only where the design has two or more of
 * them: failing the only one is failing everything), then deployable nodes, each in document order.
 */
export function sweepTargets(doc: TopologyDocument): SweepTarget[] {
  const domains = (domain: 'zone' | 'region'): SweepTarget[] => {
    const names = [...new Set(doc.hosts.flatMap((host) => (host[domain] === undefined ? [] : [host[domain]])))];
    return names.length < 2 ? [] : names.map((name) => ({ type: `${domain}-down`, target: name, name: `${domain} ${name}` }));
  };
  return [
    ...doc.hosts.map((host): SweepTarget => ({ type: 'host-down', target: host.id, name: host.name })),
    ...domains('zone'),
    ...domains('region'),
    ...doc.nodes.filter((node) => isDeployable(node.kind)).map((node): SweepTarget => ({ type: 'node-down', target: node.id, name: node.name })),
  ];
}

function scenarioFor(target: SweepTarget): Scenario {
  return { id: `sweep:${target.type}:${target.target}`, name: `${target.name} down`, faults: [{ type: target.type, target: target.target, at: 0 }] };
}

/** Runs one sweep target. */
export function runSweepTarget(doc: TopologyDocument, target: SweepTarget, options: SweepOptions = {}): SweepRun {
  const report = simulate(doc, { durationS: options.durationS ?? DEFAULT_DURATION_S, seed: options.seed ?? DEFAULT_SEED, scenario: scenarioFor(target) });
  let mainCause: FailureCause | null = null;
  for (const cause of FAILURE_CAUSES) if (report.failures[cause] > 0 && (mainCause === null || report.failures[cause] > report.failures[mainCause])) mainCause = cause;
  return {
    type: target.type,
    target: target.target,
    name: target.name,
    availability: report.availability,
    requests: { total: report.requests.total, ok: report.requests.ok, failed: report.requests.failed },
    mainCause,
  };
}

/** Worst first; equal availability keeps the order of `sweepTargets` (hosts, zones, regions, then nodes). */
export function sortSweepRuns(doc: TopologyDocument, runs: readonly SweepRun[]): SweepRun[] {
  const order = new Map(sweepTargets(doc).map((t, i) => [`${t.type}:${t.target}`, i]));
  const rank = (run: SweepRun) => order.get(`${run.type}:${run.target}`) ?? Number.MAX_SAFE_INTEGER;
  return [...runs].sort((a, b) => a.availability - b.availability || rank(a) - rank(b));
}

/** The healthy system's availability under the same load, for comparison. */
export function sweepBaseline(doc: TopologyDocument, options: SweepOptions = {}): number {
  return simulate(doc, { durationS: options.durationS ?? DEFAULT_DURATION_S, seed: options.seed ?? DEFAULT_SEED }).availability;
}

/** Assembles a sweep report from runs made anywhere (in process or in worker threads). */
export function sweepReport(doc: TopologyDocument, runs: readonly SweepRun[], baseline: number, options: SweepOptions = {}): SweepReport {
  return { duration: options.durationS ?? DEFAULT_DURATION_S, seed: options.seed ?? DEFAULT_SEED, baseline, runs: sortSweepRuns(doc, runs) };
}

/** The whole sweep in this thread. `onProgress(done, total)` after each run. */
export function sweep(doc: TopologyDocument, options: SweepOptions = {}, onProgress?: (done: number, total: number) => void): SweepReport {
  const targets = sweepTargets(doc);
  const runs: SweepRun[] = [];
  for (const target of targets) {
    runs.push(runSweepTarget(doc, target, options));
    onProgress?.(runs.length, targets.length);
  }
  return sweepReport(doc, runs, sweepBaseline(doc, options), options);
}
