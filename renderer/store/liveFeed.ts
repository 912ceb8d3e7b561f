/**
 * The live feed from the simulation worker that is too fast for React state: the particle buffer
 * and the simulated clock, interpolated between worker frames so particles glide at 60 fps while
 * frames arrive at ≤ 30 Hz. The particle layer reads it every animation frame.
 */
import { ParticleBuffer, retimeMovement, type MovementLike } from '../model/particles';

export const particles = new ParticleBuffer();

interface ClockState {
  /** Simulated ms at the last frame. */
  simMs: number;
  /** performance.now() when that frame arrived. */
  wallMs: number;
  /** Simulated ms per wall ms. */
  speed: number;
  running: boolean;
}

const clock: ClockState = { simMs: 0, wallMs: 0, speed: 1, running: false };

/**
 * A worker frame arrived: move the clock and add the sampled movements. Engine movements are
 * finished calls and get retimed for the screen; `raw` keeps given times (diagnostics).
 */
export function pushFrame(simMs: number, movements: readonly MovementLike[], running: boolean, speed: number, raw = false): void {
  const previous = clock.simMs;
  if (!raw) {
    for (const m of movements) particles.add(retimeMovement(m, simMs, Math.min(previous, simMs), speed));
    movements = [];
  }
  clock.simMs = simMs;
  clock.wallMs = performance.now();
  clock.running = running;
  clock.speed = speed;
  for (const m of movements) particles.add(m);
}

/** The simulated time to draw now (never more than one frame interval past the last frame). */
export function currentSimMs(): number {
  if (!clock.running) return clock.simMs;
  const elapsed = Math.min(performance.now() - clock.wallMs, 100);
  return clock.simMs + elapsed * clock.speed;
}

export function resetFeed(): void {
  particles.clear();
  clock.simMs = 0;
  clock.wallMs = performance.now();
  clock.running = false;
}

export function setFeedRunning(running: boolean): void {
  clock.simMs = currentSimMs();
  clock.wallMs = performance.now();
  clock.running = running;
}
