/**
 * The simulation worker: one live session (paced to the wall clock × speed, frames at ≤ 30 Hz)
 * plus batch and sweep requests, all from the one engine in shared/simulation. It imports only
 * shared/, so the UI thread never runs the engine.
 */
/// <reference lib="webworker" />
import { LiveSession, simulate, sweepBaseline, sweepReport, sweepTargets, runSweepTarget } from '../../shared/simulation';
import type { SweepRun, WorkerRequest, WorkerResponse } from '../../shared/simulation';

declare const self: DedicatedWorkerGlobalScope;

/** How often the live loop runs (ms): faster than frames, so pacing stays smooth. */
const TICK_MS = 8;

let session: LiveSession | null = null;
let timer: ReturnType<typeof setInterval> | null = null;
const cancelled = new Set<number>();

function post(message: WorkerResponse): void {
  self.postMessage(message);
}

function stopLoop(): void {
  if (timer !== null) clearInterval(timer);
  timer = null;
}

function loop(): void {
  if (!session) return stopLoop();
  try {
    const frame = session.tick(performance.now());
    if (frame) post({ type: 'frame', frame });
    if (session.finished) {
      post({ type: 'liveFinished', report: session.report() });
      stopLoop();
    }
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    session = null;
    stopLoop();
  }
}

/** Yields to the message loop so cancel requests get through between long runs. */
function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function runSweep(request: Extract<WorkerRequest, { type: 'sweep' }>): Promise<void> {
  const options = { seed: request.seed, durationS: request.durationS };
  const targets = sweepTargets(request.document);
  const runs: SweepRun[] = [];
  post({ type: 'progress', requestId: request.requestId, done: 0, total: targets.length + 1 });
  const baseline = sweepBaseline(request.document, options);
  for (const [i, target] of targets.entries()) {
    await yieldToMessages();
    if (cancelled.delete(request.requestId)) {
      post({ type: 'cancelled', requestId: request.requestId });
      return;
    }
    runs.push(runSweepTarget(request.document, target, options));
    post({ type: 'progress', requestId: request.requestId, done: i + 2, total: targets.length + 1 });
  }
  post({ type: 'sweepResult', requestId: request.requestId, report: sweepReport(request.document, runs, baseline, options) });
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  const now = performance.now();
  try {
    switch (request.type) {
      case 'start':
        stopLoop();
        session = new LiveSession(
          request.document,
          { ...(request.scenarioId ? { scenario: request.scenarioId } : {}), seed: request.seed, durationS: request.durationS, speed: request.speed },
          now,
        );
        post({ type: 'frame', frame: session.frame() });
        timer = setInterval(loop, TICK_MS);
        return;
      case 'pause':
        session?.pacer.pause(now);
        if (session) post({ type: 'frame', frame: session.frame() });
        return;
      case 'resume':
        session?.pacer.resume(now);
        return;
      case 'setSpeed':
        session?.pacer.setSpeed(request.speed, now);
        return;
      case 'reset':
        session = null;
        stopLoop();
        return;
      case 'batch': {
        const report = simulate(request.document, { ...(request.scenarioId ? { scenario: request.scenarioId } : {}), seed: request.seed, durationS: request.durationS });
        post({ type: 'batchResult', requestId: request.requestId, report });
        return;
      }
      case 'sweep':
        void runSweep(request).catch((error: unknown) =>
          post({ type: 'error', requestId: request.requestId, message: error instanceof Error ? error.message : String(error) }),
        );
        return;
      case 'cancel':
        cancelled.add(request.requestId);
        return;
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    post('requestId' in request ? { type: 'error', requestId: request.requestId, message } : { type: 'error', message });
  }
};
