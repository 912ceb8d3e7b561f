/**
 * SimulationService: the one contract between the app and whatever runs the engine for it — the
 * Web Worker (renderer/worker: handler.ts serves it, client.ts calls it) or the same code in
 * process (tests). Methods return promises; events are `onDidX(listener)` returning the
 * unsubscribe, as in VS Code's services. The worker messages (protocol.ts) are derived from this
 * interface, so a method added here fails to compile until both sides carry it.
 */
import type { TopologyDocument } from '../document';
import type { LiveFrame } from './live';
import type { SweepShare, SweepShareResult } from './sweep';
import type { SimulationReport } from './types';

/** Stops listening. */
export type Unsubscribe = () => void;

/** The part of an AbortSignal a long call looks at (an AbortSignal is one). */
export interface CancellationSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { readonly once?: boolean }): void;
}

/** How the caller follows and stops a long call (a batch or a sweep share). */
export interface RunControl {
  /** `done` of `total` units: simulated ms for a batch, runs for a sweep share. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Aborting it rejects the call with SimulationCancelledError. */
  readonly signal?: CancellationSignal;
}

export interface LiveStartRequest {
  readonly document: TopologyDocument;
  readonly scenarioId?: string;
  /** Default DEFAULT_SEED. */
  readonly seed?: number;
  /** Simulated seconds (default DEFAULT_DURATION_S). */
  readonly durationS?: number;
  /** Simulated seconds per wall-clock second (default 1). */
  readonly speed?: number;
  /** The caller's number for this run, echoed in every frame (`LiveFrame.run`): frames of an older run can be told apart. */
  readonly run?: number;
}

export interface BatchRequest {
  readonly document: TopologyDocument;
  readonly scenarioId?: string;
  readonly seed?: number;
  readonly durationS?: number;
}

/** One share of a sweep (see `planSweep`); `mergeSweep` puts the shares back together. */
export interface SweepShareRequest {
  readonly document: TopologyDocument;
  readonly seed?: number;
  readonly durationS?: number;
  readonly share: SweepShare;
}

export interface SimulationService {
  /** Starts a live run, replacing any running one; rejects when the run cannot start (unknown scenario). */
  start(request: LiveStartRequest): Promise<void>;
  /** Freezes simulated time; a frame with `paused` follows. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Rejects unless `speed` is a positive number; a frame with the new speed follows. */
  setSpeed(speed: number): Promise<void>;
  /** Stops and forgets the live run. */
  reset(): Promise<void>;
  /** A whole simulation as fast as possible: the SPEC §4 report. */
  runBatch(request: BatchRequest, control?: RunControl): Promise<SimulationReport>;
  /** The runs of one sweep share. */
  runSweep(request: SweepShareRequest, control?: RunControl): Promise<SweepShareResult>;
  /** Live frames, at most MAX_FRAME_HZ a second. */
  onDidFrame(listener: (frame: LiveFrame) => void): Unsubscribe;
  /** The live run reached its end. */
  onDidFinish(listener: (report: SimulationReport) => void): Unsubscribe;
  /** The live run failed after it started, or the service itself stopped working. */
  onDidFail(listener: (message: string) => void): Unsubscribe;
}

/** A call stopped by its signal (or by the client's `cancelAll`). */
export class SimulationCancelledError extends Error {
  override readonly name = 'SimulationCancelledError';
  constructor() {
    super('simulation cancelled');
  }
}
