/**
 * Messages between the app and the simulation worker, as discriminated unions on `type`.
 * Batch and sweep requests carry a `requestId` the answers repeat; live mode has one session.
 */
import type { TopologyDocument } from '../document';
import type { LiveFrame } from './live';
import type { SimulationReport, SweepReport } from './types';

export interface LiveStartRequest {
  readonly type: 'start';
  readonly document: TopologyDocument;
  readonly scenarioId?: string;
  readonly seed: number;
  readonly durationS: number;
  readonly speed: number;
}

export type WorkerRequest =
  | LiveStartRequest
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'setSpeed'; readonly speed: number }
  /** Stops the live run and forgets it. */
  | { readonly type: 'reset' }
  | { readonly type: 'batch'; readonly requestId: number; readonly document: TopologyDocument; readonly scenarioId?: string; readonly seed: number; readonly durationS: number }
  /**
   * With `part`, only targets `i` with `i % part.of === part.index` run, so several workers can
   * share a sweep; part 0 also measures the baseline (the others report a baseline of -1).
   */
  | { readonly type: 'sweep'; readonly requestId: number; readonly document: TopologyDocument; readonly seed: number; readonly durationS: number; readonly part?: { readonly index: number; readonly of: number } }
  /** Cancels a batch or sweep request. */
  | { readonly type: 'cancel'; readonly requestId: number };

export type WorkerResponse =
  | { readonly type: 'frame'; readonly frame: LiveFrame }
  /** The live run reached its end. */
  | { readonly type: 'liveFinished'; readonly report: SimulationReport }
  /** `done` of `total` units (simulated ms for a batch, runs for a sweep). */
  | { readonly type: 'progress'; readonly requestId: number; readonly done: number; readonly total: number }
  | { readonly type: 'batchResult'; readonly requestId: number; readonly report: SimulationReport }
  | { readonly type: 'sweepResult'; readonly requestId: number; readonly report: SweepReport }
  | { readonly type: 'cancelled'; readonly requestId: number }
  /** A request failed; `requestId` is absent for live-mode errors. */
  | { readonly type: 'error'; readonly requestId?: number; readonly message: string };
