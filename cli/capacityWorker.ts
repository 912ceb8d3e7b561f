/**
 * A worker thread of `topo capacity --ramp` (bundled as dist/cli/capacity-worker.cjs): runs the
 * ramp steps it is sent, one at a time, with the shared `runRampStep`, and posts each result.
 */
import { parentPort } from 'node:worker_threads';
import { runRampStep, type RampStep, type RampStepTask } from '../shared/reliability';

/** Worker → main thread. */
export type RampStepMessage = { readonly kind: 'done'; readonly step: RampStep } | { readonly kind: 'error'; readonly message: string };

parentPort?.on('message', (task: RampStepTask) => {
  try {
    parentPort!.postMessage({ kind: 'done', step: runRampStep(task) } satisfies RampStepMessage);
  } catch (error) {
    parentPort!.postMessage({ kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies RampStepMessage);
  }
});
