/**
 * Live mode, without any Worker or clock of its own (both are injected, so it is testable):
 * `LivePacer` maps wall-clock time to simulated time (× speed, pause, resume), and `LiveSession`
 * advances a simulation to where the pacer says, within an event budget per tick, and builds
 * frames at most MAX_FRAME_HZ times a second.
 */
import type { TopologyDocument } from '../document';
import { createSimulation, type Simulation } from './simulation';
import type { FailureCounts, LatencySummary, LiveClientMetrics, Movement, PartialRun, SimulationReport, SimulationSnapshot, TimelineEntry } from './types';

/** Frames per wall-clock second at most (the animation's refresh). */
export const MAX_FRAME_HZ = 30;

/** Simulated time as a function of wall-clock time: anchored, scaled by speed, frozen when paused. */
export class LivePacer {
  private anchorWallMs = 0;
  private anchorSimMs = 0;
  private running = false;

  constructor(private speedFactor = 1) {}

  get speed(): number {
    return this.speedFactor;
  }

  get paused(): boolean {
    return !this.running;
  }

  /** Starts (or restarts) at simulated `simMs`. */
  start(wallMs: number, simMs = 0): void {
    this.anchorWallMs = wallMs;
    this.anchorSimMs = simMs;
    this.running = true;
  }

  /** Where simulated time should be at wall time `wallMs`. */
  target(wallMs: number): number {
    return this.running ? this.anchorSimMs + (wallMs - this.anchorWallMs) * this.speedFactor : this.anchorSimMs;
  }

  pause(wallMs: number): void {
    if (!this.running) return;
    this.anchorSimMs = this.target(wallMs);
    this.anchorWallMs = wallMs;
    this.running = false;
  }

  resume(wallMs: number): void {
    if (this.running) return;
    this.anchorWallMs = wallMs;
    this.running = true;
  }

  setSpeed(speed: number, wallMs: number): void {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`speed must be a positive number, not ${speed}`);
    this.anchorSimMs = this.target(wallMs);
    this.anchorWallMs = wallMs;
    this.speedFactor = speed;
  }

  /**
   * The engine only got to `simMs` by `wallMs` (too much work for the speed): re-anchor there, so
   * that simulated time slows down instead of building a debt it would rush through later.
   */
  fellBehind(wallMs: number, simMs: number): void {
    this.anchorSimMs = simMs;
    this.anchorWallMs = wallMs;
  }
}

/** What the worker streams, at most MAX_FRAME_HZ times per wall-clock second. */
export interface LiveFrame {
  /** Simulated ms. */
  readonly timeMs: number;
  readonly durationMs: number;
  readonly finished: boolean;
  readonly speed: number;
  readonly paused: boolean;
  readonly snapshot: SimulationSnapshot;
  /** Sampled call attempts since the previous frame. */
  readonly movements: readonly Movement[];
  /** Timeline seconds closed since the previous frame. */
  readonly timeline: readonly TimelineEntry[];
  /** Totals so far. */
  readonly requests: { readonly total: number; readonly ok: number; readonly failed: number };
  readonly latencyMs: LatencySummary;
  readonly failures: FailureCounts;
  /** Each client so far: requests, availability, SLO met and error budget burned. */
  readonly clients: Readonly<Record<string, LiveClientMetrics>>;
  /** Set once the work budget stopped the run before its end (then `finished` is true): why, and when. */
  readonly stop?: PartialRun;
  /** The `run` its start request gave (the service stamps it), so a caller drops an older run's frames. */
  readonly run?: number;
}

export interface LiveSessionOptions {
  readonly scenario?: string;
  readonly seed?: number;
  readonly durationS?: number;
  readonly speed?: number;
  /** Events one tick may process at most, so the worker stays responsive (default 200,000). */
  readonly eventBudget?: number;
}

/** A live run: call `tick(wallMs)` often; it returns a frame when one is due. */
export class LiveSession {
  readonly simulation: Simulation;
  readonly pacer: LivePacer;
  private readonly budget: number;
  /** Wall time from which the next frame is due; frames fall on a 30 Hz grid. */
  private nextFrameWallMs = -Infinity;
  private finalSent = false;

  constructor(doc: TopologyDocument, options: LiveSessionOptions, wallMs: number) {
    this.simulation = createSimulation(doc, { scenario: options.scenario, seed: options.seed, durationS: options.durationS, recordMovements: true });
    this.pacer = new LivePacer(options.speed ?? 1);
    this.pacer.start(wallMs);
    this.budget = options.eventBudget ?? 200_000;
  }

  /** Advances to where the pacer says; returns a frame if one is due (always the final one). */
  tick(wallMs: number): LiveFrame | undefined {
    if (this.finalSent) return undefined;
    const target = this.pacer.target(wallMs);
    if (!this.simulation.advanceTo(target, this.budget)) this.pacer.fellBehind(wallMs, this.simulation.timeMs);
    const finished = this.simulation.finished;
    if (!finished && wallMs < this.nextFrameWallMs) return undefined;
    // On a grid rather than "a period after the last frame", so ticks that do not divide the
    // period still give the full rate; after a stall the grid restarts instead of bursting.
    const period = 1000 / MAX_FRAME_HZ;
    this.nextFrameWallMs = this.nextFrameWallMs + period < wallMs - period ? wallMs + period : this.nextFrameWallMs + period;
    if (finished) this.finalSent = true;
    return this.frame();
  }

  /** A frame now, whether due or not (after pause or speed changes). */
  frame(): LiveFrame {
    const metrics = this.simulation.metrics();
    return {
      timeMs: this.simulation.timeMs,
      durationMs: this.simulation.durationMs,
      finished: this.simulation.finished,
      speed: this.pacer.speed,
      paused: this.pacer.paused,
      snapshot: this.simulation.snapshot(),
      movements: this.simulation.drainMovements(),
      timeline: this.simulation.newTimelineEntries(),
      requests: metrics.requests,
      latencyMs: metrics.latencyMs,
      failures: metrics.failures,
      clients: metrics.clients ?? {},
      ...(this.simulation.stop ? { stop: { reason: this.simulation.stop.reason, atSeconds: this.simulation.stop.atSeconds, message: this.simulation.stop.message } } : {}),
    };
  }

  get finished(): boolean {
    return this.simulation.finished;
  }

  report(): SimulationReport {
    return this.simulation.report();
  }
}
