/**
 * The SimulationService where the engine runs (the worker), with its clock and timers injected so
 * tests drive it by hand. Live mode ticks about every 16 ms and frames come at most 30 times a
 * second (LiveSession); batch and sweep work in slices, yielding to the timer between them so a
 * cancel (or a live control) gets through while they run.
 *
 *   live:  (none) ──start──▶ running ◀──resume── paused
 *                              │  └─────pause─────▶ │
 *                              └─ finished (frame + onDidFinish) ; reset from any state ─▶ (none)
 */
import {
  DEFAULT_DURATION_S, DEFAULT_SEED, LiveSession, SimulationCancelledError, createSimulation, runSweepShare,
  type LiveFrame, type RunControl, type SimulationReport, type SimulationService, type Unsubscribe,
} from '../../shared/simulation';

/** The clock and timers of where the service runs. */
export interface ServiceHost {
  /** Wall-clock ms (performance.now() in a worker). */
  now(): number;
  setTimer(callback: () => void, delayMs: number): unknown;
  clearTimer(handle: unknown): void;
}

/** Wall ms between live ticks (frames themselves are capped by LiveSession at 30 Hz). */
const TICK_MS = 16;
/** Events per batch slice: ≈ 50 ms of work, so a cancel waits at most that long. */
const BATCH_SLICE_EVENTS = 250_000;

/** A set of listeners and the `onDidX` that adds to it. */
function emitter<T>() {
  const listeners = new Set<(value: T) => void>();
  return {
    subscribe: (listener: (value: T) => void): Unsubscribe => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit: (value: T) => {
      for (const listener of [...listeners]) listener(value);
    },
  };
}

export function createLocalSimulationService(host: ServiceHost): SimulationService {
  const frames = emitter<LiveFrame>();
  const finishes = emitter<SimulationReport>();
  const failures = emitter<string>();
  let session: LiveSession | undefined;
  /** The live run's number from its start request: stamped on each of its frames. */
  let run: number | undefined;
  const emitFrame = (frame: LiveFrame) => frames.emit(run === undefined ? frame : { ...frame, run });
  let timer: unknown;

  const stopTimer = () => {
    if (timer !== undefined) host.clearTimer(timer);
    timer = undefined;
  };
  const tick = () => {
    timer = undefined;
    if (!session) return;
    try {
      const frame = session.tick(host.now());
      if (frame) emitFrame(frame);
      if (session.finished && frame) return finishes.emit(session.report());
    } catch (error) {
      session = undefined;
      return failures.emit(error instanceof Error ? error.message : String(error));
    }
    if (!session.pacer.paused) timer = host.setTimer(tick, TICK_MS);
  };

  /**
   * Runs `slice` until it returns a result, one slice per timer turn; the first slice runs at
   * once, so a call that fails to start rejects without waiting.
   */
  const sliced = <T>(control: RunControl | undefined, slice: () => { readonly value: T } | undefined): Promise<T> =>
    new Promise((resolve, reject) => {
      const step = () => {
        if (control?.signal?.aborted) return reject(new SimulationCancelledError());
        try {
          const outcome = slice();
          if (outcome) resolve(outcome.value);
          else host.setTimer(step, 0);
        } catch (error) {
          reject(error);
        }
      };
      step();
    });

  return {
    async start(request) {
      stopTimer();
      session = undefined;
      run = request.run;
      session = new LiveSession(
        request.document,
        { ...(request.scenarioId !== undefined ? { scenario: request.scenarioId } : {}), seed: request.seed ?? DEFAULT_SEED, durationS: request.durationS ?? DEFAULT_DURATION_S, speed: request.speed ?? 1 },
        host.now(),
      );
      tick();
    },
    async pause() {
      if (!session) return;
      session.pacer.pause(host.now());
      stopTimer();
      emitFrame(session.frame());
    },
    async resume() {
      if (!session || !session.pacer.paused) return;
      session.pacer.resume(host.now());
      tick();
    },
    async setSpeed(speed) {
      if (!session) return;
      session.pacer.setSpeed(speed, host.now());
      emitFrame(session.frame());
    },
    async reset() {
      stopTimer();
      session = undefined;
    },
    runBatch(request, control) {
      let simulation: ReturnType<typeof createSimulation> | undefined;
      return sliced(control, () => {
        simulation ??= createSimulation(request.document, {
          ...(request.scenarioId !== undefined ? { scenario: request.scenarioId } : {}),
          seed: request.seed ?? DEFAULT_SEED,
          durationS: request.durationS ?? DEFAULT_DURATION_S,
        });
        const done = simulation.step(BATCH_SLICE_EVENTS);
        control?.onProgress?.(simulation.timeMs, simulation.durationMs);
        return done ? { value: simulation.report() } : undefined;
      });
    },
    runSweep(request, control) {
      const options = { seed: request.seed ?? DEFAULT_SEED, durationS: request.durationS ?? DEFAULT_DURATION_S };
      const steps = runSweepShare(request.document, request.share, options);
      // One simulation per slice.
      return sliced(control, () => {
        const step = steps.next();
        if (step.done) return { value: step.value };
        control?.onProgress?.(step.value.done, step.value.total);
        return undefined;
      });
    },
    onDidFrame: frames.subscribe,
    onDidFinish: finishes.subscribe,
    onDidFail: failures.subscribe,
  };
}
