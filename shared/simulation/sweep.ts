/**
 * The sweep (SPEC §4): every host down, then every deployable node down, each for the whole run,
 * worst availability first — the single points of failure at a glance.
 *
 * The runs (and the healthy baseline) are independent, so one sweep is shared out the same way
 * wherever it runs: `planSweep` cuts it into shares, each share runs anywhere (a Web Worker, a
 * worker thread, this thread) through `runSweepShare`, and `mergeSweep` puts the results back
 * together. The report does not depend on how many shares there were, nor on their order.
 */
import { FAILURE_CAUSES, isDeployable, type FailureCause, type Scenario, type TopologyDocument } from '../document';
import { DEFAULT_DURATION_S, DEFAULT_SEED, simulate } from './simulation';
import type { SweepReport, SweepRun, SweepTarget } from './types';
import type { SweepShareRequest } from './service';
import { runBatch, type BatchOptions, type BatchWorker } from '../batch/pool';

export interface SweepOptions {
  readonly durationS?: number;
  readonly seed?: number;
}

/** Part of a sweep: targets by index into `sweepTargets(doc)`, and whether it measures the baseline. */
export interface SweepShare {
  readonly targets: readonly number[];
  readonly baseline: boolean;
}

/**
 * What a share found: `runs[i]` is the run of target `targets[i]`; `baseline` when the share measured
 * it (absent otherwise; `null` when it measured a baseline in which no request finished).
 */
export interface SweepShareResult {
  readonly targets: readonly number[];
  readonly runs: readonly SweepRun[];
  readonly baseline?: number | null;
}

/** Progress of one share: `done` of `total` simulations (its runs, plus one for the baseline). */
export interface SweepProgress {
  readonly done: number;
  readonly total: number;
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
    ...(report.partial ? { partial: report.partial } : {}),
    mainCause,
  };
}

/** Sort key of an availability: a run in which nothing finished is the worst there is. */
function worstFirst(availability: number | null): number {
  return availability ?? -1;
}

/** Worst first (nothing finished before any number); equal availability keeps the order of `sweepTargets` (hosts, zones, regions, then nodes). */
export function sortSweepRuns(doc: TopologyDocument, runs: readonly SweepRun[]): SweepRun[] {
  const order = new Map(sweepTargets(doc).map((t, i) => [`${t.type}:${t.target}`, i]));
  const rank = (run: SweepRun) => order.get(`${run.type}:${run.target}`) ?? Number.MAX_SAFE_INTEGER;
  return [...runs].sort((a, b) => worstFirst(a.availability) - worstFirst(b.availability) || rank(a) - rank(b));
}

/** The healthy system's availability under the same load, for comparison. */
export function sweepBaseline(doc: TopologyDocument, options: SweepOptions = {}): number | null {
  return simulate(doc, { durationS: options.durationS ?? DEFAULT_DURATION_S, seed: options.seed ?? DEFAULT_SEED }).availability;
}

/** Assembles a sweep report from its runs (any order) and the baseline (null when no request finished). */
export function sweepReport(doc: TopologyDocument, runs: readonly SweepRun[], baseline: number | null, options: SweepOptions = {}): SweepReport {
  return { duration: options.durationS ?? DEFAULT_DURATION_S, seed: options.seed ?? DEFAULT_SEED, baseline, runs: sortSweepRuns(doc, runs) };
}

/**
 * Cuts the sweep of `doc` into at most `parts` shares of nearly equal work (every simulation
 * costs about the same): the baseline and the targets are dealt out in turn, so each share gets
 * hosts and nodes alike. Never an empty share; at least one share even with nothing to fail.
 */
export function planSweep(doc: TopologyDocument, parts: number): SweepShare[] {
  const targetCount = sweepTargets(doc).length;
  const count = Math.max(1, Math.min(Math.floor(parts) || 1, targetCount + 1));
  // Unit 0 is the baseline, unit u ≥ 1 is target u − 1; unit u goes to share u mod count.
  return Array.from({ length: count }, (_, share) => {
    const targets: number[] = [];
    for (let unit = share === 0 ? count : share; unit <= targetCount; unit += count) targets.push(unit - 1);
    return { targets, baseline: share === 0 };
  });
}

/**
 * Runs one share, yielding its progress after every simulation, so a caller can do the work in
 * slices (the Web Worker, between messages) or all at once (`finishSweepShare`).
 */
export function* runSweepShare(doc: TopologyDocument, share: SweepShare, options: SweepOptions = {}): Generator<SweepProgress, SweepShareResult, void> {
  const all = sweepTargets(doc);
  const targets = share.targets.map((index) => {
    const target = all[index];
    if (target === undefined || !Number.isInteger(index)) throw new RangeError(`sweep: no target ${index} (the design has ${all.length})`);
    return target;
  });
  const total = targets.length + (share.baseline ? 1 : 0);
  const runs: SweepRun[] = [];
  for (const target of targets) {
    runs.push(runSweepTarget(doc, target, options));
    yield { done: runs.length, total };
  }
  if (!share.baseline) return { targets: [...share.targets], runs };
  const baseline = sweepBaseline(doc, options);
  yield { done: total, total };
  return { targets: [...share.targets], runs, baseline };
}

/** Runs a share to its end in this thread; `onProgress(done, total)` after each simulation. */
export function finishSweepShare(doc: TopologyDocument, share: SweepShare, options: SweepOptions = {}, onProgress?: (done: number, total: number) => void): SweepShareResult {
  const steps = runSweepShare(doc, share, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    onProgress?.(step.value.done, step.value.total);
  }
}

/**
 * The sweep report from the results of every share of one plan, in any order. Throws when the
 * results do not cover every target and the baseline exactly once (shares of another plan or
 * design): that is a bug of the caller, not of the design.
 */
export function mergeSweep(doc: TopologyDocument, results: readonly SweepShareResult[], options: SweepOptions = {}): SweepReport {
  const targetCount = sweepTargets(doc).length;
  const runs = new Map<number, SweepRun>();
  const baselines: (number | null)[] = [];
  for (const result of results) {
    if (result.runs.length !== result.targets.length) throw new Error(`sweep: a share has ${result.runs.length} runs for ${result.targets.length} targets`);
    result.targets.forEach((index, i) => {
      if (runs.has(index)) throw new Error(`sweep: target ${index} ran twice`);
      runs.set(index, result.runs[i]!);
    });
    if (result.baseline !== undefined) baselines.push(result.baseline);
  }
  for (let index = 0; index < targetCount; index++) if (!runs.has(index)) throw new Error(`sweep: target ${index} did not run`);
  if (runs.size !== targetCount) throw new Error(`sweep: results name targets the design does not have (${targetCount})`);
  if (baselines.length !== 1) throw new Error(`sweep: ${baselines.length} baselines instead of one`);
  return sweepReport(doc, [...runs.values()], baselines[0] ?? null, options);
}

/** The whole sweep in this thread (one share). `onProgress(done, total)` after each run (the baseline is not counted). */
export function sweep(doc: TopologyDocument, options: SweepOptions = {}, onProgress?: (done: number, total: number) => void): SweepReport {
  const runCount = sweepTargets(doc).length;
  const progress = onProgress && ((done: number) => void (done <= runCount && onProgress(done, runCount)));
  return mergeSweep(doc, planSweep(doc, 1).map((share) => finishSweepShare(doc, share, options, progress)), options);
}

/** The sweep as pool tasks: one simulation each (the baseline, then every target), for work stealing. */
export function sweepTasks(doc: TopologyDocument, options: SweepOptions = {}): SweepShareRequest[] {
  return planSweep(doc, sweepTargets(doc).length + 1).map((share) => ({ document: doc, ...options, share }));
}

export interface PooledSweepOptions extends SweepOptions {
  /** Workers of the pool (at least 1). */
  readonly workers: number;
  /** Makes worker `index`: a thread, a Web Worker, or `inThreadWorker(runSweepTask)`. */
  readonly spawn: (index: number) => BatchWorker<SweepShareRequest, SweepShareResult>;
  readonly signal?: BatchOptions<SweepShareRequest, SweepShareResult>['signal'];
  /** After each finished simulation, `done` of `total` over the whole sweep. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * The sweep on a worker pool (`shared/batch`): one task per simulation, taken by whichever worker
 * is idle, merged by `mergeSweep` — the same report for any number of workers.
 */
export async function sweepOnWorkers(doc: TopologyDocument, options: PooledSweepOptions): Promise<SweepReport> {
  const sweepOptions: SweepOptions = { ...(options.durationS !== undefined ? { durationS: options.durationS } : {}), ...(options.seed !== undefined ? { seed: options.seed } : {}) };
  const tasks = sweepTasks(doc, sweepOptions);
  const done = new Array<number>(tasks.length).fill(0);
  const total = tasks.length; // one simulation per task
  let finished = 0;
  const results = await runBatch(tasks, {
    workers: options.workers,
    spawn: options.spawn,
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: (task, taskDone) => {
      finished += taskDone - done[task]!;
      done[task] = taskDone;
      options.onProgress?.(finished, total);
    },
  });
  return mergeSweep(doc, results, sweepOptions);
}

/** One pool task in this thread (what every sweep worker runs). */
export function runSweepTask(task: SweepShareRequest, control?: { readonly onProgress?: (done: number, total: number) => void }): SweepShareResult {
  const options: SweepOptions = { ...(task.durationS !== undefined ? { durationS: task.durationS } : {}), ...(task.seed !== undefined ? { seed: task.seed } : {}) };
  return finishSweepShare(task.document, task.share, options, control?.onProgress);
}
