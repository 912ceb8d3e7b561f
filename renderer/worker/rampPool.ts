/**
 * The capacity ramp on the app's simulation services (the sweep's pool of Web Workers) through the
 * batch pool of `shared/batch` — the same tasks and `runRamp` the CLI's worker threads use: one
 * step per task, an idle worker takes the next. A worker runs the scaled design as a batch and the
 * step is read off its report with `rampStepOf`, so the ramp is the same as `topo capacity --ramp`
 * for the same seed and duration, whatever the number of workers.
 */
import type { TopologyDocument } from '../../shared/document';
import { rampStepOf, runRamp, scaledDocument, type RampReport } from '../../shared/reliability';
import type { RunControl, SimulationService } from '../../shared/simulation';

export interface PooledRampRequest {
  readonly document: TopologyDocument;
  readonly seed: number;
  readonly durationS: number;
  /** Number of multiples (default: the CLI's). */
  readonly steps?: number;
}

/**
 * Runs the ramp over `services` (at least one). Progress counts finished steps; when one fails or
 * the signal aborts, no further step starts, the running ones are cancelled and the ramp rejects.
 * The services stay up (they are the app's, not the pool's).
 */
export async function rampOnPool(services: readonly SimulationService[], request: PooledRampRequest, control: RunControl = {}): Promise<RampReport> {
  if (services.length === 0) throw new RangeError('rampOnPool: no simulation service to run on');
  return runRamp(request.document, {
    seed: request.seed,
    durationS: request.durationS,
    ...(request.steps !== undefined ? { steps: request.steps } : {}),
    workers: services.length,
    spawn: (index) => ({
      run: async (task, taskControl) => {
        const report = await services[index]!.runBatch({ document: scaledDocument(task.document, task.multiple), seed: task.seed, durationS: task.durationS }, { signal: taskControl.signal });
        return rampStepOf(task.multiple, report);
      },
    }),
    ...(control.signal ? { signal: control.signal } : {}),
    ...(control.onProgress ? { onProgress: control.onProgress } : {}),
  });
}
