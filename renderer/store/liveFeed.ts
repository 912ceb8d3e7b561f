/**
 * The live feed from the simulation worker that is too fast for React state: the particle buffer
 * and the simulated clock, interpolated between worker frames so particles glide at 60 fps while
 * frames arrive at ≤ 30 Hz. The particle layer reads it every animation frame.
 */
import { MIN_GAP_WALL_MS, ParticleBuffer, retimeMovement, type MovementLike } from '../model/particles';
import { ThroughputMeter } from '../model/throughput';

/** Wall-clock ms (performance.now() in the app, a hand-driven clock in tests). */
export interface WallClock {
  now(): number;
}

export interface LiveFeed {
  readonly particles: ParticleBuffer;
  /** Call attempts per edge (every movement counts, kept or not), for the line widths. */
  readonly throughput: ThroughputMeter;
  /**
   * A worker frame arrived: move the clock and add the sampled movements. Engine movements are
   * finished calls and get retimed for the screen; `raw` keeps given times (diagnostics).
   */
  pushFrame(simMs: number, movements: readonly MovementLike[], running: boolean, speed: number, raw?: boolean): void;
  /** The simulated time to draw now (never more than one frame interval past the last frame). */
  currentSimMs(): number;
  /** Clears the particles and the clock (a new run, or Reset). */
  reset(): void;
  /** Starts or stops the clock where it is now (pause, resume, the end of a run). */
  setRunning(running: boolean): void;
  /** The outcomes seen in this run so far (bits of OUTCOME_CODES), and a listener for changes. */
  seenOutcomes(): number;
  subscribeSeen(listener: () => void): () => void;
}

/** Longest wall time the clock runs ahead of the last frame, ms (a stalled worker freezes it). */
const MAX_EXTRAPOLATION_MS = 100;

export function createLiveFeed(clock: WallClock): LiveFeed {
  const particles = new ParticleBuffer();
  const throughput = new ThroughputMeter();
  /** Simulated ms at the last frame, the wall time it arrived, simulated ms per wall ms. */
  const state = { simMs: 0, wallMs: 0, speed: 1, running: false };
  const seenListeners = new Set<() => void>();
  let seenPublished = 0;
  const publishSeen = () => {
    if (particles.seen === seenPublished) return;
    seenPublished = particles.seen;
    for (const listener of seenListeners) listener();
  };
  const currentSimMs = () => {
    if (!state.running) return state.simMs;
    return state.simMs + Math.min(clock.now() - state.wallMs, MAX_EXTRAPOLATION_MS) * state.speed;
  };
  return {
    particles,
    throughput,
    pushFrame(simMs, movements, running, speed, raw = false) {
      const previous = state.simMs;
      // Spacing in simulated ms: wall ms × simulated ms per wall ms.
      const minGapMs = raw ? 0 : MIN_GAP_WALL_MS * speed;
      for (const m of movements) {
        throughput.count(m.edge);
        particles.add(raw ? m : retimeMovement(m, simMs, Math.min(previous, simMs), speed), minGapMs);
      }
      state.simMs = simMs;
      state.wallMs = clock.now();
      state.running = running;
      state.speed = speed;
      publishSeen();
    },
    currentSimMs,
    reset() {
      particles.clear();
      throughput.reset();
      state.simMs = 0;
      state.wallMs = clock.now();
      state.running = false;
      publishSeen();
    },
    setRunning(running) {
      state.simMs = currentSimMs();
      state.wallMs = clock.now();
      state.running = running;
    },
    seenOutcomes: () => seenPublished,
    subscribeSeen(listener) {
      seenListeners.add(listener);
      return () => seenListeners.delete(listener);
    },
  };
}

/** The app's feed, on the page's clock. */
export const liveFeed: LiveFeed = createLiveFeed(performance);

/** The app feed's particles (the particle layer draws them). */
export const particles = liveFeed.particles;
/** See LiveFeed.pushFrame. */
export const pushFrame: LiveFeed['pushFrame'] = (...args) => liveFeed.pushFrame(...args);
/** See LiveFeed.currentSimMs. */
export const currentSimMs = (): number => liveFeed.currentSimMs();
/** See LiveFeed.reset. */
export const resetFeed = (): void => liveFeed.reset();
/** See LiveFeed.setRunning. */
export const setFeedRunning = (running: boolean): void => liveFeed.setRunning(running);
