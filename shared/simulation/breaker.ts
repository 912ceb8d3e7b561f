/**
 * Circuit breakers, one per edge that declares one (SPEC §2 `circuitBreaker`): closed → open when
 * at least `failureRate` of the last `window` calls failed; open fails calls at once for `openMs`;
 * then half-open lets one trial call through and closes on its success or reopens on its failure.
 * The breaker is shared by every caller instance of the edge (a client-side library would keep
 * one per caller process; one per edge keeps the picture readable and the state small).
 */
import type { SimulationModel } from './model';

export const BREAKER_CLOSED = 0;
export const BREAKER_OPEN = 1;
export const BREAKER_HALF_OPEN = 2;

/** Answers of `admit`. */
export const ADMIT = 0;
export const ADMIT_TRIAL = 1;
export const REJECT = 2;

export class Breakers {
  readonly state: Uint8Array;
  private readonly openUntil: Float64Array;
  private readonly trialInFlight: Uint8Array;
  /** Outcomes (1 = failed) of the last `window` calls per edge, in one shared ring buffer. */
  private readonly outcomes: Uint8Array;
  private readonly offset: Int32Array;
  private readonly position: Int32Array;
  private readonly filled: Int32Array;
  private readonly failures: Int32Array;
  /** Times a breaker opened, per edge (reported). */
  readonly opened: Int32Array;

  constructor(private readonly model: SimulationModel) {
    const edges = model.edgeCount;
    this.state = new Uint8Array(edges);
    this.openUntil = new Float64Array(edges);
    this.trialInFlight = new Uint8Array(edges);
    this.offset = new Int32Array(edges + 1);
    for (let e = 0; e < edges; e++) this.offset[e + 1] = this.offset[e]! + model.edgeBreakerWindow[e]!;
    this.outcomes = new Uint8Array(this.offset[edges]!);
    this.position = new Int32Array(edges);
    this.filled = new Int32Array(edges);
    this.failures = new Int32Array(edges);
    this.opened = new Int32Array(edges);
  }

  /** May a call go through the edge now? */
  admit(edge: number, now: number): number {
    if (this.model.edgeBreakerWindow[edge] === 0) return ADMIT;
    const state = this.state[edge];
    if (state === BREAKER_CLOSED) return ADMIT;
    if (state === BREAKER_OPEN) {
      if (now < this.openUntil[edge]!) return REJECT;
      this.state[edge] = BREAKER_HALF_OPEN;
    }
    if (this.trialInFlight[edge] === 1) return REJECT;
    this.trialInFlight[edge] = 1;
    return ADMIT_TRIAL;
  }

  /** Records the outcome of a call that `admit` let through. */
  record(edge: number, failed: boolean, trial: boolean, now: number): void {
    const window = this.model.edgeBreakerWindow[edge]!;
    if (window === 0) return;
    if (trial) {
      this.trialInFlight[edge] = 0;
      if (failed) this.open(edge, now);
      else this.close(edge);
      return;
    }
    // Calls that started before the breaker opened do not move it.
    if (this.state[edge] !== BREAKER_CLOSED) return;
    const slot = this.offset[edge]! + this.position[edge]!;
    if (this.filled[edge]! === window) this.failures[edge]! -= this.outcomes[slot]!;
    else this.filled[edge]!++;
    this.outcomes[slot] = failed ? 1 : 0;
    if (failed) this.failures[edge]!++;
    this.position[edge] = (this.position[edge]! + 1) % window;
    const failures = this.failures[edge]!;
    if (this.filled[edge] === window && failures > 0 && failures >= this.model.edgeBreakerRate[edge]! * window) this.open(edge, now);
  }

  private open(edge: number, now: number): void {
    this.state[edge] = BREAKER_OPEN;
    this.openUntil[edge] = now + this.model.edgeBreakerOpenMs[edge]!;
    this.opened[edge]!++;
  }

  private close(edge: number): void {
    this.state[edge] = BREAKER_CLOSED;
    this.position[edge] = 0;
    this.filled[edge] = 0;
    this.failures[edge] = 0;
  }

  /** The state as a viewer sees it at `now` (an open breaker past its time reads half-open). */
  stateAt(edge: number, now: number): number {
    const state = this.state[edge]!;
    return state === BREAKER_OPEN && now >= this.openUntil[edge]! ? BREAKER_HALF_OPEN : state;
  }
}
