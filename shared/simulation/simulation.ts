/**
 * The simulation API: `createSimulation` for live mode (advance, snapshot, movements, metrics)
 * and `simulate` for batch mode — the same engine run to its end.
 */
import type { Scenario, TopologyDocument } from '../document';
import type { BudgetStop } from './budget';
import { Engine, type EngineFootprint } from './engine';
import { compileModel } from './model';
import type { LiveMetrics, Movement, SimulationReport, SimulationSnapshot } from './types';

/** SPEC §4 defaults. */
export const DEFAULT_DURATION_S = 60;
export const DEFAULT_SEED = 1;

export interface SimulationOptions {
  /** A scenario, or the id or name of one of the document's scenarios. */
  readonly scenario?: Scenario | string;
  /** Simulated seconds (default 60). */
  readonly durationS?: number;
  readonly seed?: number;
  /** Sample request movements for the animation (live mode). */
  readonly recordMovements?: boolean;
  /** Events the run may process before it stops as partial (default: derived, see budget.ts). */
  readonly eventLimit?: number;
}

/** A problem with the options rather than with the engine: shown to users as `path: message`. */
export class SimulationInputError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

/** The scenario with this id, else with this name, else undefined. */
export function findScenario(doc: TopologyDocument, idOrName: string): Scenario | undefined {
  const scenarios = doc.scenarios ?? [];
  return scenarios.find((s) => s.id === idOrName) ?? scenarios.find((s) => s.name === idOrName);
}

function resolveScenario(doc: TopologyDocument, scenario: Scenario | string | undefined): Scenario | undefined {
  if (scenario === undefined || typeof scenario !== 'string') return scenario;
  const found = findScenario(doc, scenario);
  if (found) return found;
  const known = (doc.scenarios ?? []).map((s) => `${JSON.stringify(s.id)} (${s.name})`);
  throw new SimulationInputError(
    'scenario',
    `unknown scenario ${JSON.stringify(scenario)}${known.length > 0 ? ` (expected one of ${known.join(', ')})` : ': the document has no scenarios'}`,
  );
}

/** A running simulation: advance it, look at it, read its report. */
export class Simulation {
  readonly durationS: number;
  readonly seed: number;
  readonly scenario: Scenario | undefined;
  private readonly engine: Engine;
  private timelineSent = 0;

  constructor(doc: TopologyDocument, options: SimulationOptions = {}) {
    this.durationS = options.durationS ?? DEFAULT_DURATION_S;
    this.seed = options.seed ?? DEFAULT_SEED;
    if (!(this.durationS > 0) || !Number.isFinite(this.durationS)) throw new SimulationInputError('duration', 'must be a positive number of seconds');
    if (!Number.isInteger(this.seed)) throw new SimulationInputError('seed', 'must be a whole number');
    this.scenario = resolveScenario(doc, options.scenario);
    this.engine = new Engine(compileModel(doc, this.scenario), {
      durationMs: this.durationS * 1000,
      seed: this.seed,
      recordMovements: options.recordMovements ?? false,
      ...(options.eventLimit !== undefined ? { eventLimit: options.eventLimit } : {}),
    });
  }

  /** Simulated time reached, ms. */
  get timeMs(): number {
    return this.engine.now;
  }

  get durationMs(): number {
    return this.engine.durationMs;
  }

  get finished(): boolean {
    return this.engine.finished;
  }

  /** Set once the work budget stopped the run before its end (then `finished` is true too). */
  get stop(): BudgetStop | null {
    return this.engine.stop;
  }

  /** Events processed so far. */
  get eventsProcessed(): number {
    return this.engine.processed;
  }

  /** Runs up to simulated `timeMs`, at most `budget` events; true when it got there. */
  advanceTo(timeMs: number, budget = Infinity): boolean {
    return this.engine.advanceTo(timeMs, budget);
  }

  /** Runs at most `budget` events; true once the run is over. */
  step(budget: number): boolean {
    return this.engine.step(budget);
  }

  /** Runs to the end. */
  runToEnd(): void {
    while (!this.engine.step(1 << 20));
  }

  /** Node state now; reading changes nothing. */
  snapshot(): SimulationSnapshot {
    return this.engine.snapshot();
  }

  /** Sampled call attempts since the last call (empty unless `recordMovements`). */
  drainMovements(): Movement[] {
    return this.engine.drainMovements();
  }

  /** Totals so far and every finished second; reading changes nothing. */
  metrics(): LiveMetrics {
    const metrics = this.engine.collected;
    return {
      timeMs: this.engine.now,
      clients: this.engine.clientMetrics(),
      requests: { total: metrics.ok + metrics.failed, ok: metrics.ok, failed: metrics.failed },
      latencyMs: metrics.latencySummary(),
      failures: metrics.failureCounts(),
      timeline: this.engine.timeline(0, this.finishedSeconds()),
    };
  }

  /** Timeline entries of seconds finished since the previous call (for streaming deltas). */
  newTimelineEntries(): LiveMetrics['timeline'] {
    const finished = this.finishedSeconds();
    const fresh = this.engine.timeline(this.timelineSent, finished);
    this.timelineSent = Math.max(this.timelineSent, finished);
    return fresh;
  }

  /** Seconds wholly behind the simulated time: no request can finish in them any more. */
  private finishedSeconds(): number {
    return Math.floor(this.engine.now / 1000);
  }

  /** The SPEC §4 report of the run so far (the full report once finished); reading changes nothing. */
  report(): SimulationReport {
    const scenario = this.scenario ? { id: this.scenario.id, name: this.scenario.name } : null;
    return this.engine.report({ durationS: this.durationS, seed: this.seed, scenario });
  }

  /** Pool and agenda sizes, for the bounded-memory tests and the benchmark. */
  memoryFootprint(): EngineFootprint {
    return this.engine.footprint();
  }
}

/** Starts a simulation for live mode. */
export function createSimulation(doc: TopologyDocument, options: SimulationOptions = {}): Simulation {
  return new Simulation(doc, options);
}

/** Batch mode: runs the whole simulation as fast as possible and returns the SPEC §4 report. */
export function simulate(doc: TopologyDocument, options: SimulationOptions = {}): SimulationReport {
  const simulation = new Simulation(doc, { ...options, recordMovements: false });
  simulation.runToEnd();
  return simulation.report();
}
