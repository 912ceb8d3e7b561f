/**
 * The particle buffer behind the request animation: sampled call movements from the simulation
 * worker, kept in flat typed arrays (no object per particle per frame) and drawn on one canvas.
 * Geometry follows React Flow's bezier edges, so particles ride on the drawn curves.
 */
import { FAILURE_CAUSES, type FailureCause } from '../../shared/document';

export type Outcome = 'ok' | 'retried' | 'failed';

export interface MovementLike {
  readonly edge: string;
  readonly from: string;
  readonly to: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly outcome: Outcome;
  readonly cause?: FailureCause;
  /** A request that took a lock key another instance held: bursts like a failure (it is one of correctness). */
  readonly violation?: boolean;
  /** A replicated callee served a stale read, or accepted a conflicting write: bursts at the replica. */
  readonly stale?: boolean;
  readonly conflict?: boolean;
  /** The callee's instance that served the attempt (the glyph goes to its card when it has one). */
  readonly instance?: number;
}

/** Outcome codes stored per particle; failures keep their cause for the colour (every cause has one). */
export const OUTCOME_CODES = ['ok', 'retried', ...FAILURE_CAUSES, 'exclusion-violation', 'stale-read', 'write-conflict'] as const;
export type OutcomeCode = (typeof OUTCOME_CODES)[number];

/** Codes from here on burst as a glyph where they happened: every failure cause and the correctness ones. */
export const FIRST_BURST_CODE = 2;
const ERROR_CODE = OUTCOME_CODES.indexOf('error');
const VIOLATION_CODE = OUTCOME_CODES.indexOf('exclusion-violation');
const STALE_CODE = OUTCOME_CODES.indexOf('stale-read');
const CONFLICT_CODE = OUTCOME_CODES.indexOf('write-conflict');

/** Correctness before outcome: a conflicting write, a stale read or a double lock shows as such even though the call succeeded. */
export function outcomeCode(movement: Pick<MovementLike, 'outcome' | 'cause' | 'violation' | 'stale' | 'conflict'>): number {
  if (movement.conflict) return CONFLICT_CODE;
  if (movement.stale) return STALE_CODE;
  if (movement.violation) return VIOLATION_CODE;
  if (movement.outcome === 'ok') return 0;
  if (movement.outcome === 'retried') return 1;
  const index = OUTCOME_CODES.indexOf((movement.cause ?? 'error') as OutcomeCode);
  return index < 2 ? ERROR_CODE : index;
}

/** At most this many particles are alive; the oldest give way (the animation is a sample). */
export const MAX_PARTICLES = 4096;

export class ParticleBuffer {
  readonly start = new Float64Array(MAX_PARTICLES);
  readonly end = new Float64Array(MAX_PARTICLES);
  readonly outcome = new Uint8Array(MAX_PARTICLES);
  /** Index into `routes`. */
  readonly route = new Int32Array(MAX_PARTICLES);
  /** The callee instance the engine named (stale reads, conflicts), or -1: the card the particle goes to. */
  readonly instance = new Int32Array(MAX_PARTICLES);
  readonly routes: { from: string; to: string }[] = [];
  private readonly routeIndex = new Map<string, number>();
  /** Start of the last particle kept per route and class (2·route: ok/retried, 2·route+1: bursting ones). */
  private readonly lastStart: number[] = [];
  count = 0;
  /** Outcome codes seen since the last clear, one bit each (kept or dropped: they happened). */
  seen = 0;

  clear(): void {
    this.count = 0;
    this.lastStart.length = 0;
    this.seen = 0;
  }

  private routeOf(from: string, to: string): number {
    const key = `${from}\u0000${to}`;
    let index = this.routeIndex.get(key);
    if (index === undefined) {
      index = this.routes.length;
      this.routes.push({ from, to });
      this.routeIndex.set(key, index);
    }
    return index;
  }

  /**
   * Adds the movement unless a particle of the same class started on the same route less than
   * `minGapMs` before it (or after it): then it is dropped, so single dots stay apart at any rate.
   * Bursting particles (failures, stale reads, conflicts, violations) are spaced apart from each
   * other only, so a burst of them still shows among many successes. Returns whether it was kept.
   */
  add(movement: MovementLike, minGapMs = 0): boolean {
    const route = this.routeOf(movement.from, movement.to);
    const code = outcomeCode(movement);
    this.seen |= 1 << code;
    const lane = route * 2 + (code >= FIRST_BURST_CODE ? 1 : 0);
    const last = this.lastStart[lane];
    if (minGapMs > 0 && last !== undefined && Math.abs(movement.startMs - last) < minGapMs) return false;
    this.lastStart[lane] = movement.startMs;
    let slot = this.count;
    if (slot >= MAX_PARTICLES) {
      // Full: replace the particle that ends first.
      slot = 0;
      for (let i = 1; i < this.count; i += 1) if (this.end[i]! < this.end[slot]!) slot = i;
    } else {
      this.count += 1;
    }
    this.start[slot] = movement.startMs;
    this.end[slot] = Math.max(movement.endMs, movement.startMs + 1);
    this.outcome[slot] = code;
    this.route[slot] = route;
    this.instance[slot] = movement.instance ?? -1;
    return true;
  }

  /** Drops particles that finished before `nowMs` (swap-remove, order does not matter). */
  prune(nowMs: number): void {
    let i = 0;
    while (i < this.count) {
      if (this.end[i]! < nowMs) {
        const last = this.count - 1;
        this.start[i] = this.start[last]!;
        this.end[i] = this.end[last]!;
        this.outcome[i] = this.outcome[last]!;
        this.route[i] = this.route[last]!;
        this.instance[i] = this.instance[last]!;
        this.count = last;
      } else {
        i += 1;
      }
    }
  }
}

/** React Flow's bezier control offset (the same curve the edges draw). */
function controlOffset(distance: number, curvature = 0.25): number {
  return distance >= 0 ? 0.5 * distance : curvature * 25 * Math.sqrt(-distance);
}

export interface Curve {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly x3: number;
  readonly y3: number;
}

/** The curve from a source handle (right side) to a target handle (left side). */
export function edgeCurve(sx: number, sy: number, tx: number, ty: number): Curve {
  return {
    x0: sx,
    y0: sy,
    x1: sx + controlOffset(tx - sx),
    y1: sy,
    x2: tx - controlOffset(tx - sx),
    y2: ty,
    x3: tx,
    y3: ty,
  };
}

/** A point on a cubic bezier at t in 0..1, written into `out` (no allocation). */
export function pointOnCurve(c: Curve, t: number, out: { x: number; y: number }): void {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const d = 3 * u * t * t;
  const e = t * t * t;
  out.x = a * c.x0 + b * c.x1 + d * c.x2 + e * c.x3;
  out.y = a * c.y0 + b * c.y1 + d * c.y2 + e * c.y3;
}

/**
 * Where along its route a particle is at `nowMs`: a call travels to the callee in the first half
 * of its time and its answer travels back in the second half. Returns -1 when not in flight.
 */
export function progress(startMs: number, endMs: number, nowMs: number): number {
  if (nowMs < startMs || nowMs > endMs) return -1;
  const f = (nowMs - startMs) / (endMs - startMs);
  return f <= 0.5 ? f * 2 : (1 - f) * 2;
}

/**
 * Shortest wall time between two particles of a class on one route, ms. A particle crosses its
 * route in at least MIN_TRAVEL_WALL_MS / 2, so this keeps dots at least ~1/3 of a short route
 * apart (about 25 px on an 80 px hop between neighbouring cards; the dots going back share the
 * line): at 100 req/s the route shows single dots with gaps, not a band.
 */
export const MIN_GAP_WALL_MS = 120;

/** Shortest time a particle takes to cross an edge on screen, in wall-clock ms. */
export const MIN_TRAVEL_WALL_MS = 700;

/**
 * The engine reports a call when it has finished, so its real [start, end] is already past when the
 * frame arrives, and most calls last a few simulated milliseconds — too short to see. Retimed, a
 * call starts on screen when its frame arrives (spread over the frame as the calls ended) and
 * takes at least MIN_TRAVEL_WALL_MS of wall time: the picture shows the flow, the charts the time.
 */
export function retimeMovement<T extends MovementLike>(movement: T, frameSimMs: number, previousFrameSimMs: number, speed: number): T {
  const duration = Math.max(movement.endMs - movement.startMs, MIN_TRAVEL_WALL_MS * speed);
  const offset = Math.min(Math.max(movement.endMs - previousFrameSimMs, 0), Math.max(frameSimMs - previousFrameSimMs, 0));
  const startMs = frameSimMs + offset;
  return { ...movement, startMs, endMs: startMs + duration };
}
