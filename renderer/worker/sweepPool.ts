/**
 * A sweep on the app's simulation services (one Web Worker per core) through the batch pool of
 * `shared/batch` — the same pool, tasks and merge the CLI's worker threads use: one simulation
 * per task, an idle worker takes the next, so the report is the same whatever the number of workers.
 */
import { sweepOnWorkers, type RunControl, type SimulationService, type SweepReport } from '../../shared/simulation';
import type { TopologyDocument } from '../../shared/document';

export interface PooledSweepRequest {
  readonly document: TopologyDocument;
  readonly seed: number;
  readonly durationS: number;
}

/**
 * Runs the sweep over `services` (at least one). Progress counts simulations over the whole
 * sweep; when one fails, no further one starts, the running ones are cancelled and the sweep
 * rejects with that failure. The services stay up (they are the app's, not the pool's).
 */
export async function sweepOnPool(services: readonly SimulationService[], request: PooledSweepRequest, control: RunControl = {}): Promise<SweepReport> {
  if (services.length === 0) throw new RangeError('sweepOnPool: no simulation service to run on');
  return sweepOnWorkers(request.document, {
    seed: request.seed,
    durationS: request.durationS,
    workers: services.length,
    spawn: (index) => ({ run: (task, taskControl) => services[index]!.runSweep(task, taskControl) }),
    ...(control.signal ? { signal: control.signal } : {}),
    ...(control.onProgress ? { onProgress: control.onProgress } : {}),
  });
}
