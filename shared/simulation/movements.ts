/**
 * Sampled call attempts for the live animation. Only requests picked by the engine's sampler are
 * recorded (a few dozen per simulated second), and the log is bounded: if nobody drains it, the
 * oldest movements are dropped rather than memory growing.
 */
import { FAILURE_CAUSES } from '../document';
import type { SimulationModel } from './model';
import type { Movement } from './types';

/** Movements kept between two drains at most. */
const MAX_PENDING = 5000;

/** What the log needs from the engine: the call pool and the clock. */
interface CallSource {
  readonly now: number;
  readonly calls: { readonly edge: Int32Array; readonly sentAt: Float64Array };
}

export class MovementLog {
  private pending: Movement[] = [];

  constructor(private readonly model: SimulationModel) {}

  record(call: number, source: CallSource, outcome: Movement['outcome'], cause: number): void {
    const edge = source.calls.edge[call]!;
    const movement: Movement = {
      edge: this.model.edgeIds[edge]!,
      from: this.model.nodeIds[this.model.edgeFrom[edge]!]!,
      to: this.model.nodeIds[this.model.edgeTo[edge]!]!,
      startMs: source.calls.sentAt[call]!,
      endMs: source.now,
      outcome,
      ...(cause > 0 ? { cause: FAILURE_CAUSES[cause - 1]! } : {}),
    };
    if (this.pending.length >= MAX_PENDING) this.pending.shift();
    this.pending.push(movement);
  }

  /** Movements recorded since the last drain, oldest first. */
  drain(): Movement[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }
}
