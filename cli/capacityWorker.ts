/**
 * A worker thread of `topo capacity --ramp` (bundled as dist/cli/capacity-worker.cjs): one thread
 * of the batch pool (`shared/batch`, `cli/batchThreads.ts`), like the sweep's. It receives ramp
 * steps one at a time, runs each with the shared `runRampStep`, and posts its result.
 */
import { parentPort } from 'node:worker_threads';
import { runRampStep, type RampStep, type RampStepTask } from '../shared/reliability';
import type { BatchThreadMessage } from './batchThreads';

/** Worker → main thread. */
export type RampStepMessage = BatchThreadMessage<RampStep>;

parentPort?.on('message', (task: RampStepTask) => {
  const post = (message: RampStepMessage) => parentPort!.postMessage(message);
  try {
    post({ kind: 'done', result: runRampStep(task) });
  } catch (error) {
    post({ kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
