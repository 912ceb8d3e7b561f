/**
 * Sampled call attempts for the live animation. Only requests picked by the engine's sampler are
 * recorded (a few dozen per simulated second), and the log is bounded: if nobody drains it, the
 * oldest movements are dropped rather than memory growing.
 */
import { CAUSE_BY_CODE } from './causes';
import type { SimulationModel } from './model';
import type { Movement } from './types';

/** Movements kept between two drains at most. */
const MAX_PENDING = 5000;

export class MovementLog {
  private pending: Movement[] = [];

  constructor(private readonly model: SimulationModel) {}

  /**
   * One attempt over `edge`, sent at `startMs`, over at `endMs`; `cause` is a cause code (0: none).
   * `instance`: the callee's instance the attempt reached (index among its instances; -1: none, or
   * a node with one); into a replicated node, whether the read was stale or the write conflicted.
   */
  record(edge: number, startMs: number, endMs: number, outcome: Movement['outcome'], cause: number, instance = -1, stale = false, conflict = false): void {
    const name = CAUSE_BY_CODE[cause];
    const movement: Movement = {
      edge: this.model.edgeIds[edge]!,
      from: this.model.nodeIds[this.model.edgeFrom[edge]!]!,
      to: this.model.nodeIds[this.model.edgeTo[edge]!]!,
      startMs,
      endMs,
      outcome,
      ...(name !== undefined ? { cause: name } : {}),
      ...(instance >= 0 ? { instance } : {}),
      ...(stale ? { stale: true as const } : {}),
      ...(conflict ? { conflict: true as const } : {}),
    };
    if (this.pending.length >= MAX_PENDING) this.pending.shift();
    this.pending.push(movement);
  }

  /** A request that arrived over `edge` at `startMs` took, at `endMs`, a lock key another instance held. */
  recordViolation(edge: number, startMs: number, endMs: number): void {
    const movement: Movement = {
      edge: this.model.edgeIds[edge]!,
      from: this.model.nodeIds[this.model.edgeFrom[edge]!]!,
      to: this.model.nodeIds[this.model.edgeTo[edge]!]!,
      startMs,
      endMs,
      outcome: 'ok',
      violation: true,
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
