/**
 * The simulation worker's logic, without the Worker: it takes requests (protocol.ts) and posts
 * responses through an injected host (clock, timers, post), so tests drive it in process.
 * Live mode ticks about every 16 ms and posts frames at most 30 times a second; batch and sweep
 * work in slices, yielding between them so that a `cancel` (or live controls) gets through.
 */
import {
  LiveSession, SimulationInputError, createSimulation, runSweepTarget, sweepBaseline, sweepReport, sweepTargets,
  type SweepRun, type WorkerRequest, type WorkerResponse,
} from '../../shared/simulation';

/** What the handler needs from where it runs. */
export interface WorkerHost {
  post(message: WorkerResponse): void;
  /** Wall-clock ms (performance.now() in a worker). */
  now(): number;
  setTimer(callback: () => void, delayMs: number): unknown;
  clearTimer(handle: unknown): void;
}

/** Wall ms between live ticks (frames themselves are capped by LiveSession at 30 Hz). */
const TICK_MS = 16;
/** Events per batch slice: ≈ 50 ms of work, so a cancel waits at most that long. */
const BATCH_SLICE_EVENTS = 250_000;

function messageOf(error: unknown): string {
  if (error instanceof SimulationInputError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

export function createWorkerHandler(host: WorkerHost): (request: WorkerRequest) => void {
  let session: LiveSession | undefined;
  let timer: unknown;
  const cancelled = new Set<number>();

  const stopTimer = () => {
    if (timer !== undefined) host.clearTimer(timer);
    timer = undefined;
  };
  const tick = () => {
    timer = undefined;
    if (!session) return;
    try {
      const frame = session.tick(host.now());
      if (frame) host.post({ type: 'frame', frame });
      if (session.finished && frame) {
        host.post({ type: 'liveFinished', report: session.report() });
        return;
      }
    } catch (error) {
      session = undefined;
      host.post({ type: 'error', message: messageOf(error) });
      return;
    }
    if (!session.pacer.paused) timer = host.setTimer(tick, TICK_MS);
  };
  const postFrame = () => session && host.post({ type: 'frame', frame: session.frame() });

  /** Runs `work` slice by slice; each slice returns true when done. */
  const sliced = (requestId: number, work: () => boolean) => {
    const step = () => {
      if (cancelled.delete(requestId)) return host.post({ type: 'cancelled', requestId });
      try {
        if (!work()) host.setTimer(step, 0);
      } catch (error) {
        host.post({ type: 'error', requestId, message: messageOf(error) });
      }
    };
    step();
  };

  return (request) => {
    switch (request.type) {
      case 'start':
        stopTimer();
        try {
          session = new LiveSession(
            request.document,
            { ...(request.scenarioId !== undefined ? { scenario: request.scenarioId } : {}), seed: request.seed, durationS: request.durationS, speed: request.speed },
            host.now(),
          );
        } catch (error) {
          session = undefined;
          return host.post({ type: 'error', message: messageOf(error) });
        }
        return tick();
      case 'pause':
        if (!session) return;
        session.pacer.pause(host.now());
        stopTimer();
        return postFrame();
      case 'resume':
        if (!session || !session.pacer.paused) return;
        session.pacer.resume(host.now());
        return tick();
      case 'setSpeed':
        if (!session) return;
        try {
          session.pacer.setSpeed(request.speed, host.now());
        } catch (error) {
          return host.post({ type: 'error', message: messageOf(error) });
        }
        return postFrame();
      case 'reset':
        stopTimer();
        session = undefined;
        return;
      case 'cancel':
        cancelled.add(request.requestId);
        return;
      case 'batch': {
        let simulation: ReturnType<typeof createSimulation>;
        try {
          simulation = createSimulation(request.document, { ...(request.scenarioId !== undefined ? { scenario: request.scenarioId } : {}), seed: request.seed, durationS: request.durationS });
        } catch (error) {
          return host.post({ type: 'error', requestId: request.requestId, message: messageOf(error) });
        }
        return sliced(request.requestId, () => {
          const done = simulation.step(BATCH_SLICE_EVENTS);
          host.post({ type: 'progress', requestId: request.requestId, done: simulation.timeMs, total: simulation.durationMs });
          if (done) host.post({ type: 'batchResult', requestId: request.requestId, report: simulation.report() });
          return done;
        });
      }
      case 'sweep': {
        const options = { durationS: request.durationS, seed: request.seed };
        const part = request.part ?? { index: 0, of: 1 };
        const targets = sweepTargets(request.document).filter((_, i) => i % part.of === part.index);
        const runs: SweepRun[] = [];
        const total = targets.length + 1;
        return sliced(request.requestId, () => {
          const target = targets[runs.length];
          if (target) runs.push(runSweepTarget(request.document, target, options));
          const done = runs.length + (target ? 0 : 1);
          host.post({ type: 'progress', requestId: request.requestId, done, total });
          if (target) return false;
          const baseline = part.index === 0 ? sweepBaseline(request.document, options) : -1;
          host.post({ type: 'sweepResult', requestId: request.requestId, report: sweepReport(request.document, runs, baseline, options) });
          return true;
        });
      }
    }
  };
}
