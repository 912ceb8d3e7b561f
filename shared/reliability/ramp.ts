/**
 * `topo capacity --ramp` (SPEC §7): the simulator at growing multiples of every client's rate —
 * served throughput, failures and p99 at each — and the knee, the first multiple where more than
 * 1 % of requests fail or a client's latency SLO breaks. Each step is a seeded run of its own, so
 * steps run on the batch pool (`shared/batch`) — the CLI's worker threads, the app's Web Workers,
 * or this thread — one step per task, and the result does not depend on how many ran at once.
 */
import { inThreadWorker, runBatch, type BatchSignal, type BatchWorker } from '../batch';
import type { TopologyDocument } from '../document';
import { DEFAULT_SEED, simulate, type SimulationReport } from '../simulation';
import { analyzeCapacity } from './capacity';

export const DEFAULT_RAMP_STEPS = 10;
export const DEFAULT_RAMP_DURATION_S = 20;
/** The largest multiple tried, as a share of the analytic maxMultiple. */
export const RAMP_TOP_SHARE = 1.5;
/** Where the analytic figures give no maxMultiple (nothing saturates), the ramp goes to this. */
export const RAMP_TOP_WITHOUT_BOTTLENECK = 2.5;
/** The knee: the first step failing more than this share of its requests. */
export const KNEE_FAILED_SHARE = 0.01;

export interface RampStep {
  /** Every client's rate × this. */
  readonly multiple: number;
  /** Requests per second sent and served. */
  readonly offered: number;
  readonly served: number;
  /** Failed ÷ finished requests (0 when none finished). */
  readonly failedShare: number;
  /** p99 latency of the successful requests, ms. */
  readonly p99: number;
  /** Present when a client has a latency SLO: whether every client met its latency target. */
  readonly latencySloMet?: boolean;
  /** Present when the run's work budget stopped it early. */
  readonly partial?: true;
}

export interface RampReport {
  readonly ramp: readonly RampStep[];
  /** The first multiple where failedShare > 1 % or a latency SLO breaks; null if none. */
  readonly knee: number | null;
}

/** What one step needs: plain data, so it can be posted to a worker. */
export interface RampStepTask {
  readonly document: TopologyDocument;
  readonly multiple: number;
  readonly durationS: number;
  readonly seed: number;
}

export interface RampOptions {
  /** Number of multiples (default 10), evenly spaced up to 1.5 × the analytic maxMultiple. */
  readonly steps?: number;
  /** Simulated seconds per step (default 20). */
  readonly durationS?: number;
  readonly seed?: number;
  /** The multiples to try, instead of `steps` (ascending). */
  readonly multiples?: readonly number[];
  /** Workers of the batch pool (default 1; never more than there are steps). */
  readonly workers?: number;
  /** Makes worker `index` of the pool (default: one in this thread, running `runRampStep`). */
  readonly spawn?: (index: number) => BatchWorker<RampStepTask, RampStep>;
  /** Stops the ramp: no step starts after it, `runRamp` rejects with BatchCancelledError. */
  readonly signal?: BatchSignal;
  /** After each finished step. */
  readonly onProgress?: (done: number, total: number) => void;
}

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** The default multiples: top ÷ steps, 2 × top ÷ steps, … top, with top = 1.5 × maxMultiple. */
export function rampMultiples(doc: TopologyDocument, steps = DEFAULT_RAMP_STEPS): number[] {
  const maxMultiple = analyzeCapacity(doc).maxMultiple;
  const top = maxMultiple === null ? RAMP_TOP_WITHOUT_BOTTLENECK : RAMP_TOP_SHARE * maxMultiple;
  return Array.from({ length: steps }, (_, k) => round(((k + 1) * top) / steps, 4));
}

/** The document with every client's rate multiplied. */
export function scaledDocument(doc: TopologyDocument, multiple: number): TopologyDocument {
  return { ...doc, nodes: doc.nodes.map((node) => (node.kind === 'client' ? { ...node, rate: (node.rate ?? 0) * multiple } : node)) };
}

/** Runs one step of the ramp in this thread. */
export function runRampStep(task: RampStepTask): RampStep {
  return rampStepOf(task.multiple, simulate(scaledDocument(task.document, task.multiple), { durationS: task.durationS, seed: task.seed }));
}

/**
 * The step at `multiple` from the report of a run of the scaled design (`scaledDocument`, the
 * task's seed and duration) — for a worker that returns whole reports (the app's).
 */
export function rampStepOf(multiple: number, report: SimulationReport): RampStep {
  const { total, failed } = report.requests;
  let latencySloMet: boolean | undefined;
  for (const client of Object.values(report.clients)) {
    const slo = client.slo;
    if (slo?.latencyMs === undefined) continue;
    // The latency part of the verdict only: the availability target is what failedShare covers.
    latencySloMet = (latencySloMet ?? true) && client.ok > 0 && slo.observedLatencyMs !== undefined && slo.observedLatencyMs <= slo.latencyMs;
  }
  return {
    multiple,
    offered: report.throughput.offered,
    served: report.throughput.served,
    failedShare: total === 0 ? 0 : round(failed / total, 4),
    p99: report.latencyMs.p99,
    ...(latencySloMet !== undefined ? { latencySloMet } : {}),
    ...(report.partial ? { partial: true as const } : {}),
  };
}

/** The first step past the knee's thresholds, or null. */
export function findKnee(ramp: readonly RampStep[]): number | null {
  const knee = ramp.find((step) => step.failedShare > KNEE_FAILED_SHARE || step.latencySloMet === false);
  return knee ? knee.multiple : null;
}

/** The ramp's tasks, one per multiple, in multiple order. */
export function rampTasks(doc: TopologyDocument, options: Pick<RampOptions, 'steps' | 'durationS' | 'seed' | 'multiples'> = {}): RampStepTask[] {
  const multiples = options.multiples ?? rampMultiples(doc, options.steps);
  const durationS = options.durationS ?? DEFAULT_RAMP_DURATION_S;
  const seed = options.seed ?? DEFAULT_SEED;
  return multiples.map((multiple) => ({ document: doc, multiple, durationS, seed }));
}

/**
 * Runs the ramp on the batch pool, one step per task (an idle worker takes the next); results in
 * multiple order, the same for any number of workers. Progress counts finished steps.
 */
export async function runRamp(doc: TopologyDocument, options: RampOptions = {}): Promise<RampReport> {
  const tasks = rampTasks(doc, options);
  const spawn = options.spawn ?? (() => inThreadWorker<RampStepTask, RampStep>(runRampStep));
  let done = 0;
  const results = await runBatch(tasks, {
    workers: options.workers ?? 1,
    spawn: (index) => {
      const worker = spawn(index);
      return {
        run: async (task, control) => {
          const step = await worker.run(task, control);
          options.onProgress?.(++done, tasks.length);
          return step;
        },
        ...(worker.close ? { close: () => worker.close!() } : {}),
      };
    },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { ramp: results, knee: findKnee(results) };
}
